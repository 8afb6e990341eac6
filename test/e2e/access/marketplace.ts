import { AccessRule, member, PUBLIC } from './rules';

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
  'GET /api/v1/listings/{listingId}': PUBLIC,
};
