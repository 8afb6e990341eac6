import { createHmac } from 'node:crypto';
import { buildWorld, World } from '../organizations/organizations-test-kit';
import { FAKE_RAZORPAY_KEY_ID, FAKE_RAZORPAY_KEY_SECRET, FAKE_RAZORPAY_WEBHOOK_SECRET, FakeRazorpay } from '../../support/fake-razorpay';
import { waitFor } from '../../support/processes';
import { API, balance, Body, closeCommerce, commerceApp, CommerceWorld, eventsOf } from './commerce-test-kit';

/**
 * Razorpay: the real `razorpay` SDK against a fake Razorpay on 127.0.0.1.
 * The buyer gets a Razorpay order for an order awaiting payment, hands back
 * the signed checkout result (verified once), and signed webhooks are applied
 * once per event id. Without keys every route answers 404.
 */
describe('razorpay', () => {
  let w: CommerceWorld;
  let world: World;
  let rzp: FakeRazorpay;

  beforeAll(async () => {
    rzp = await new FakeRazorpay().start();
    w = await commerceApp({
      RAZORPAY_KEY_ID: FAKE_RAZORPAY_KEY_ID,
      RAZORPAY_KEY_SECRET: FAKE_RAZORPAY_KEY_SECRET,
      RAZORPAY_WEBHOOK_SECRET: FAKE_RAZORPAY_WEBHOOK_SECRET,
      RAZORPAY_API_URL: rzp.url,
      RAZORPAY_TIMEOUT_MS: '2000',
    });
    world = await buildWorld(w.c);
  }, 120_000);
  afterAll(async () => {
    await closeCommerce(w);
    await rzp?.close();
  });

  const buyer = () => ({ token: world.customer.token });

  async function order(priceMinor = 49_900): Promise<Body> {
    const part = w.catalog.add(world.orgA.id, 'part', priceMinor, 10, 'INR');
    return (await w.c.expectOk(w.c.request('POST', '/orders', buyer(), { body: { items: [{ listing_id: part.id, quantity: 1 }] } }), 201)).orders[0];
  }

  function createOrder(orderId: string, caller: { token: string } = buyer(), key?: string) {
    return w.c.request('POST', '/payments/razorpay/create-order', caller, { body: { order_id: orderId }, headers: key ? { 'idempotency-key': key } : {} });
  }

  function verify(body: Record<string, string>, caller: { token: string } = buyer()) {
    return w.c.request('POST', '/payments/razorpay/verify', caller, { body });
  }

  function deliver(delivery: { body: string; signature: string; eventId: string }) {
    return w.t.app.inject({
      method: 'POST',
      url: `${API}/webhooks/razorpay`,
      headers: { 'content-type': 'application/json', 'x-razorpay-signature': delivery.signature, 'x-razorpay-event-id': delivery.eventId },
      payload: delivery.body,
    });
  }

  async function paidEntries(orderId: string): Promise<number> {
    const [row] = await w.db.query(`SELECT count(*) AS n FROM ledger_entries WHERE kind = 'order.paid' AND reference = $1`, [orderId]);
    return Number(row.n);
  }

  describe('successful', () => {
    it('create-order makes a Razorpay order for the amount from our data; a valid signature pays the order once', async () => {
      const o = await order(49_900);
      const created = await w.c.expectOk(createOrder(o.id, buyer(), 'rzp-create-0001'), 201);
      expect(created).toMatchObject({ key_id: FAKE_RAZORPAY_KEY_ID, amount_minor: 49_900, currency: 'INR' });
      expect(created.payment).toMatchObject({ method: 'razorpay', status: 'requires_payment', provider_ref: created.razorpay_order_id });
      expect(rzp.orders.get(created.razorpay_order_id)).toMatchObject({ amount: 49_900, currency: 'INR', receipt: created.payment.id });
      const replay = await w.c.expectOk(createOrder(o.id, buyer(), 'rzp-create-0001'), 201);
      expect(replay.razorpay_order_id).toBe(created.razorpay_order_id);
      expect(rzp.orders.size).toBeGreaterThanOrEqual(1);
      const card = (await w.c.expectOk(w.c.request('GET', `/orders/${o.id}`, buyer()))).payments.find((p: Body) => p.method === 'card');
      expect(card.status).toBe('cancelled');
      expect(w.stripe.intents.get(card.provider_ref)?.status).toBe('canceled');

      const payableBefore = await balance(w.db, 'seller_payable', world.orgA.id, 'INR');
      const checkout = rzp.pay(created.razorpay_order_id);
      const paid = await w.c.expectOk(verify(checkout));
      expect(paid.status).toBe('paid');
      expect(await balance(w.db, 'seller_payable', world.orgA.id, 'INR')).toBe(payableBefore + 39_920);
      // A replayed verification and the webhooks that follow change nothing more.
      await w.c.expectOk(verify(checkout));
      const captured = rzp.webhook('payment.captured', created.razorpay_order_id);
      expect((await deliver(captured)).json()).toEqual({ received: true, duplicate: false });
      expect((await deliver(captured)).json()).toEqual({ received: true, duplicate: true });
      expect((await deliver(rzp.webhook('order.paid', created.razorpay_order_id))).statusCode).toBe(200);
      expect(await paidEntries(o.id)).toBe(1);
      expect(await eventsOf(w.db, 'commerce.order.paid', o.id)).toHaveLength(1);
      expect(await balance(w.db, 'seller_payable', world.orgA.id, 'INR')).toBe(payableBefore + 39_920);
    });

    it('a signed payment.captured webhook alone pays the order; a failed one lets the buyer start again', async () => {
      const o = await order(10_000);
      const created = await w.c.expectOk(createOrder(o.id), 201);
      expect((await deliver(rzp.webhook('payment.failed', created.razorpay_order_id))).statusCode).toBe(200);
      const failed = await w.c.expectOk(w.c.request('GET', `/payments/${created.payment.id}`, buyer()));
      expect(failed.status).toBe('failed');
      const again = await w.c.expectOk(createOrder(o.id), 201);
      expect(again.razorpay_order_id).not.toBe(created.razorpay_order_id);
      expect((await deliver(rzp.webhook('payment.captured', again.razorpay_order_id))).statusCode).toBe(200);
      expect((await w.c.expectOk(w.c.request('GET', `/orders/${o.id}`, buyer()))).status).toBe('paid');
      expect(await paidEntries(o.id)).toBe(1);
    });
    it('a payment captured after the order was cancelled is returned in full, once, and sells nothing', async () => {
      const o = await order(25_000);
      const created = await w.c.expectOk(createOrder(o.id), 201);
      expect((await w.c.expectOk(w.c.request('POST', `/orders/${o.id}/cancel`, buyer()))).status).toBe('cancelled');
      // The buyer's bank was slow: Razorpay captures the payment after we stopped waiting for it.
      const late = rzp.webhook('payment.captured', created.razorpay_order_id);
      expect((await deliver(late)).statusCode).toBe(200);
      const returned = await waitFor(
        async () => {
          const payment = await w.c.expectOk(w.c.request('GET', `/payments/${created.payment.id}`, buyer()));
          return payment.status === 'returned' && payment;
        },
        15_000,
        'the late payment to be returned',
      );
      const refunds = rzp.refundsOf(late.paymentId);
      expect(refunds).toEqual([expect.objectContaining({ amount: 25_000, receipt: created.payment.id })]);
      expect(returned).toMatchObject({ return_ref: refunds[0].id, provider_payment_id: late.paymentId });
      expect(returned.failure_reason).toMatch(/returned in full/);
      // Razorpay redelivering (a new event id) or order.paid arriving too changes nothing more.
      expect((await deliver(rzp.webhook('payment.captured', created.razorpay_order_id, { paymentId: late.paymentId }))).statusCode).toBe(200);
      expect((await deliver(rzp.webhook('order.paid', created.razorpay_order_id, { paymentId: late.paymentId }))).statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(rzp.refundsOf(late.paymentId)).toHaveLength(1);
      expect((await w.c.expectOk(w.c.request('GET', `/orders/${o.id}`, buyer()))).status).toBe('cancelled');
      expect(await paidEntries(o.id)).toBe(0);
      expect(await eventsOf(w.db, 'commerce.order.paid', o.id)).toHaveLength(0);
    });
  });

  describe('failing', () => {
    it('bad payment signatures are refused and change nothing', async () => {
      const o = await order(20_000);
      const created = await w.c.expectOk(createOrder(o.id), 201);
      const checkout = rzp.pay(created.razorpay_order_id, 'not-the-secret');
      const forged = await verify(checkout);
      expect(forged.statusCode).toBe(400);
      expect(forged.json().code).toBe('COMMERCE.PAYMENT_SIGNATURE_INVALID');
      const good = rzp.pay(created.razorpay_order_id);
      const swapped = await verify({ ...good, razorpay_payment_id: 'pay_other' });
      expect(swapped.statusCode).toBe(400);
      expect((await w.c.expectOk(w.c.request('GET', `/orders/${o.id}`, buyer()))).status).toBe('awaiting_payment');
      // Another buyer holding a genuine signature cannot pay (or see) someone else's attempt.
      const other = await w.c.signUp('rzp-other');
      expect((await verify(good, { token: other.token })).statusCode).toBe(404);
    });

    it('webhooks with a bad or missing signature are refused', async () => {
      const o = await order(20_000);
      const created = await w.c.expectOk(createOrder(o.id), 201);
      const forged = rzp.webhook('payment.captured', created.razorpay_order_id, { secret: 'wrong' });
      const res = await deliver(forged);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('COMMERCE.WEBHOOK_SIGNATURE_INVALID');
      const genuine = rzp.webhook('payment.captured', created.razorpay_order_id);
      const tampered = genuine.body.replace('"amount":20000', '"amount":1');
      expect((await deliver({ ...genuine, body: tampered })).statusCode).toBe(400);
      expect((await deliver({ ...genuine, signature: '' })).statusCode).toBe(400);
      expect((await w.c.expectOk(w.c.request('GET', `/orders/${o.id}`, buyer()))).status).toBe('awaiting_payment');
    });

    it('only the buyer gets a Razorpay order, only for an order awaiting payment', async () => {
      const o = await order(20_000);
      const other = await w.c.signUp('rzp-stranger');
      expect((await createOrder(o.id, { token: other.token })).statusCode).toBe(404);
      await w.c.expectOk(w.c.request('POST', `/orders/${o.id}/cancel`, buyer()));
      const cancelled = await createOrder(o.id);
      expect(cancelled.statusCode).toBe(409);
    });

    it('the provider failing answers 503 and a retry with the same key creates the Razorpay order', async () => {
      const o = await order(30_000);
      rzp.failNext(1);
      const failed = await createOrder(o.id, buyer(), 'rzp-retry-0001');
      expect(failed.statusCode).toBe(503);
      const retried = await w.c.expectOk(createOrder(o.id, buyer(), 'rzp-retry-0001'), 201);
      expect(rzp.orders.get(retried.razorpay_order_id)?.amount).toBe(30_000);
    });
  });
});

describe('razorpay disabled (no keys)', () => {
  let w: CommerceWorld;
  let world: World;

  beforeAll(async () => {
    w = await commerceApp();
    world = await buildWorld(w.c);
  }, 120_000);
  afterAll(() => closeCommerce(w));

  it('every Razorpay route answers 404 COMMERCE.RAZORPAY_DISABLED', async () => {
    const part = w.catalog.add(world.orgA.id, 'part', 10_000, 10, 'INR');
    const [o] = (
      await w.c.expectOk(w.c.request('POST', '/orders', { token: world.customer.token }, { body: { items: [{ listing_id: part.id, quantity: 1 }] } }), 201)
    ).orders;
    const create = await w.c.request('POST', '/payments/razorpay/create-order', { token: world.customer.token }, { body: { order_id: o.id } });
    const verify = await w.c.request(
      'POST',
      '/payments/razorpay/verify',
      { token: world.customer.token },
      { body: { razorpay_order_id: 'order_x', razorpay_payment_id: 'pay_x', razorpay_signature: 'abc' } },
    );
    const body = JSON.stringify({ event: 'payment.captured', payload: {} });
    const hook = await w.t.app.inject({
      method: 'POST',
      url: `${API}/webhooks/razorpay`,
      headers: { 'content-type': 'application/json', 'x-razorpay-signature': createHmac('sha256', 'any').update(body).digest('hex') },
      payload: body,
    });
    for (const res of [create, verify, hook]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('COMMERCE.RAZORPAY_DISABLED');
    }
  });
});
