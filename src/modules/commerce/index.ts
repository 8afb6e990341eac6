/** The commerce context's public surface: nothing else is imported from outside. */
export { CommerceModule } from './commerce.module';
export { CommerceApi } from './application/commerce.api';
export type { BookingPaymentProvider, BookingPaymentRequest, BookingPaymentView, BookingRefundView, OrderParties } from './application/commerce.api';
export type { SalesByDay } from './application/ports';
export { CommerceAdminApi, DISCOUNT_SORTS, ORDER_SORTS, PAYMENT_SORTS, PAYOUT_SORTS, REFUND_SORTS } from './application/commerce-admin.api';
export type {
  AdminDiscountFilter,
  AdminDiscountView,
  AdminOrderDetail,
  AdminOrderFilter,
  AdminOrderView,
  AdminPaymentFilter,
  AdminPaymentView,
  AdminPayoutDetail,
  AdminPayoutFilter,
  AdminPayoutLine,
  AdminPayoutTransfer,
  AdminPayoutView,
  AdminRefundFilter,
  AdminRefundView,
  DiscountSort,
  OrderSort,
  PaymentSort,
  PayoutOutcome,
  PayoutSort,
  RefundSort,
} from './application/commerce-admin.api';
export { ORDER_STATUSES } from './domain/order';
export { COMMERCE_EVENTS } from './application/events';
export type { OrderPaidPayload, OrderRefundedPayload, OrderStatusChangedPayload, PayoutSentPayload } from './application/events';
export { COMMERCE_ERRORS } from './domain/commerce-errors';
export type { CommerceErrorCode } from './domain/commerce-errors';
