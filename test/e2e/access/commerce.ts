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
  'POST /api/v1/refunds': PEOPLE_AND_KEYS,
  'GET /api/v1/refunds/{id}': PEOPLE_AND_KEYS,
  'POST /api/v1/refunds/{id}/approve': PEOPLE_AND_KEYS,
  'POST /api/v1/refunds/{id}/complete': PEOPLE_AND_KEYS,
  'GET /api/v1/wallets/me': SIGNED_IN,
  'POST /api/v1/wallets/me/top-ups': SIGNED_IN,
  'GET /api/v1/commerce/reconciliation': PLATFORM_ADMIN,
  'PUT /api/v1/commerce/sellers/{orgId}/commission': PLATFORM_ADMIN,
  'GET /api/v1/organizations/{orgId}/payouts': member('staff'),
  'GET /api/v1/organizations/{orgId}/payouts/{id}': member('staff'),
  'POST /api/v1/organizations/{orgId}/connect-account': member('manager'),
  'GET /api/v1/organizations/{orgId}/connect-account': member('manager'),
  'POST /api/v1/organizations/{orgId}/connect-account/onboarding-link': member('manager'),
  'POST /api/v1/admin/commerce/payouts/run': PLATFORM_ADMIN,
  'GET /api/v1/invoices': SIGNED_IN,
  'GET /api/v1/invoices/{id}': PEOPLE_AND_KEYS,
  'GET /api/v1/invoices/{id}/download': PEOPLE_AND_KEYS,
  'POST /api/v1/invoices/{id}/send': PEOPLE_AND_KEYS,
  'GET /api/v1/organizations/{orgId}/invoices': member('staff', { apiKeys: true }),
  'POST /api/v1/organizations/{orgId}/discounts': member('manager'),
  'GET /api/v1/organizations/{orgId}/discounts': member('manager'),
  'GET /api/v1/organizations/{orgId}/discounts/{id}': member('manager'),
  'PATCH /api/v1/organizations/{orgId}/discounts/{id}': member('manager'),
  'POST /api/v1/organizations/{orgId}/discounts/{id}/deactivate': member('manager'),
  'POST /api/v1/discounts/validate': SIGNED_IN,
  'POST /api/v1/discounts/apply': SIGNED_IN,
  'POST /api/v1/webhooks/stripe/connect': PUBLIC,
  'POST /api/v1/payments/razorpay/create-order': SIGNED_IN,
  'POST /api/v1/payments/razorpay/verify': SIGNED_IN,
  'POST /api/v1/webhooks/razorpay': PUBLIC,
  'POST /api/v1/orders/{id}/cash-payment': { allow: ['staff', 'manager', 'principal', ...API_KEY_CALLERS] },
};
