import { MARKETPLACE_ACCESS } from './access/marketplace';
import { AI_ACCESS } from './access/ai';
import { COMMERCE_ACCESS } from './access/commerce';
import { BOOKINGS_ACCESS } from './access/bookings';
import { MESSAGING_ACCESS } from './access/messaging';
import { COMMUNITY_ACCESS } from './access/community';
import { ADMIN_ACCESS } from './access/admin';
import { ANALYTICS_ACCESS } from './access/analytics';

/**
 * Who may call each operation of the API, as the route guards decide it
 * (AuthGuard, TenantGuard, RolesGuard), before a use case looks at the object.
 * One entry per operation of the OpenAPI document: access-table.e2e-spec.ts
 * fails when a route has no entry, when an entry names no route, or when an
 * entry disagrees with the route's @Public / @Roles / @AcceptsApiKey /
 * @OrganizationFromPath metadata. A context adding routes adds its entries here.
 *
 * Callers:
 * - anonymous: no credentials (admitted only by `public`);
 * - customer: a signed-in person with no role in the organization involved;
 * - staff / manager / principal: a member acting in the organization (path or X-Organization-Id);
 * - admin: a platform admin, not a member of the organization involved;
 * - key:staff / key:manager / key:principal: an organization API key (X-API-Key) of that role.
 *
 * Objects of another organization answer 404 whatever the role (resource
 * checks in the use cases); those outcomes are in the permission matrix tests.
 */
import { AccessRule, Caller, member, PLATFORM_ADMIN, PUBLIC, SIGNED_IN } from './access/rules';

export * from './access/rules';

