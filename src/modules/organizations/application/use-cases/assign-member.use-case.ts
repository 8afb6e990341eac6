import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationRole, OrganizationsErrors } from '../../domain';
import { requirePlatformAdmin } from '../access';
import { ACCOUNTS, Accounts, Membership, ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';
import { changeRole } from './change-member-role.use-case';

/**
 * Admin route: makes an account a member of any organization with a role, or
 * changes its role there (e.g. naming a dealership's principal). Audited as a
 * platform-admin act; the last-principal rule still holds.
 */
@Injectable()
export class AssignMemberUseCase {
  constructor(
    @Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork,
    @Inject(ACCOUNTS) private readonly accounts: Accounts,
  ) {}

  async execute(ctx: RequestContext, input: { orgId: string; userId: string; role: OrganizationRole }): Promise<{ membership: Membership; created: boolean }> {
    requirePlatformAdmin(ctx);
    const account = await this.accounts.get(ctx, input.userId);
    if (!account || account.disabled) throw OrganizationsErrors.userNotFound();
    return this.uow.run(async (repos) => {
      const organization = await repos.organizations.lock(input.orgId);
      if (!organization) throw OrganizationsErrors.notFound();
      const existing = await repos.memberships.find(input.orgId, input.userId);
      if (existing) {
        let membership = await changeRole(ctx, repos, input, { asPlatformAdmin: true });
        if (membership.status !== 'active') {
          membership = { ...membership, status: 'active', updatedAt: new Date() };
          await repos.memberships.save(membership);
          await repos.audit.record(ctx, {
            orgId: input.orgId,
            action: 'member.reactivated',
            targetType: 'member',
            targetId: input.userId,
            metadata: { as_platform_admin: true },
          });
        }
        return { membership, created: false };
      }
      const now = new Date();
      const membership: Membership = {
        orgId: input.orgId,
        userId: input.userId,
        role: input.role,
        status: 'active',
        addedBy: ctx.userId ?? null,
        joinedAt: now,
        updatedAt: now,
      };
      await repos.memberships.insert(membership);
      await repos.audit.record(ctx, {
        orgId: input.orgId,
        action: 'member.added',
        targetType: 'member',
        targetId: input.userId,
        metadata: { role: input.role, as_platform_admin: true },
      });
      return { membership, created: true };
    });
  }
}
