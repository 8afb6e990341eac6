import type { EventPublisher, RequestContext } from '../../../platform/kernel';
import type { Order, OrderLineKind, OrderStatus } from '../domain';

/** The integration events of the commerce context (payloads camelCase, ids as strings). */
export const COMMERCE_EVENTS = {
  orderPaid: 'commerce.order.paid',
  orderRefunded: 'commerce.order.refunded',
  orderStatusChanged: 'commerce.order.status-changed',
  payoutSent: 'commerce.payout.sent',
} as const;

export interface OrderPaidPayload {
  orderId: string;
  buyerUserId: string;
  sellerOrgId: string;
  /** A `booking` line's listingId is the booking's id (the bookings context confirms it). */
  lines: Array<{ listingId: string; kind: OrderLineKind; quantity: number }>;
  /** Added for analytics (absent from events stored before it): what the buyer paid, in minor units of `currency`. */
  totalMinor?: number;
  currency?: string;
}

export interface OrderRefundedPayload {
  orderId: string;
  buyerUserId: string;
  sellerOrgId: string;
  full: boolean;
  listingIds: string[];
  /**
   * Added for analytics (absent from events stored before it, so the version stays 1):
   * what this refund gave back, in minor units of `currency`.
   */
  amountMinor?: number;
  currency?: string;
}

export interface OrderStatusChangedPayload {
  orderId: string;
  buyerUserId: string;
  sellerOrgId: string;
  from: OrderStatus;
  to: OrderStatus;
}

export interface PayoutSentPayload {
  payoutId: string;
  orgId: string;
  amountMinor: number;
  currency: string;
}

/** Publishes one status-changed event per change the order made (in the unit of work that saves it). */
export function publishStatusChanges(ctx: RequestContext, events: EventPublisher, order: Order): void {
  for (const change of order.pullChanges()) {
    events.publish<OrderStatusChangedPayload>(ctx, {
      type: COMMERCE_EVENTS.orderStatusChanged,
      orgId: order.sellerOrgId,
      payload: { orderId: order.id, buyerUserId: order.buyerUserId, sellerOrgId: order.sellerOrgId, from: change.from, to: change.to },
    });
  }
}

export function publishPaid(ctx: RequestContext, events: EventPublisher, order: Order): void {
  const props = order.snapshot();
  events.publish<OrderPaidPayload>(ctx, {
    type: COMMERCE_EVENTS.orderPaid,
    orgId: order.sellerOrgId,
    payload: {
      orderId: order.id,
      buyerUserId: order.buyerUserId,
      sellerOrgId: order.sellerOrgId,
      lines: props.lines.map((line) => ({ listingId: line.listingId, kind: line.kind, quantity: line.quantity })),
      totalMinor: order.totalMinor,
      currency: order.currency,
    },
  });
}
