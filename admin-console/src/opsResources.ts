/**
 * The console's commerce and bookings resources: where each lives in the admin API, the list filters it takes and
 * the fields it sorts by (server-side; `sort=-field` for descending). Merged into dataProvider's RESOURCES.
 */
export const OPS_RESOURCES: Record<string, { path: string; filters: string[]; sorts?: string[]; update?: 'PATCH' | 'PUT' }> = {
  orders: {
    path: '/admin/orders',
    filters: ['status', 'organization_id', 'buyer_user_id', 'from', 'to'],
    sorts: ['created_at', 'paid_at', 'total_minor', 'status'],
  },
  payments: { path: '/admin/payments', filters: ['status', 'method', 'organization_id', 'order_id'], sorts: ['created_at', 'amount_minor', 'status'] },
  refunds: { path: '/admin/refunds', filters: ['status', 'organization_id', 'order_id'], sorts: ['created_at', 'amount_minor', 'status'] },
  payouts: { path: '/admin/payouts', filters: ['status', 'organization_id', 'period'], sorts: ['created_at', 'period', 'amount_minor', 'status'] },
  discounts: { path: '/admin/discounts', filters: ['organization_id', 'active', 'code'], sorts: ['created_at', 'code', 'uses_count'] },
  'featured-placements': {
    path: '/admin/featured-placements',
    filters: ['state', 'listing_id', 'organization_id'],
    sorts: ['created_at', 'starts_at', 'ends_at', 'rank'],
  },
  bookings: { path: '/admin/bookings', filters: ['shop_id', 'status', 'from', 'to'], sorts: ['starts_at', 'created_at', 'total_minor', 'status'] },
  'shop-services': {
    path: '/admin/shop-services',
    filters: ['shop_id', 'active', 'q'],
    sorts: ['name', 'base_price_minor', 'duration_minutes', 'created_at'],
    update: 'PATCH',
  },
};

/** `sort` for the API when the list sorts by a field it allows (`-field` descending); nothing otherwise. */
export function sortParameter(sorts: string[] | undefined, sort: { field: string; order: string } | undefined): string | undefined {
  if (!sorts || !sort || !sorts.includes(sort.field)) return undefined;
  return sort.order === 'DESC' ? `-${sort.field}` : sort.field;
}
