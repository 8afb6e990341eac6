import { API_KEY_CALLERS, AccessRule, member, PERSON_CALLERS, PLATFORM_ADMIN, PUBLIC, SIGNED_IN } from './rules';

/** Signed-in people and the API keys of the organization in X-Organization-Id (what they then see is decided per object). */
const PEOPLE_AND_KEYS: AccessRule = { allow: [...PERSON_CALLERS, ...API_KEY_CALLERS] };
/** The seller's members and keys (X-Organization-Id), and platform admins. */
const SELLER_OR_ADMIN: AccessRule = { allow: ['staff', 'manager', 'principal', 'admin', ...API_KEY_CALLERS] };

/** Who may call each commerce operation (see access-table.ts). */
export const COMMERCE_ACCESS: Record<string, AccessRule> = {
  'POST /api/v1/orders': SIGNED_IN,
  'GET /api/v1/orders': SIGNED_IN,
  'GET /api/v1/orders/{id}': PEOPLE_AND_KEYS,
  'POST /api/v1/orders/{id}/confirm': SELLER_OR_ADMIN,
  'POST /api/v1/orders/{id}/ship': SELLER_OR_ADMIN,
  'POST /api/v1/orders/{id}/deliver': SELLER_OR_ADMIN,
  'POST /api/v1/orders/{id}/cancel': PEOPLE_AND_KEYS,
  'GET /api/v1/organizations/{orgId}/orders': member('staff', { apiKeys: true }),
  'GET /api/v1/payments/{id}': PEOPLE_AND_KEYS,
  'POST /api/v1/payments/{id}/retry': SIGNED_IN,
  'POST /api/v1/webhooks/stripe': PUBLIC,
  'GET /api/v1/wallets/me': SIGNED_IN,
  'POST /api/v1/wallets/me/top-ups': SIGNED_IN,
  'GET /api/v1/commerce/reconciliation': PLATFORM_ADMIN,
  'PUT /api/v1/commerce/sellers/{orgId}/commission': PLATFORM_ADMIN,
};
