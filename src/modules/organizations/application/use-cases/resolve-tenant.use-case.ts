import { Inject, Injectable } from '@nestjs/common';
import type { OrganizationSource, Principal, TenantResolver } from '../../../../platform/auth/principal';
import { withoutOrganizationClaims } from '../../../../platform/auth/tenancy';
import { organizationRoleClaims } from '../role-claims';
import { OrganizationsErrors } from '../../domain';
import { ORGANIZATIONS_UNIT_OF_WORK, OrganizationsUnitOfWork } from '../ports';

/**
 * What the platform's TenantGuard calls when a request names an organization:
 * one primary-key lookup of the membership (joined with the organization's
 * status) on every request, no cache, so removing or deactivating a member or
 * suspending the organization takes effect on the very next request in every
 * process. A non-member cannot tell an existing organization from a missing one.
 */
@Injectable()
export class ResolveTenantUseCase implements TenantResolver {
  constructor(@Inject(ORGANIZATIONS_UNIT_OF_WORK) private readonly uow: OrganizationsUnitOfWork) {}

  async activate(principal: Principal, orgId: string, source: OrganizationSource): Promise<Principal> {
    const refuse = () => (source === 'path' ? OrganizationsErrors.notFound() : OrganizationsErrors.notAMember());
    if (principal.apiKeyId) {
      // A key acts in its own organization only (its status was checked with the key).
      if (principal.orgId !== orgId) throw refuse();
      return principal;
    }
    if (!principal.userId) throw refuse();
    const access = await this.uow.repos.memberships.activeAccess(orgId, principal.userId);
    if (!access) throw refuse();
    if (access.orgStatus === 'suspended') throw OrganizationsErrors.suspended();
    return { ...principal, orgId, roles: [...withoutOrganizationClaims(principal.roles), ...organizationRoleClaims(access.role)] };
  }
}
