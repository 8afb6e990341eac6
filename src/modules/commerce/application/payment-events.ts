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
