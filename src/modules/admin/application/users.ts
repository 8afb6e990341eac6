import { Injectable } from '@nestjs/common';
import { DomainError, type Page, type PageRequest, type RequestContext, type SortOrder } from '../../../platform/kernel';
import { AccountSortField, IdentityAccountSummary, IdentityApi } from '../../identity';
import { ApiKeySummary, OrganizationsApi, UserMembershipSummary } from '../../organizations';
import { requirePlatformAdmin } from './access';

export interface AdminUserDetail {
  account: IdentityAccountSummary;
  memberships: UserMembershipSummary[];
  apiKeys: ApiKeySummary[];
}

export interface AdminUserFilter {
  q?: string;
  status?: 'active' | 'suspended';
  sort?: SortOrder<AccountSortField>;
}

const notFound = () => new DomainError('ADMIN.USER_NOT_FOUND', 'not_found', 'No account has this id.');
const notOnSelf = () => new DomainError('ADMIN.CANNOT_TARGET_SELF', 'unprocessable', 'An operator cannot suspend or sign out their own account here.');

/**
 * Users in the operators' console: accounts are identity's (suspend, reactivate, end sessions go through its use
 * cases, which record security events), memberships and keys are organizations'. Every act is also written to the
 * audit log as the operator's (`admin.*`, through OrganizationsApi.recordAudit), with the reason given.
 */
@Injectable()
export class AdminUsers {
  constructor(
    private readonly identity: IdentityApi,
    private readonly organizations: OrganizationsApi,
  ) {}

  list(ctx: RequestContext, filter: AdminUserFilter, page: PageRequest): Promise<Page<IdentityAccountSummary>> {
    requirePlatformAdmin(ctx);
    const disabled = filter.status === undefined ? undefined : filter.status === 'suspended';
    return this.identity.listAccounts(ctx, { q: filter.q, disabled, sort: filter.sort }, page);
  }

  async get(ctx: RequestContext, userId: string): Promise<AdminUserDetail> {
    requirePlatformAdmin(ctx);
    const account = await this.account(ctx, userId);
    const [memberships, apiKeys] = await Promise.all([this.organizations.membershipsOf(ctx, userId), this.organizations.apiKeysCreatedBy(ctx, userId)]);
    return { account, memberships, apiKeys };
  }

  async suspend(ctx: RequestContext, userId: string, reason: string): Promise<IdentityAccountSummary> {
    requirePlatformAdmin(ctx);
    if (userId === ctx.userId) throw notOnSelf();
    await this.account(ctx, userId);
    await this.identity.disableAccount(ctx, userId);
    await this.audit(ctx, 'admin.user_suspended', userId, { reason });
    return this.account(ctx, userId);
  }

  async reactivate(ctx: RequestContext, userId: string, reason: string | undefined): Promise<IdentityAccountSummary> {
    requirePlatformAdmin(ctx);
    await this.account(ctx, userId);
    await this.identity.enableAccount(ctx, userId);
    await this.audit(ctx, 'admin.user_reactivated', userId, reason ? { reason } : {});
    return this.account(ctx, userId);
  }

  async endSessions(ctx: RequestContext, userId: string, reason: string | undefined): Promise<{ revokedSessions: number }> {
    requirePlatformAdmin(ctx);
    if (userId === ctx.userId) throw notOnSelf();
    await this.account(ctx, userId);
    const result = await this.identity.endSessions(ctx, userId);
    await this.audit(ctx, 'admin.user_sessions_ended', userId, { revoked_sessions: result.revokedSessions, ...(reason ? { reason } : {}) });
    return result;
  }

  private async account(ctx: RequestContext, userId: string): Promise<IdentityAccountSummary> {
    const account = await this.identity.getAccount(ctx, userId);
    if (!account) throw notFound();
    return account;
  }

  private audit(ctx: RequestContext, action: `admin.${string}`, userId: string, metadata: Record<string, unknown>): Promise<void> {
    return this.organizations.recordAudit(ctx, { orgId: null, action, targetType: 'account', targetId: userId, metadata });
  }
}
