import { PLATFORM_ADMIN, type AccessRule } from './rules';
import { ADMIN_OPS_ACCESS } from './admin-ops';

/** Who may call each admin operation (see access-table.ts). */
export const ADMIN_ACCESS: Record<string, AccessRule> = {
  'GET /api/v1/admin/dashboard': PLATFORM_ADMIN,
  'GET /api/v1/admin/moderation/listings': PLATFORM_ADMIN,
  'GET /api/v1/admin/moderation/listings/{listingId}': PLATFORM_ADMIN,
  'POST /api/v1/admin/moderation/listings/{listingId}/decision': PLATFORM_ADMIN,
  'GET /api/v1/admin/users': PLATFORM_ADMIN,
  'GET /api/v1/admin/users/{userId}': PLATFORM_ADMIN,
  'POST /api/v1/admin/users/{userId}/suspend': PLATFORM_ADMIN,
  'POST /api/v1/admin/users/{userId}/reactivate': PLATFORM_ADMIN,
  'POST /api/v1/admin/users/{userId}/end-sessions': PLATFORM_ADMIN,
  'GET /api/v1/admin/audit-events': PLATFORM_ADMIN,
  ...ADMIN_OPS_ACCESS,
};
