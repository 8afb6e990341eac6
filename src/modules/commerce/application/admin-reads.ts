import type { Page, PageRequest, SortOrder } from '../../../platform/kernel';
import type { DiscountProps, Order, OrderStatus, Payout, PayoutStatus } from '../domain';
import type { Payment, PaymentMethod, PaymentStatus, Refund } from './ports';

/**
 * What the operators' console reads across every organization (CommerceAdminApi): lists with filters and an order
 * from an allow-list. Platform admins only; the facade checks, these reads do not.
 */
export const ORDER_SORTS = ['created_at', 'paid_at', 'total_minor', 'status'] as const;
export const PAYMENT_SORTS = ['created_at', 'amount_minor', 'status'] as const;
export const REFUND_SORTS = ['created_at', 'amount_minor', 'status'] as const;
export const PAYOUT_SORTS = ['created_at', 'period', 'amount_minor', 'status'] as const;
export const DISCOUNT_SORTS = ['created_at', 'code', 'uses_count'] as const;

export type OrderSort = SortOrder<(typeof ORDER_SORTS)[number]>;
export type PaymentSort = SortOrder<(typeof PAYMENT_SORTS)[number]>;
export type RefundSort = SortOrder<(typeof REFUND_SORTS)[number]>;
export type PayoutSort = SortOrder<(typeof PAYOUT_SORTS)[number]>;
export type DiscountSort = SortOrder<(typeof DISCOUNT_SORTS)[number]>;

export interface AdminOrderFilter {
  status?: OrderStatus;
  orgId?: string;
  buyerUserId?: string;
  /** Orders created within [from, to). */
  from?: Date;
  to?: Date;
}

export interface AdminPaymentFilter {
  status?: PaymentStatus;
  method?: PaymentMethod;
  orgId?: string;
  orderId?: string;
}

export interface AdminRefundFilter {
  status?: Refund['status'];
  orgId?: string;
  orderId?: string;
}

export interface AdminPayoutFilter {
  status?: PayoutStatus;
  orgId?: string;
  period?: string;
}

export interface AdminDiscountFilter {
  orgId?: string;
  active?: boolean;
  /** Part of the code, case-insensitive. */
  code?: string;
}

export interface CommerceAdminReads {
  orders(filter: AdminOrderFilter, sort: OrderSort, page: PageRequest): Promise<Page<Order>>;
  payments(filter: AdminPaymentFilter, sort: PaymentSort, page: PageRequest): Promise<Page<Payment>>;
  refunds(filter: AdminRefundFilter, sort: RefundSort, page: PageRequest): Promise<Page<Refund>>;
  refundsOfOrder(orderId: string): Promise<Refund[]>;
  payouts(filter: AdminPayoutFilter, sort: PayoutSort, page: PageRequest): Promise<Page<Payout>>;
  payout(id: string): Promise<Payout | undefined>;
  discounts(filter: AdminDiscountFilter, sort: DiscountSort, page: PageRequest): Promise<Page<DiscountProps>>;
  discount(id: string): Promise<DiscountProps | undefined>;
}

export const COMMERCE_ADMIN_READS = Symbol('COMMERCE_ADMIN_READS');
