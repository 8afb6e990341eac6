import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OrganizationsErrors } from '../../domain';
import { requirePlatformAdmin } from '../access';
import { ACCOUNTS, Accounts, ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';

/**
 * Seed 003's "delete user", by a platform admin, is a deactivation: identity
 * disables the account and ends all its sessions (their access tokens are
 * refused from the next request), and every API key the user created is
 * revoked. Memberships stay for the record; a disabled account cannot use them.
 */
@Injectable()
export class DeleteUserUseCase {
  constructor(
    @Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork,
    @Inject(ACCOUNTS) private readonly accounts: Accounts,
  ) {}

  async execute(ctx: RequestContext, userId: string): Promise<void> {
    requirePlatformAdmin(ctx);
    if (userId === ctx.userId) throw OrganizationsErrors.userIsSelf();
    const account = await this.accounts.get(ctx, userId);
    if (!account) throw OrganizationsErrors.userNotFound();
    await this.accounts.disable(ctx, userId);
    await this.uow.run(async (repos) => {
      const revokedKeys = await repos.apiKeys.revokeCreatedBy(userId, null, ctx.userId ?? null, new Date());
      await repos.audit.record(ctx, {
        orgId: null,
        action: 'user.deleted',
        targetType: 'account',
        targetId: userId,
        metadata: { as_platform_admin: true, revoked_api_keys: revokedKeys },
      });
    });
  }
}
