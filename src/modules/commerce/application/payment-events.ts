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
