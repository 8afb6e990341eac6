import { AccessRule, SIGNED_IN } from './rules';

/** Who may call each messaging operation (see access-table.ts): signed-in people; what they see is decided by participation. */
export const MESSAGING_ACCESS: Record<string, AccessRule> = {
  'GET /api/v1/conversations': SIGNED_IN,
  'POST /api/v1/conversations': SIGNED_IN,
  'GET /api/v1/conversations/{id}': SIGNED_IN,
  'POST /api/v1/conversations/{id}/add_participant': SIGNED_IN,
  'POST /api/v1/conversations/{id}/remove_participant': SIGNED_IN,
  'POST /api/v1/conversations/{id}/archive': SIGNED_IN,
  'POST /api/v1/conversations/{id}/mute': SIGNED_IN,
  'GET /api/v1/conversations/{id}/messages': SIGNED_IN,
  'POST /api/v1/conversations/{id}/messages': SIGNED_IN,
  'POST /api/v1/conversations/{id}/mark_as_read': SIGNED_IN,
  'POST /api/v1/conversations/{id}/typing': SIGNED_IN,
  'GET /api/v1/conversations/{id}/typing': SIGNED_IN,
  'POST /api/v1/messages/{id}/mark_as_read': SIGNED_IN,
  'PUT /api/v1/messages/{id}/edit': SIGNED_IN,
  'GET /api/v1/messages/{id}/edits': SIGNED_IN,
  'DELETE /api/v1/messages/{id}/delete_message': SIGNED_IN,
  'GET /api/v1/blocked-users': SIGNED_IN,
  'POST /api/v1/blocked-users': SIGNED_IN,
  'POST /api/v1/blocked-users/{id}/unblock': SIGNED_IN,
};
