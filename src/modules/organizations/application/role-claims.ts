import { organizationClaim } from '../../../platform/auth/tenancy';
import type { OrganizationRole } from '../domain';

/**
 * The role claims this context declares for @Roles(...) (exported from index.ts for every context). The
 * TenantResolver and the API key verifier add them to the principal of a member of the active organization.
 *
 * Organization roles are ordered: a principal also holds the manager and staff claims, a manager the staff claim.
 * `@Roles(ORG_MANAGER)` therefore means "manager or principal of the active organization".
 */
export const ORG_PRINCIPAL = organizationClaim('principal');
export const ORG_MANAGER = organizationClaim('manager');
export const ORG_STAFF = organizationClaim('staff');

const CLAIMS: Record<OrganizationRole, string[]> = {
  principal: [ORG_PRINCIPAL, ORG_MANAGER, ORG_STAFF],
  manager: [ORG_MANAGER, ORG_STAFF],
  staff: [ORG_STAFF],
};

/** The role claims a member of `role` holds in its active organization (hierarchical). */
export function organizationRoleClaims(role: OrganizationRole): string[] {
  return [...CLAIMS[role]];
}

/** The highest organization role among `roles` (claims), if any. */
export function organizationRoleOf(roles: readonly string[]): OrganizationRole | undefined {
  if (roles.includes(ORG_PRINCIPAL)) return 'principal';
  if (roles.includes(ORG_MANAGER)) return 'manager';
  if (roles.includes(ORG_STAFF)) return 'staff';
  return undefined;
}
