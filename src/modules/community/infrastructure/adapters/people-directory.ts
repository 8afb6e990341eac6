import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityApi } from '../../../identity';
import { OrganizationsApi } from '../../../organizations';
import type { AuthorView, PeopleDirectory } from '../../application/ports';

/** People through the identity facade, organizations and their members through the organizations facade. */
@Injectable()
export class FacadePeopleDirectory implements PeopleDirectory {
  constructor(
    private readonly identity: IdentityApi,
    private readonly organizations: OrganizationsApi,
  ) {}

  async names(ctx: RequestContext, userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    return new Map((await this.identity.getAccounts(ctx, userIds)).map((account) => [account.id, account.fullName]));
  }

  async authors(ctx: RequestContext, userIds: string[]): Promise<Map<string, AuthorView>> {
    if (userIds.length === 0) return new Map();
    return this.identity.publicProfiles(ctx, userIds);
  }

  async emails(ctx: RequestContext, userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const accounts = await this.identity.getAccounts(ctx, userIds);
    return new Map(accounts.filter((account) => !account.disabled).map((account) => [account.id, account.email]));
  }

  organizationMembers(ctx: RequestContext, orgId: string, minimum: 'staff' | 'manager' | 'principal'): Promise<string[]> {
    return this.organizations.activeMemberIds(ctx, orgId, minimum);
  }

  async isActiveMember(ctx: RequestContext, orgId: string, userId: string): Promise<boolean> {
    return (await this.organizations.activeRole(ctx, orgId, userId)) !== undefined;
  }

  async organizationExists(ctx: RequestContext, orgId: string): Promise<boolean> {
    return (await this.organizations.getOrganization(ctx, orgId)) !== undefined;
  }
}
