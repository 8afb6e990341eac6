import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, randomBytes } from 'node:crypto';

export const FAKE_RAZORPAY_KEY_ID = 'rzp_test_fake_revsync';
export const FAKE_RAZORPAY_KEY_SECRET = 'rzp_secret_fake_revsync';
export const FAKE_RAZORPAY_WEBHOOK_SECRET = 'rzp_whsec_fake_revsync';

export interface FakeRazorpayOrder {
  id: string;
  entity: 'order';
  amount: number;
  amount_paid: number;
  amount_due: number;
  currency: string;
  receipt: string | null;
  status: 'created' | 'attempted' | 'paid';
  attempts: number;
  notes: Record<string, string>;
  created_at: number;
}

export interface FakeRazorpayPayment {
  id: string;
  entity: 'payment';
  order_id: string;
  amount: number;
  currency: string;
  status: 'captured';
  amount_refunded: number;
}

export interface FakeRazorpayRefund {
  id: string;
  entity: 'refund';
  payment_id: string;
  amount: number;
  currency: string;
  receipt: string | null;
  notes: Record<string, string>;
  status: 'processed';
  created_at: number;
}

/**
 * A small stand-in for Razorpay's Orders API on 127.0.0.1, spoken to by the
 * real `razorpay` SDK (its axios base URL re-pointed). It checks the Basic
 * auth of the key id and secret, keeps orders, can fail the next requests,
 * and produces what Razorpay Checkout and webhooks would: payment signatures
 * (HMAC of `order_id|payment_id` with the key secret) and signed webhook
 * deliveries (HMAC of the raw body with the webhook secret). Payments made
 * through pay() or webhook() are captured and can be refunded (Payments API:
 * `POST /v1/payments/{id}/refund`, `GET /v1/payments/{id}/refunds`).
 */
export class FakeRazorpay {
  readonly orders = new Map<string, FakeRazorpayOrder>();
  readonly payments = new Map<string, FakeRazorpayPayment>();
  readonly refunds: FakeRazorpayRefund[] = [];
  requests: Array<{ method: string; path: string }> = [];
  private failures = 0;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  failNext(count: number): void {
    this.failures = count;
  }

  /** What Razorpay Checkout hands the browser after a successful payment. */
  pay(orderId: string, secret = FAKE_RAZORPAY_KEY_SECRET): { razorpay_order_id: string; razorpay_payment_id: string; razorpay_signature: string } {
    const paymentId = `pay_${randomBytes(7).toString('hex')}`;
    const order = this.orders.get(orderId);
    if (order) Object.assign(order, { status: 'paid', amount_paid: order.amount, amount_due: 0, attempts: order.attempts + 1 });
    this.capture(paymentId, orderId);
    return {
      razorpay_order_id: orderId,
      razorpay_payment_id: paymentId,
      razorpay_signature: createHmac('sha256', secret).update(`${orderId}|${paymentId}`).digest('hex'),
    };
  }

  /** A webhook delivery as Razorpay sends it: body, X-Razorpay-Signature and X-Razorpay-Event-Id. */
  webhook(
    event: 'payment.captured' | 'payment.failed' | 'order.paid',
    orderId: string,
    options: { eventId?: string; secret?: string; paymentId?: string } = {},
  ): { body: string; signature: string; eventId: string; paymentId: string } {
    const order = this.orders.get(orderId);
    if (order && event !== 'payment.failed') Object.assign(order, { status: 'paid', amount_paid: order.amount, amount_due: 0 });
    const payment = {
      id: options.paymentId ?? `pay_${randomBytes(7).toString('hex')}`,
      entity: 'payment',
      order_id: orderId,
      amount: order?.amount ?? 0,
      currency: order?.currency ?? 'INR',
    };
    if (event !== 'payment.failed') this.capture(payment.id, orderId);
    const body = JSON.stringify({
      entity: 'event',
      account_id: 'acc_fake',
      event,
      contains: ['payment'],
      payload: { payment: { entity: payment }, ...(event === 'order.paid' ? { order: { entity: order } } : {}) },
      created_at: Math.floor(Date.now() / 1000),
    });
    const signature = createHmac('sha256', options.secret ?? FAKE_RAZORPAY_WEBHOOK_SECRET)
      .update(body)
      .digest('hex');
    return { body, signature, eventId: options.eventId ?? `evt_${randomBytes(7).toString('hex')}`, paymentId: payment.id };
  }

