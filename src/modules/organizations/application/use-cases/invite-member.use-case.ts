import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../../platform/kernel';
import { INVITATION_TTL_MS, Invitation, OrganizationRole, OrganizationsErrors, mayInvite } from '../../domain';
import { requireRoleIn } from '../access';
import {
  ACCOUNTS,
  Accounts,
  INVITATION_MESSAGES,
  InvitationMessages,
  ORGANIZATION_SECRETS,
  ORGANIZATIONS_UNIT_OF_WORK,
  OrganizationSecrets,
  OrganizationsUnitOfWork,
} from '../ports';

/**
 * Invites an address with a role (principals: any role; managers: staff). The
 * token is mailed, stored only as its SHA-256, expires after
 * INVITATION_TTL_DAYS and works once; inviting the same address again
 * replaces the open invitation. The mail is sent after the commit.
 */
@Injectable()
export class InviteMemberUseCase {
  constructor(
    @Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork,
    @Inject(ACCOUNTS) private readonly accounts: Accounts,
    @Inject(ORGANIZATION_SECRETS) private readonly secrets: OrganizationSecrets,
    @Inject(INVITATION_MESSAGES) private readonly messages: InvitationMessages,
  ) {}

  async execute(ctx: RequestContext, input: { orgId: string; email: string; role: OrganizationRole }): Promise<Invitation> {
    const actor = requireRoleIn(ctx, input.orgId, 'manager');
    if (!mayInvite(actor, input.role)) throw OrganizationsErrors.forbidden('Managers invite staff only.');
    const email = input.email.trim().toLowerCase();
    const existing = await this.accounts.findByEmail(ctx, email);
    if (existing && (await this.uow.repos.memberships.find(input.orgId, existing.id))) throw OrganizationsErrors.alreadyMember();

    const token = this.secrets.newToken();
    const now = new Date();
    const invitation: Invitation = {
      id: randomUUID(),
      orgId: input.orgId,
      email,
      role: input.role,
      status: 'pending',
      invitedBy: ctx.userId ?? null,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      respondedAt: null,
      createdAt: now,
    };
    const organization = await this.uow.run(async (repos) => {
      const organization = await repos.organizations.findById(input.orgId);
      if (!organization) throw OrganizationsErrors.notFound();
      await repos.invitations.revokePending(input.orgId, email, now);
      await repos.invitations.insert(invitation, this.secrets.hash(token));
      await repos.audit.record(ctx, {
        orgId: input.orgId,
        action: 'invitation.created',
        targetType: 'invitation',
        targetId: invitation.id,
        metadata: { email, role: input.role },
      });
      return organization;
    });
    await this.messages.invitation(ctx, email, { organizationName: organization.name, role: input.role, token, expiresAt: invitation.expiresAt });
    return invitation;
  }
}
