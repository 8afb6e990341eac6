import { Inject, Injectable } from '@nestjs/common';
import { Page, PageRequest, RequestContext, toPage } from '../../../../platform/kernel';
import { OrganizationRole, OrganizationsErrors, atLeast } from '../../domain';
import { activeRole, isPlatformAdmin, requireUserId } from '../access';
import { ACCOUNTS, Accounts, AccountSummary, Membership, ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';
import type { UserView } from '../views';

export interface UserFilter {
  email?: string;
  role?: OrganizationRole;
}

/**
 * Seed 003's user lists, by who asks:
 * - a principal or manager acting in an organization: that organization's users, with their membership there only;
 * - a platform admin (no organization named): every account, with all memberships;
 * - anyone else: themselves.
 */
@Injectable()
export class UserQueries {
  constructor(
    @Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork,
    @Inject(ACCOUNTS) private readonly accounts: Accounts,
  ) {}

  async list(ctx: RequestContext, filter: UserFilter, page: PageRequest): Promise<Page<UserView>> {
    const active = activeRole(ctx);
    if (active && atLeast(active.role, 'manager')) {
      const memberships = await this.uow.repos.memberships.list(active.orgId, { role: filter.role }, page);
      const accounts = await this.accounts.getMany(
        ctx,
        memberships.data.map((membership) => membership.userId),
      );
      const data = memberships.data.flatMap((membership) => {
        const account = accounts.get(membership.userId);
        return account ? [{ account, memberships: [membership] }] : [];
      });
      return { data, meta: memberships.meta };
    }
    if (isPlatformAdmin(ctx)) {
      const accounts = await this.accounts.list(ctx, { email: filter.email }, page);
      return { data: await this.withAllMemberships(accounts.data), meta: accounts.meta };
    }
    const self = await this.self(ctx);
    return toPage(page.page === 1 ? [self] : [], 1, page);
  }

  async get(ctx: RequestContext, userId: string): Promise<UserView> {
    if (userId === ctx.userId) return this.self(ctx);
    const active = activeRole(ctx);
    if (active && atLeast(active.role, 'manager')) {
      const membership = await this.uow.repos.memberships.find(active.orgId, userId);
      const account = membership && (await this.accounts.get(ctx, userId));
      if (membership && account) return { account, memberships: [membership] };
    }
    if (isPlatformAdmin(ctx)) {
      const account = await this.accounts.get(ctx, userId);
      if (account) return (await this.withAllMemberships([account]))[0];
    }
    throw OrganizationsErrors.userNotFound();
  }

  private async self(ctx: RequestContext): Promise<UserView> {
    const account = await this.accounts.get(ctx, requireUserId(ctx));
    if (!account) throw OrganizationsErrors.userNotFound();
    return (await this.withAllMemberships([account]))[0];
  }

  private async withAllMemberships(accounts: AccountSummary[]): Promise<UserView[]> {
    const memberships = await this.uow.repos.memberships.listForUsers(accounts.map((account) => account.id));
    const byUser = new Map<string, Membership[]>();
    for (const membership of memberships) byUser.set(membership.userId, [...(byUser.get(membership.userId) ?? []), membership]);
    return accounts.map((account) => ({ account, memberships: byUser.get(account.id) ?? [] }));
  }
}