  /** The refunds made of one payment. */
  refundsOf(paymentId: string): FakeRazorpayRefund[] {
    return this.refunds.filter((r) => r.payment_id === paymentId);
  }

  private capture(paymentId: string, orderId: string): void {
    if (this.payments.has(paymentId)) return;
    const order = this.orders.get(orderId);
    this.payments.set(paymentId, {
      id: paymentId,
      entity: 'payment',
      order_id: orderId,
      amount: order?.amount ?? 0,
      currency: order?.currency ?? 'INR',
      status: 'captured',
      amount_refunded: 0,
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '').split('?')[0];
    this.requests.push({ method: req.method ?? '', path });
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const expected = `Basic ${Buffer.from(`${FAKE_RAZORPAY_KEY_ID}:${FAKE_RAZORPAY_KEY_SECRET}`).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      return reply(401, { error: { code: 'BAD_REQUEST_ERROR', description: 'Authentication failed' } });
    }
    if (this.failures > 0) {
      this.failures -= 1;
      return reply(500, { error: { code: 'SERVER_ERROR', description: 'The fake failed on purpose' } });
    }
    if (req.method === 'POST' && path === '/v1/orders') {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        amount?: number;
        currency?: string;
        receipt?: string;
        notes?: Record<string, string>;
      };
      if (!Number.isInteger(input.amount) || (input.amount as number) < 100 || !input.currency) {
        return reply(400, { error: { code: 'BAD_REQUEST_ERROR', description: 'amount and currency are required; amount at least 100' } });
      }
      const order: FakeRazorpayOrder = {
        id: `order_${randomBytes(7).toString('hex')}`,
        entity: 'order',
        amount: input.amount as number,
        amount_paid: 0,
        amount_due: input.amount as number,
        currency: input.currency,
        receipt: input.receipt ?? null,
        status: 'created',
        attempts: 0,
        notes: input.notes ?? {},
        created_at: Math.floor(Date.now() / 1000),
      };
      this.orders.set(order.id, order);
      return reply(200, order);
    }
    const refund = /^\/v1\/payments\/([^/]+)\/refund$/.exec(path);
    if (req.method === 'POST' && refund) {
      const payment = this.payments.get(refund[1]);
      if (!payment) return reply(400, { error: { code: 'BAD_REQUEST_ERROR', description: 'The id provided does not exist' } });
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { amount?: number; receipt?: string; notes?: Record<string, string> };
      const amount = input.amount ?? payment.amount - payment.amount_refunded;
      if (!Number.isInteger(amount) || amount < 100 || amount > payment.amount - payment.amount_refunded) {
        return reply(400, { error: { code: 'BAD_REQUEST_ERROR', description: 'The refund amount provided is greater than amount captured' } });
      }
      payment.amount_refunded += amount;
      const created: FakeRazorpayRefund = {
        id: `rfnd_${randomBytes(7).toString('hex')}`,
        entity: 'refund',
        payment_id: payment.id,
        amount,
        currency: payment.currency,
        receipt: input.receipt ?? null,
        notes: input.notes ?? {},
        status: 'processed',
        created_at: Math.floor(Date.now() / 1000),
      };
      this.refunds.push(created);
      return reply(200, created);
    }
    const orderPayments = /^\/v1\/orders\/([^/]+)\/payments$/.exec(path);
    if (req.method === 'GET' && orderPayments) {
      const items = [...this.payments.values()].filter((payment) => payment.order_id === orderPayments[1]);
      return reply(200, { entity: 'collection', count: items.length, items });
    }
    const refunds = /^\/v1\/payments\/([^/]+)\/refunds$/.exec(path);
    if (req.method === 'GET' && refunds) {
      if (!this.payments.has(refunds[1])) return reply(400, { error: { code: 'BAD_REQUEST_ERROR', description: 'The id provided does not exist' } });
      const items = this.refundsOf(refunds[1]);
      return reply(200, { entity: 'collection', count: items.length, items });
    }
    const match = /^\/v1\/orders\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && match) {
      const order = this.orders.get(match[1]);
      return order ? reply(200, order) : reply(400, { error: { code: 'BAD_REQUEST_ERROR', description: 'The id provided does not exist' } });
    }
    return reply(404, { error: { code: 'BAD_REQUEST_ERROR', description: 'The requested URL was not found on the server.' } });
  }
}
