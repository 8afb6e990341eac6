/**
 * The organization side of authorization, shared by every context.
 *
 * A user acts in one organization at a time, named per request: by the path of
 * routes under /organizations/{orgId} (see @OrganizationFromPath) and by the
 * X-Organization-Id header elsewhere; an API key always acts in its own
 * organization. The TenantGuard checks membership on every request and adds the
 * member's role claims to the principal's roles, so @Roles(...) covers platform
 * and organization roles alike.
 *
 * Organization roles are ordered: a principal also holds the manager and staff
 * claims, a manager the staff claim. `@Roles(ORG_MANAGER)` therefore means
 * "manager or principal of the active organization".
 */
export const ORGANIZATION_HEADER = 'x-organization-id';
export const API_KEY_HEADER = 'x-api-key';

export const ORGANIZATION_ROLES = ['principal', 'manager', 'staff'] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

export const ORG_PRINCIPAL = 'org:principal';
export const ORG_MANAGER = 'org:manager';
export const ORG_STAFF = 'org:staff';

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

/** `roles` without any organization claim (what the access token itself carried). */
export function withoutOrganizationClaims(roles: readonly string[]): string[] {
  return roles.filter((role) => !role.startsWith('org:'));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
