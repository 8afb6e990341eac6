import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationsErrors, mayRemove } from '../../domain';
import { roleIn } from '../access';
import { ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';
import { assertPrincipalRemains, lockMembership, lockedActorRole } from '../services/membership-changes';

/**
 * Removes a member (principals remove anyone, managers remove staff, anyone
 * may leave). The membership row goes, so the member's next request in the
 * organization is refused; the API keys they created there are revoked, since
 * they know those secrets. The last principal can neither be removed nor leave.
 */
@Injectable()
export class RemoveMemberUseCase {
  constructor(@Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork) {}

  async execute(ctx: RequestContext, input: { orgId: string; userId: string }): Promise<void> {
    roleIn(ctx, input.orgId);
    await this.uow.run(async (repos) => {
      const { membership } = await lockMembership(repos, input.orgId, input.userId);
      const actor = await lockedActorRole(repos, input.orgId, ctx.userId, 'staff');
      if (!mayRemove({ userId: ctx.userId, role: actor }, membership)) throw OrganizationsErrors.forbidden();
      await assertPrincipalRemains(repos, membership, null);
      await repos.memberships.delete(input.orgId, input.userId);
      const now = new Date();
      const revokedKeys = await repos.apiKeys.revokeCreatedBy(input.userId, input.orgId, ctx.userId ?? null, now);
      const left = input.userId === ctx.userId;
      await repos.audit.record(ctx, {
        orgId: input.orgId,
        action: left ? 'member.left' : 'member.removed',
        targetType: 'member',
        targetId: input.userId,
        metadata: { role: membership.role, revoked_api_keys: revokedKeys },
      });
    });
  }
}
