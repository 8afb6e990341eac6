import { AccessRule, member, PLATFORM_ADMIN } from './rules';

/** The analytics context's routes. */
export const ANALYTICS_ACCESS: Record<string, AccessRule> = {
  'GET /api/v1/organizations/{orgId}/analytics': member('staff'),
  'GET /api/v1/admin/organizations/{orgId}/analytics': PLATFORM_ADMIN,
  'POST /api/v1/admin/organizations/{orgId}/analytics/backfill': PLATFORM_ADMIN,
};
