import { PUBLIC, SIGNED_IN, type AccessRule } from './rules';

/** Managers and principals of the shop named by X-Organization-Id. */
const SHOP_MANAGERS: AccessRule = { allow: ['manager', 'principal'] };
/** Anyone of the shop's crew named by X-Organization-Id, or the shop's own API keys (never a global key). */
const SHOP_CREW: AccessRule = { allow: ['staff', 'manager', 'principal', 'key:staff', 'key:manager', 'key:principal'] };

/** Who may call each bookings operation (see access-table.ts). */
export const BOOKINGS_ACCESS: Record<string, AccessRule> = {
  // Public reads (cached), availability, and the guest paths (proven by a phone code in the body).
  'GET /api/v1/shops': PUBLIC,
  'GET /api/v1/shop-info': PUBLIC,
  'GET /api/v1/service-categories': PUBLIC,
  'GET /api/v1/services': PUBLIC,
  'GET /api/v1/service-pricing/by-vehicle': PUBLIC,
  'GET /api/v1/availability': PUBLIC,
  'POST /api/v1/bookings/guest': PUBLIC,
  'POST /api/v1/bookings/lookup': PUBLIC,
  'POST /api/v1/bookings/{id}/guest-cancel': PUBLIC,
  'POST /api/v1/bookings/{id}/guest-reschedule': PUBLIC,

  // Signed-in customers (their own bookings only: others are 404 in the use case).
  'POST /api/v1/bookings': SIGNED_IN,
  'GET /api/v1/bookings': SIGNED_IN,
  'GET /api/v1/bookings/{id}': SIGNED_IN,
  'POST /api/v1/bookings/{id}/pay': SIGNED_IN,
  'POST /api/v1/bookings/{id}/cancel': SIGNED_IN,
  'POST /api/v1/bookings/{id}/reschedule': SIGNED_IN,

  // The shop's managers.
  'PUT /api/v1/shop-info': SHOP_MANAGERS,
  'POST /api/v1/shop/bays': SHOP_MANAGERS,
  'PATCH /api/v1/shop/bays/{id}': SHOP_MANAGERS,
  'POST /api/v1/service-categories': SHOP_MANAGERS,
  'PATCH /api/v1/service-categories/{id}': SHOP_MANAGERS,
  'POST /api/v1/services': SHOP_MANAGERS,
  'PATCH /api/v1/services/{id}': SHOP_MANAGERS,
  'PUT /api/v1/services/{id}/prices': SHOP_MANAGERS,
  'DELETE /api/v1/services/{id}/prices': SHOP_MANAGERS,

  // The staff portal and crew reads.
  'GET /api/v1/shop/bays': SHOP_CREW,
  'GET /api/v1/services/{id}/prices': SHOP_CREW,
  'GET /api/v1/staff/bookings': SHOP_CREW,
  'GET /api/v1/staff/bookings/stats': SHOP_CREW,
  'GET /api/v1/staff/bookings/{id}': SHOP_CREW,
  'PATCH /api/v1/staff/bookings/{id}/update-status': SHOP_CREW,
  'POST /api/v1/staff/bookings/{id}/mark-paid': SHOP_CREW,
};
