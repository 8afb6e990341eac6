/** Integration events of cash and Razorpay payments (payloads camelCase). */
export const CASH_PAYMENT_RECORDED = 'commerce.order.cash-payment-recorded';

export interface CashPaymentRecordedPayload {
  orderId: string;
  paymentId: string;
  sellerOrgId: string;
  buyerUserId: string;
  amountMinor: number;
  currency: string;
  /** The staff member (or API key) who recorded it. */
  recordedByUserId: string | null;
  recordedByApiKeyId: string | null;
  note: string | null;
}

/**
 * Money arrived for an order that could no longer take it (captured after the
 * attempt or the order was cancelled, or after another attempt paid): the
 * payment is `returning`, and commerce gives it back in full after commit.
 */
export const PAYMENT_RETURNING = 'commerce.payment.returning';

export interface PaymentReturningPayload {
  paymentId: string;
  orderId: string;
  sellerOrgId: string;
  buyerUserId: string;
  amountMinor: number;
  currency: string;
}

/** A refund of a cash payment was handed back in cash by the seller's staff (audited like the payment). */
export const CASH_REFUND_RECORDED = 'commerce.refund.cash-refund-recorded';

export interface CashRefundRecordedPayload {
  refundId: string;
  orderId: string;
  sellerOrgId: string;
  buyerUserId: string;
  amountMinor: number;
  currency: string;
  recordedByUserId: string | null;
  recordedByApiKeyId: string | null;
}
