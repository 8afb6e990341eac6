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
  /**
   * Refunds (part of) a captured Razorpay payment once per `receipt` (our
   * refund id): the payment's refunds are looked up first, so a retry after a
   * timeout finds the refund instead of making a second one. A refusal by
   * Razorpay throws CommerceErrors.refundInvalid; an unknown outcome throws
   * anything else.
   */
  refund(input: { paymentId: string; amountMinor: number; receipt: string; notes: Record<string, string> }): Promise<{ id: string; status: string }>;
  /** HMAC-SHA256 of `order_id|payment_id` with the key secret, compared in constant time. */
  paymentSignatureValid(orderId: string, paymentId: string, signature: string): boolean;
  /** Verifies X-Razorpay-Signature over the raw body with the webhook secret; throws CommerceErrors.webhookSignatureInvalid. */
  verifyWebhook(rawBody: Buffer, signature: string | undefined, eventId: string | undefined): ProviderEvent;
}

export const RAZORPAY_GATEWAY = Symbol('RAZORPAY_GATEWAY');
export const RAZORPAY = 'razorpay';
