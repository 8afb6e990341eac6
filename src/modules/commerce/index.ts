/** The commerce context's public surface: nothing else is imported from outside. */
export { CommerceModule } from './commerce.module';
export { CommerceApi } from './application/commerce.api';
export type { BookingPaymentProvider, BookingPaymentRequest, BookingPaymentView, BookingRefundView, OrderParties } from './application/commerce.api';
export type { SalesByDay } from './application/ports';
export { COMMERCE_EVENTS } from './application/events';
export type { OrderPaidPayload, OrderRefundedPayload, OrderStatusChangedPayload, PayoutSentPayload } from './application/events';
export { COMMERCE_ERRORS } from './domain/commerce-errors';
export type { CommerceErrorCode } from './domain/commerce-errors';
