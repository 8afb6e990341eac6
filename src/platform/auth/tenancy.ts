/**
 * The organization side of authorization, shared by every context.
 *
 * A user acts in one organization at a time, named per request: by the path of
 * routes under /organizations/{orgId} (see @OrganizationFromPath) and by the
 * X-Organization-Id header elsewhere; an API key always acts in its own
 * organization. The TenantGuard checks membership on every request and adds the
 * member's role claims to the principal's roles, so @Roles(...) covers platform
 * and organization roles alike.
 */
export const ORGANIZATION_HEADER = 'x-organization-id';
export const API_KEY_HEADER = 'x-api-key';

/**
 * Organization role claims are `org:<role>`. Which roles exist, and which claims
 * each holds, is declared by the context that owns memberships (its
 * TenantResolver and ApiKeyVerifier add them; its index.ts exports the claim
 * constants for other contexts' @Roles).
 */
export const ORGANIZATION_CLAIM_PREFIX = 'org:';

/** The claim of an organization role: `org:<role>`. */
export function organizationClaim(role: string): string {
  return `${ORGANIZATION_CLAIM_PREFIX}${role}`;
}

/** `roles` without any organization claim (what the access token itself carried). */
export function withoutOrganizationClaims(roles: readonly string[]): string[] {
  return roles.filter((role) => !role.startsWith(ORGANIZATION_CLAIM_PREFIX));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
