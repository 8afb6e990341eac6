import type { ProviderEvent } from './ports';

/** Razorpay (seed 004), disabled unless its keys are configured. */
export interface RazorpayGateway {
  /** Key id and secret configured: orders can be created and payments verified. */
  readonly enabled: boolean;
  /** The webhook secret is configured. */
  readonly webhooksEnabled: boolean;
  /** The public key id the checkout widget needs. */
  readonly keyId: string | null;
  /** Creates a Razorpay order for `amountMinor` (paise for INR) with our payment id as receipt. */
  createOrder(input: { amountMinor: number; currency: string; receipt: string; notes: Record<string, string> }): Promise<{ id: string; status: string }>;
  /** HMAC-SHA256 of `order_id|payment_id` with the key secret, compared in constant time. */
  paymentSignatureValid(orderId: string, paymentId: string, signature: string): boolean;
  /**
   * Refunds `amountMinor` of the captured payment of a Razorpay order, once per
   * `receipt` (Razorpay has no idempotency key: a refund already carrying the
   * receipt is returned instead of a second one).
   */
  refundOrderPayment(input: { razorpayOrderId: string; amountMinor: number; receipt: string }): Promise<{ id: string; status: string }>;
  /** Verifies X-Razorpay-Signature over the raw body with the webhook secret; throws CommerceErrors.webhookSignatureInvalid. */
  verifyWebhook(rawBody: Buffer, signature: string | undefined, eventId: string | undefined): ProviderEvent;
}

export const RAZORPAY_GATEWAY = Symbol('RAZORPAY_GATEWAY');
export const RAZORPAY = 'razorpay';
