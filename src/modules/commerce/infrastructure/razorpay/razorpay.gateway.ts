import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import Razorpay from 'razorpay';
import { CommerceErrors } from '../../domain';
import type { ProviderEvent } from '../../application/ports';
import type { RazorpayGateway } from '../../application/razorpay-ports';
import { RAZORPAY_CONFIG, RazorpayConfig } from './razorpay.config';

function hmacHex(secret: string, data: string | Buffer): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

/** Constant-time comparison of two hex signatures (the SDK's own helpers compare with ===). */
function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

interface RazorpayWebhookBody {
  event?: unknown;
  payload?: { payment?: { entity?: { id?: unknown; order_id?: unknown } }; order?: { entity?: { id?: unknown } } };
}

/** The real `razorpay` SDK; its base URL is configuration (the SDK hard-codes it, so the axios instance is re-pointed). */
@Injectable()
export class RazorpaySdkGateway implements RazorpayGateway {
  private readonly client: Razorpay | undefined;

  constructor(@Inject(RAZORPAY_CONFIG) private readonly config: RazorpayConfig) {
    if (config.keyId && config.keySecret) {
      this.client = new Razorpay({ key_id: config.keyId, key_secret: config.keySecret });
      const http = (this.client as unknown as { api: { rq: { defaults: { baseURL?: string; timeout?: number } } } }).api.rq;
      if (config.apiUrl) http.defaults.baseURL = config.apiUrl.replace(/\/$/, '');
      http.defaults.timeout = config.timeoutMs;
    }
  }

  get enabled(): boolean {
    return this.client !== undefined;
  }

  get webhooksEnabled(): boolean {
    return Boolean(this.config.webhookSecret);
  }

  get keyId(): string | null {
    return this.config.keyId ?? null;
  }

  async createOrder(input: { amountMinor: number; currency: string; receipt: string; notes: Record<string, string> }): Promise<{ id: string; status: string }> {
    if (!this.client) throw CommerceErrors.razorpayDisabled();
    const order = await this.client.orders.create({ amount: input.amountMinor, currency: input.currency, receipt: input.receipt, notes: input.notes });
    return { id: order.id, status: String(order.status) };
  }

  async refund(input: { paymentId: string; amountMinor: number; receipt: string; notes: Record<string, string> }): Promise<{ id: string; status: string }> {
    if (!this.client) throw CommerceErrors.paymentMethodUnavailable('Razorpay');
    const client = this.client;
    try {
      const existing = await client.payments.fetchMultipleRefund(input.paymentId, { count: 100 });
      const found = (existing.items ?? []).find((r) => r.receipt === input.receipt);
      if (found) return { id: found.id, status: String(found.status) };
      const refund = await client.payments.refund(input.paymentId, { amount: input.amountMinor, receipt: input.receipt, notes: input.notes });
      return { id: refund.id, status: String(refund.status) };
    } catch (error) {
      const { statusCode, error: detail } = (error ?? {}) as { statusCode?: number; error?: { description?: string } };
      // A 4xx is Razorpay refusing (amount above what is left, payment not captured…): retrying changes nothing.
      if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 && statusCode !== 429) {
        throw CommerceErrors.refundInvalid(`Razorpay refused the refund: ${detail?.description ?? statusCode}`);
      }
      throw error;
    }
  }

  paymentSignatureValid(orderId: string, paymentId: string, signature: string): boolean {
    if (!this.config.keySecret) throw CommerceErrors.razorpayDisabled();
    return sameSignature(hmacHex(this.config.keySecret, `${orderId}|${paymentId}`), signature);
  }

  verifyWebhook(rawBody: Buffer, signature: string | undefined, eventId: string | undefined): ProviderEvent {
    if (!this.config.webhookSecret) throw CommerceErrors.razorpayWebhookDisabled();
    if (!signature || !sameSignature(hmacHex(this.config.webhookSecret, rawBody), signature)) throw CommerceErrors.webhookSignatureInvalid();
    let body: RazorpayWebhookBody;
    try {
      body = JSON.parse(rawBody.toString('utf8')) as RazorpayWebhookBody;
    } catch {
      throw CommerceErrors.validation({ body: ['not JSON'] });
    }
    if (typeof body.event !== 'string') throw CommerceErrors.validation({ event: ['missing'] });
    // Razorpay names each delivery in X-Razorpay-Event-Id; without it the signed body itself identifies the event.
    const id = eventId && /^[\x21-\x7e]{1,100}$/.test(eventId) ? eventId : `sha256:${hmacHex('razorpay-event', rawBody)}`;
    const orderRef = body.payload?.payment?.entity?.order_id ?? body.payload?.order?.entity?.id;
    return { id, type: body.event, objectId: typeof orderRef === 'string' ? orderRef : null, payload: body };
  }
}
