import { PUBLIC, SIGNED_IN, type AccessRule } from './rules';

/** Who may call each community operation (see access-table.ts). */
export const COMMUNITY_ACCESS: Record<string, AccessRule> = {
  // notifications: the caller's own; the unsubscribe link works without signing in (its signed token is the proof)
  'GET /api/v1/notifications': SIGNED_IN,
  'GET /api/v1/notifications/unread-count': SIGNED_IN,
  'POST /api/v1/notifications/read-all': SIGNED_IN,
  'POST /api/v1/notifications/{id}/read': SIGNED_IN,
  'GET /api/v1/notifications/preferences': SIGNED_IN,
  'PUT /api/v1/notifications/preferences': SIGNED_IN,
  'GET /api/v1/notifications/unsubscribe': PUBLIC,
  'POST /api/v1/notifications/unsubscribe': PUBLIC,
};
