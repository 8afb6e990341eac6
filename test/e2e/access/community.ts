import { PLATFORM_ADMIN, PUBLIC, SIGNED_IN, type AccessRule } from './rules';

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

  // forum: any signed-in person; a private board needs X-Organization-Id of a member (use case: 404 otherwise);
  // moderation (pin, lock, the flag queue) is checked in the use cases: platform admins, or managers of the board's organization
  'GET /api/v1/forum/categories': SIGNED_IN,
  'POST /api/v1/forum/categories': PLATFORM_ADMIN,
  'PATCH /api/v1/forum/categories/{id}': PLATFORM_ADMIN,
  'PUT /api/v1/forum/categories/{id}/watch': SIGNED_IN,
  'GET /api/v1/forum/threads': SIGNED_IN,
  'POST /api/v1/forum/threads': SIGNED_IN,
  'GET /api/v1/forum/threads/{id}': SIGNED_IN,
  'POST /api/v1/forum/threads/{id}/moderation': SIGNED_IN,
  'PUT /api/v1/forum/threads/{id}/watch': SIGNED_IN,
  'GET /api/v1/forum/threads/{id}/posts': SIGNED_IN,
  'POST /api/v1/forum/threads/{id}/posts': SIGNED_IN,
  'GET /api/v1/forum/posts/{id}': SIGNED_IN,
  'PATCH /api/v1/forum/posts/{id}': SIGNED_IN,
  'DELETE /api/v1/forum/posts/{id}': SIGNED_IN,
  'GET /api/v1/forum/posts/{id}/revisions': SIGNED_IN,
  'PUT /api/v1/forum/posts/{id}/reactions': SIGNED_IN,
  'DELETE /api/v1/forum/posts/{id}/reactions': SIGNED_IN,
  'POST /api/v1/forum/posts/{id}/flags': SIGNED_IN,
  'GET /api/v1/community/flags': SIGNED_IN,
  'POST /api/v1/community/flags/{id}/resolve': SIGNED_IN,

  // comments: any signed-in person; the target decides who sees it (use case: 404 otherwise)
  'GET /api/v1/comments': SIGNED_IN,
  'POST /api/v1/comments': SIGNED_IN,
  'PATCH /api/v1/comments/{id}': SIGNED_IN,
  'DELETE /api/v1/comments/{id}': SIGNED_IN,
  'POST /api/v1/comments/{id}/flags': SIGNED_IN,
  'POST /api/v1/reviews/{reviewId}/flags': SIGNED_IN,
};
