import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { Invitation, OrganizationsErrors, invitationState } from '../../domain';
import { requireUserId } from '../access';
import {
  ACCOUNTS,
  Accounts,
  Membership,
  ORGANIZATION_SECRETS,
  ORGANIZATIONS_UNIT_OF_WORK,
  OrganizationSecrets,
  OrganizationsRepositories,
  OrganizationsUnitOfWork,
} from '../ports';
import type { OrganizationView } from '../views';

/**
 * Accepting or declining an invitation with its token. The invitation row is
 * locked while it is answered, so a token works exactly once even when two
 * requests race. Accepting needs the signed-in account to have the invited
 * address; declining needs only the token.
 */
@Injectable()
export class AnswerInvitationUseCase {
  constructor(
    @Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork,
    @Inject(ACCOUNTS) private readonly accounts: Accounts,
    @Inject(ORGANIZATION_SECRETS) private readonly secrets: OrganizationSecrets,
  ) {}

  async accept(ctx: RequestContext, token: string): Promise<OrganizationView> {
    const userId = requireUserId(ctx);
    const account = await this.accounts.get(ctx, userId);
    if (!account) throw OrganizationsErrors.userNotFound();
    return this.uow.run(async (repos) => {
      const invitation = await this.open(repos, token);
      if (invitation.email !== account.email.toLowerCase()) throw OrganizationsErrors.invitationEmailMismatch();
      const organization = await repos.organizations.lock(invitation.orgId);
      if (!organization) throw OrganizationsErrors.invitationInvalid();
      if (organization.status === 'suspended') throw OrganizationsErrors.suspended();
      const now = new Date();
      const existing = await repos.memberships.find(invitation.orgId, userId);
      if (existing?.status === 'active') throw OrganizationsErrors.alreadyMember();
      const membership: Membership = existing
        ? { ...existing, role: invitation.role, status: 'active', updatedAt: now }
        : { orgId: invitation.orgId, userId, role: invitation.role, status: 'active', addedBy: invitation.invitedBy, joinedAt: now, updatedAt: now };
      if (existing) await repos.memberships.save(membership);
      else await repos.memberships.insert(membership);
      await repos.invitations.close(invitation.id, 'accepted', userId, now);
      const scoped = { ...ctx, orgId: invitation.orgId };
      await repos.audit.record(scoped, { orgId: invitation.orgId, action: 'invitation.accepted', targetType: 'invitation', targetId: invitation.id });
      await repos.audit.record(scoped, {
        orgId: invitation.orgId,
        action: 'member.added',
        targetType: 'member',
        targetId: userId,
        metadata: { role: invitation.role, invitation_id: invitation.id },
      });
      return { organization, role: invitation.role };
    });
  }

  async decline(ctx: RequestContext, token: string): Promise<void> {
    await this.uow.run(async (repos) => {
      const invitation = await this.open(repos, token);
      await repos.invitations.close(invitation.id, 'declined', ctx.userId ?? null, new Date());
      await repos.audit.record(
        { ...ctx, orgId: invitation.orgId },
        { orgId: invitation.orgId, action: 'invitation.declined', targetType: 'invitation', targetId: invitation.id },
      );
    });
  }

  private async open(repos: OrganizationsRepositories, token: string): Promise<Invitation> {
    const invitation = await repos.invitations.findByTokenForUpdate(this.secrets.hash(token));
    if (!invitation) throw OrganizationsErrors.invitationInvalid();
    const state = invitationState(invitation, new Date());
    if (state === 'expired') throw OrganizationsErrors.invitationExpired();
    if (state === 'closed') throw OrganizationsErrors.invitationInvalid();
    return invitation;
  }
}