export const ACCESS_TABLE: Record<string, AccessRule> = {
  // ---------------------------------------------------------------- platform
  'GET /api/v1/health/live': PUBLIC,
  'GET /api/v1/health/ready': PUBLIC,
  'GET /api/v1/storage/files': PUBLIC,

  // ---------------------------------------------------------------- identity
  'GET /api/v1/auth/health': PUBLIC,
  'POST /api/v1/auth/signup': PUBLIC,
  'POST /api/v1/auth/login': PUBLIC,
  'POST /api/v1/auth/refresh': PUBLIC,
  'POST /api/v1/auth/logout': SIGNED_IN,
  'POST /api/v1/auth/logout-all': SIGNED_IN,
  'GET /api/v1/auth/me': SIGNED_IN,
  'PATCH /api/v1/auth/me': SIGNED_IN,
  'POST /api/v1/auth/password/change': SIGNED_IN,
  'POST /api/v1/auth/email/change': SIGNED_IN,
  'POST /api/v1/auth/email/verify': PUBLIC,
  'POST /api/v1/auth/password/reset/request': PUBLIC,
  'POST /api/v1/auth/password/reset/confirm': PUBLIC,
  'POST /api/v1/auth/phone/request-otp': PUBLIC,
  'POST /api/v1/auth/phone/resend-otp': PUBLIC,
  'POST /api/v1/auth/phone/verify-otp': SIGNED_IN,
  'POST /api/v1/auth/phone/login': PUBLIC,
  'GET /api/v1/auth/phone/verification-status': SIGNED_IN,
  'GET /api/v1/auth/sessions': SIGNED_IN,
  'DELETE /api/v1/auth/sessions/{id}': SIGNED_IN,
  'PUT /api/v1/auth/me/picture': SIGNED_IN,
  'DELETE /api/v1/auth/me/picture': SIGNED_IN,
  'GET /api/v1/profile-pictures/{userId}/{version}/{size}': PUBLIC,

  // ---------------------------------------------------------------- catalog
  'GET /api/v1/catalog/vehicle-types': PUBLIC,
  'GET /api/v1/catalog/vehicle-types/{id}': PUBLIC,
  'POST /api/v1/catalog/vehicle-types': PLATFORM_ADMIN,
  'PATCH /api/v1/catalog/vehicle-types/{id}': PLATFORM_ADMIN,
  'POST /api/v1/catalog/vehicle-types/{id}/retire': PLATFORM_ADMIN,
  'GET /api/v1/catalog/vehicle-brands': PUBLIC,
  'GET /api/v1/catalog/vehicle-brands/{id}': PUBLIC,
  'POST /api/v1/catalog/vehicle-brands': PLATFORM_ADMIN,
  'PATCH /api/v1/catalog/vehicle-brands/{id}': PLATFORM_ADMIN,
  'POST /api/v1/catalog/vehicle-brands/{id}/retire': PLATFORM_ADMIN,
  'GET /api/v1/catalog/vehicle-models': PUBLIC,
  'GET /api/v1/catalog/vehicle-models/{id}': PUBLIC,
  'POST /api/v1/catalog/vehicle-models': PLATFORM_ADMIN,
  'PATCH /api/v1/catalog/vehicle-models/{id}': PLATFORM_ADMIN,
  'POST /api/v1/catalog/vehicle-models/{id}/retire': PLATFORM_ADMIN,

  // ---------------------------------------------------------------- organizations
  'POST /api/v1/organizations': SIGNED_IN,
  'GET /api/v1/organizations': SIGNED_IN,
  'GET /api/v1/organizations/{orgId}': member('staff', { apiKeys: true }),
  'PATCH /api/v1/organizations/{orgId}': member('principal'),
  'GET /api/v1/organizations/{orgId}/members': member('manager', { apiKeys: true }),
  'PATCH /api/v1/organizations/{orgId}/members/{userId}': member('principal'),
  'DELETE /api/v1/organizations/{orgId}/members/{userId}': member('staff'),
  'POST /api/v1/organizations/{orgId}/invitations': member('manager'),
  'GET /api/v1/organizations/{orgId}/invitations': member('manager'),
  'DELETE /api/v1/organizations/{orgId}/invitations/{invitationId}': member('manager'),
  'POST /api/v1/invitations/accept': SIGNED_IN,
  'POST /api/v1/invitations/decline': PUBLIC,
  'POST /api/v1/organizations/{orgId}/api-keys': member('manager'),
  'GET /api/v1/organizations/{orgId}/api-keys': member('manager'),
  'DELETE /api/v1/organizations/{orgId}/api-keys/{keyId}': member('manager'),
  'GET /api/v1/admin/organizations': PLATFORM_ADMIN,
  'POST /api/v1/admin/organizations': PLATFORM_ADMIN,
  'GET /api/v1/admin/organizations/{orgId}': PLATFORM_ADMIN,
  'GET /api/v1/admin/organizations/{orgId}/members': PLATFORM_ADMIN,
  'PUT /api/v1/admin/organizations/{orgId}/members/{userId}': PLATFORM_ADMIN,
  'POST /api/v1/admin/organizations/{orgId}/suspend': PLATFORM_ADMIN,
  'POST /api/v1/admin/organizations/{orgId}/reactivate': PLATFORM_ADMIN,

  // ---------------------------------------------------------------- users (X-Organization-Id picks the organization)
  'GET /api/v1/users': SIGNED_IN,
  'POST /api/v1/users': { allow: ['principal', 'admin'] },
  'GET /api/v1/users/{userId}': SIGNED_IN,
  'PATCH /api/v1/users/{userId}': { allow: ['principal', 'admin'] },
  'DELETE /api/v1/users/{userId}': PLATFORM_ADMIN,
  'POST /api/v1/users/{userId}/deactivate': { allow: ['principal'] },
  'POST /api/v1/users/{userId}/reactivate': { allow: ['principal'] },

  // ---------------------------------------------------------------- audit
  'GET /api/v1/audit-events': { allow: ['principal', 'admin', 'key:principal'] },

  // ---------------------------------------------------------------- the contexts of test/e2e/access/
  ...MARKETPLACE_ACCESS,
  ...AI_ACCESS,
  ...COMMERCE_ACCESS,
  ...BOOKINGS_ACCESS,
  ...MESSAGING_ACCESS,
  ...COMMUNITY_ACCESS,
  ...ADMIN_ACCESS,
  ...ANALYTICS_ACCESS,
};

/** The role claims each caller holds when acting (see src/platform/auth/tenancy.ts). */
export const CALLER_ROLES: Record<Exclude<Caller, 'anonymous'>, string[]> = {
  customer: [],
  staff: ['org:staff'],
  manager: ['org:manager', 'org:staff'],
  principal: ['org:principal', 'org:manager', 'org:staff'],
  admin: ['admin'],
  'key:staff': ['org:staff'],
  'key:manager': ['org:manager', 'org:staff'],
  'key:principal': ['org:principal', 'org:manager', 'org:staff'],
};
