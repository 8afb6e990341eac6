import { Inject, Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { ApiKey, Invitation, OrganizationRole, OrganizationsErrors } from '../../domain';
import { requirePlatformAdmin, requireRoleIn, requireUserId, roleIn } from '../access';
import { ACCOUNTS, Accounts, MembershipStatus, ORGANIZATIONS_UNIT_OF_WORK, OrganizationFilter, OrganizationsUnitOfWork } from '../ports';
import type { MemberView, OrganizationView } from '../views';

/** Reads of organizations, members, invitations and keys, each scoped to what the caller may see. */
@Injectable()
export class OrganizationQueries {
  constructor(
    @Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork,
    @Inject(ACCOUNTS) private readonly accounts: Accounts,
  ) {}

  /** The organizations the caller is an active member of, suspended ones included (so the member sees why). */
  async listMine(ctx: RequestContext, page: PageRequest): Promise<Page<OrganizationView>> {
    const result = await this.uow.repos.organizations.listForUser(requireUserId(ctx), page);
    return { data: result.data.map(({ organization, role }) => ({ organization, role })), meta: result.meta };
  }

  async get(ctx: RequestContext, orgId: string): Promise<OrganizationView> {
    const role = roleIn(ctx, orgId);
    const organization = await this.uow.repos.organizations.findById(orgId);
    if (!organization) throw OrganizationsErrors.notFound();
    return { organization, role };
  }

  async adminList(ctx: RequestContext, filter: OrganizationFilter, page: PageRequest): Promise<Page<OrganizationView>> {
    requirePlatformAdmin(ctx);
    const result = await this.uow.repos.organizations.listAll(filter, page);
    return { data: result.data.map((organization) => ({ organization })), meta: result.meta };
  }

  async adminGet(ctx: RequestContext, orgId: string): Promise<OrganizationView> {
    requirePlatformAdmin(ctx);
    const organization = await this.uow.repos.organizations.findById(orgId);
    if (!organization) throw OrganizationsErrors.notFound();
    return { organization };
  }

  /** Managers and principals see the members; staff work on what is assigned to them. */
  async listMembers(
    ctx: RequestContext,
    orgId: string,
    filter: { role?: OrganizationRole; status?: MembershipStatus },
    page: PageRequest,
  ): Promise<Page<MemberView>> {
    requireRoleIn(ctx, orgId, 'manager');
    return this.membersPage(ctx, orgId, filter, page);
  }

  async adminListMembers(ctx: RequestContext, orgId: string, page: PageRequest): Promise<Page<MemberView>> {
    requirePlatformAdmin(ctx);
    if (!(await this.uow.repos.organizations.findById(orgId))) throw OrganizationsErrors.notFound();
    return this.membersPage(ctx, orgId, {}, page);
  }

  async listInvitations(ctx: RequestContext, orgId: string, page: PageRequest): Promise<Page<Invitation>> {
    requireRoleIn(ctx, orgId, 'manager');
    return this.uow.repos.invitations.listPending(orgId, page);
  }

  async listApiKeys(ctx: RequestContext, orgId: string, page: PageRequest): Promise<Page<ApiKey>> {
    requireRoleIn(ctx, orgId, 'manager');
    return this.uow.repos.apiKeys.list(orgId, page);
  }

  private async membersPage(
    ctx: RequestContext,
    orgId: string,
    filter: { role?: OrganizationRole; status?: MembershipStatus },
    page: PageRequest,
  ): Promise<Page<MemberView>> {
    const memberships = await this.uow.repos.memberships.list(orgId, filter, page);
    const accounts = await this.accounts.getMany(
      ctx,
      memberships.data.map((membership) => membership.userId),
    );
    return { data: memberships.data.map((membership) => ({ membership, account: accounts.get(membership.userId) })), meta: memberships.meta };
  }
}
