import { AccessRule, member, PLATFORM_ADMIN, PUBLIC, SIGNED_IN } from './rules';

/** Who may call each marketplace operation (see access-table.ts). */
export const MARKETPLACE_ACCESS: Record<string, AccessRule> = {
  'POST /api/v1/organizations/{orgId}/listings': member('staff', { apiKeys: true }),
  'GET /api/v1/organizations/{orgId}/listings': member('staff', { apiKeys: true }),
  'GET /api/v1/organizations/{orgId}/listings/{listingId}': member('staff', { apiKeys: true }),
  'PATCH /api/v1/organizations/{orgId}/listings/{listingId}': member('staff', { apiKeys: true }),
  'POST /api/v1/organizations/{orgId}/listings/{listingId}/submit': member('staff', { apiKeys: true }),
  'POST /api/v1/organizations/{orgId}/listings/{listingId}/publish': member('manager', { apiKeys: true }),
  'POST /api/v1/organizations/{orgId}/listings/{listingId}/archive': member('manager', { apiKeys: true }),
  'GET /api/v1/organizations/{orgId}/listings/{listingId}/transitions': member('staff', { apiKeys: true }),
  'GET /api/v1/organizations/{orgId}/listings/{listingId}/verdicts': member('staff', { apiKeys: true }),
  'PUT /api/v1/organizations/{orgId}/listings/{listingId}/file': member('staff', { apiKeys: true }),
  'POST /api/v1/organizations/{orgId}/listings/{listingId}/photos': member('staff', { apiKeys: true }),
  'POST /api/v1/organizations/{orgId}/listings/{listingId}/appeal': member('manager', { apiKeys: true }),
  'GET /api/v1/listings/{listingId}': PUBLIC,
  'GET /api/v1/moderation/listings': PLATFORM_ADMIN,
  'GET /api/v1/moderation/listings/{listingId}': PLATFORM_ADMIN,
  'POST /api/v1/moderation/listings/{listingId}/decision': PLATFORM_ADMIN,
  'POST /api/v1/moderation/listings/{listingId}/re-review': PLATFORM_ADMIN,
  'POST /api/v1/listings/{listingId}/download-link': SIGNED_IN,
};
