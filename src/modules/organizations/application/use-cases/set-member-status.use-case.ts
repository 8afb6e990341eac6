import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationsErrors } from '../../domain';
import { requireRoleIn } from '../access';
import { Membership, MembershipStatus, ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';
import { assertPrincipalRemains, lockMembership, lockedActorRole } from '../services/membership-changes';

/**
 * Seed 003's "deactivate user" by a principal: the membership stays (history,
 * reactivation) but stops granting access at once, and the API keys the user
 * created in the organization are revoked. The account itself, which may
 * belong to other organizations, is untouched: disabling it is an admin act.
 */
@Injectable()
export class SetMemberStatusUseCase {
  constructor(@Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork) {}

  async execute(ctx: RequestContext, input: { orgId: string; userId: string; status: MembershipStatus }): Promise<Membership> {
    requireRoleIn(ctx, input.orgId, 'principal');
    if (input.userId === ctx.userId) throw OrganizationsErrors.userIsSelf();
    return this.uow.run(async (repos) => {
      const { membership } = await lockMembership(repos, input.orgId, input.userId, OrganizationsErrors.userNotFound);
      await lockedActorRole(repos, input.orgId, ctx.userId, 'principal');
      if (membership.status === input.status) return membership;
      const now = new Date();
      let revokedKeys: string[] = [];
      if (input.status === 'deactivated') {
        await assertPrincipalRemains(repos, membership, null);
        revokedKeys = await repos.apiKeys.revokeCreatedBy(input.userId, input.orgId, ctx.userId ?? null, now);
      }
      const next: Membership = { ...membership, status: input.status, updatedAt: now };
      await repos.memberships.save(next);
      await repos.audit.record(ctx, {
        orgId: input.orgId,
        action: input.status === 'deactivated' ? 'member.deactivated' : 'member.reactivated',
        targetType: 'member',
        targetId: input.userId,
        metadata: { role: membership.role, ...(revokedKeys.length ? { revoked_api_keys: revokedKeys } : {}) },
      });
      return next;
    });
  }
}
