import { PLATFORM_ADMIN, type AccessRule } from './rules';

/** The console's commerce, featured-placement and bookings operations (see access-table.ts). */
export const ADMIN_OPS_ACCESS: Record<string, AccessRule> = {
  'GET /api/v1/admin/orders': PLATFORM_ADMIN,
  'GET /api/v1/admin/orders/{orderId}': PLATFORM_ADMIN,
  'GET /api/v1/admin/payments': PLATFORM_ADMIN,
  'GET /api/v1/admin/refunds': PLATFORM_ADMIN,
  'GET /api/v1/admin/refunds/{refundId}': PLATFORM_ADMIN,
  'POST /api/v1/admin/refunds/{refundId}/decision': PLATFORM_ADMIN,
  'GET /api/v1/admin/payouts': PLATFORM_ADMIN,
  'GET /api/v1/admin/payouts/{payoutId}': PLATFORM_ADMIN,
  'POST /api/v1/admin/payouts/{payoutId}/retry': PLATFORM_ADMIN,
  'GET /api/v1/admin/discounts': PLATFORM_ADMIN,
  'GET /api/v1/admin/discounts/{discountId}': PLATFORM_ADMIN,
  'POST /api/v1/admin/discounts/{discountId}/deactivate': PLATFORM_ADMIN,
  'GET /api/v1/admin/featured-placements': PLATFORM_ADMIN,
  'POST /api/v1/admin/featured-placements': PLATFORM_ADMIN,
  'GET /api/v1/admin/featured-placements/{placementId}': PLATFORM_ADMIN,
  'POST /api/v1/admin/featured-placements/{placementId}/end': PLATFORM_ADMIN,
  'GET /api/v1/admin/bookings': PLATFORM_ADMIN,
  'GET /api/v1/admin/bookings/{bookingId}': PLATFORM_ADMIN,
  'GET /api/v1/admin/shop-services': PLATFORM_ADMIN,
  'GET /api/v1/admin/shop-services/{serviceId}': PLATFORM_ADMIN,
  'PATCH /api/v1/admin/shop-services/{serviceId}': PLATFORM_ADMIN,
  'PUT /api/v1/admin/shop-services/{serviceId}/prices': PLATFORM_ADMIN,
  'DELETE /api/v1/admin/shop-services/{serviceId}/prices': PLATFORM_ADMIN,
};
