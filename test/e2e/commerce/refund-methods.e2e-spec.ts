import { randomUUID } from 'node:crypto';
import { buildWorld, World } from '../organizations/organizations-test-kit';
import { FAKE_RAZORPAY_KEY_ID, FAKE_RAZORPAY_KEY_SECRET, FAKE_RAZORPAY_WEBHOOK_SECRET, FakeRazorpay } from '../../support/fake-razorpay';
import { waitFor } from '../../support/processes';
import { API, balance, Body, Caller, closeCommerce, commerceApp, CommerceWorld, entryPostings, eventsOf } from './commerce-test-kit';

/**
 * Refunds complete through the original method beyond card and wallet:
 * a Razorpay-paid order is refunded through the real `razorpay` SDK (against
 * the fake Razorpay) on the Razorpay payment that paid it, once even when
 * retried; a cash-paid order is paid back in cash by the seller's staff,
 * audited, with only the commission moving back in the ledger.
 */
describe('refunds through Razorpay and cash', () => {
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
  const staffA = () => ({ token: world.orgA.staff.token, orgId: world.orgA.id });

  async function order(priceMinor: number, currency: string): Promise<Body> {
    const part = w.catalog.add(world.orgA.id, 'part', priceMinor, 10, currency);
    return (await w.c.expectOk(w.c.request('POST', '/orders', buyer(), { body: { items: [{ listing_id: part.id, quantity: 1 }] } }), 201)).orders[0];
  }

  /** An order paid through Razorpay Checkout (verify) or through the payment.captured webhook alone. */
  async function razorpayPaid(priceMinor: number, via: 'verify' | 'webhook' = 'verify'): Promise<{ order: Body; paymentId: string }> {
    const o = await order(priceMinor, 'INR');
    const created = await w.c.expectOk(w.c.request('POST', '/payments/razorpay/create-order', buyer(), { body: { order_id: o.id } }), 201);
    let paymentId: string;
    if (via === 'verify') {
      const checkout = rzp.pay(created.razorpay_order_id);
      paymentId = checkout.razorpay_payment_id;
      await w.c.expectOk(w.c.request('POST', '/payments/razorpay/verify', buyer(), { body: checkout }));
    } else {
      const delivery = rzp.webhook('payment.captured', created.razorpay_order_id);
      paymentId = delivery.paymentId;
      const res = await w.t.app.inject({
        method: 'POST',
        url: `${API}/webhooks/razorpay`,
        headers: { 'content-type': 'application/json', 'x-razorpay-signature': delivery.signature, 'x-razorpay-event-id': delivery.eventId },
        payload: delivery.body,
      });
      expect(res.statusCode).toBe(200);
    }
    const paid = await w.c.expectOk(w.c.request('GET', `/orders/${o.id}`, buyer()));
    expect(paid.status).toBe('paid');
    expect(paid.payments.find((p: Body) => p.method === 'razorpay')).toMatchObject({ status: 'succeeded', provider_payment_id: paymentId });
    return { order: o, paymentId };
  }

  async function requestAndApprove(orderId: string, amount?: number): Promise<Body> {
    const requested = await w.c.expectOk(
      w.c.request('POST', '/refunds', buyer(), {
        body: { order_id: orderId, reason: 'Changed my mind', ...(amount ? { amount_minor: amount } : {}) },
        headers: { 'idempotency-key': randomUUID() },
      }),
      201,
    );
    return w.c.expectOk(w.c.request('POST', `/refunds/${requested.id}/approve`, staffA()));
  }

  function complete(refundId: string, caller: Caller, key: string = randomUUID()) {
    return w.c.request('POST', `/refunds/${refundId}/complete`, caller, { headers: { 'idempotency-key': key } });
  }

  describe('Razorpay', () => {
    it('a partial then a full refund go to the Razorpay payment that paid; the ledger ends where it started', async () => {
      const payableBefore = await balance(w.db, 'seller_payable', world.orgA.id, 'INR');
      const revenueBefore = await balance(w.db, 'platform_revenue', 'platform', 'INR');
      const clearingBefore = await balance(w.db, 'payment_clearing', 'platform', 'INR');
      const { order: o, paymentId } = await razorpayPaid(49_900);
      const partial = await requestAndApprove(o.id, 10_000);
      const done = await w.c.expectOk(complete(partial.id, staffA()));
      expect(done).toMatchObject({ status: 'completed', method: 'razorpay', amount_minor: 10_000 });
      expect(rzp.refundsOf(paymentId)).toEqual([expect.objectContaining({ id: done.provider_ref, amount: 10_000, receipt: partial.id })]);
      // 20 % of 10 000 back from the platform, 80 % from the seller, all of it out through clearing.
      expect(await entryPostings(w.db, 'refund.completed', partial.id)).toEqual({
        [`payment_clearing:platform`]: 10_000,
        [`seller_payable:${world.orgA.id}`]: -8_000,
        [`platform_revenue:platform`]: -2_000,
      });
      const rest = await requestAndApprove(o.id);
      await w.c.expectOk(complete(rest.id, { token: world.admin.token }));
      expect(rzp.refundsOf(paymentId).map((r) => r.amount)).toEqual([10_000, 39_900]);
      expect((await w.c.expectOk(w.c.request('GET', `/orders/${o.id}`, buyer()))).status).toBe('refunded');
      expect(await balance(w.db, 'seller_payable', world.orgA.id, 'INR')).toBe(payableBefore);
      expect(await balance(w.db, 'platform_revenue', 'platform', 'INR')).toBe(revenueBefore);
      expect(await balance(w.db, 'payment_clearing', 'platform', 'INR')).toBe(clearingBefore);
      expect((await eventsOf(w.db, 'commerce.order.refunded', o.id)).map((e) => e.full)).toEqual([false, true]);
    });

    it('an order paid by the webhook alone is refunded too; Razorpay down answers 503 and the retry refunds once', async () => {
      const { order: o, paymentId } = await razorpayPaid(20_000, 'webhook');
      const refund = await requestAndApprove(o.id);
      rzp.failNext(1);
      const failed = await complete(refund.id, staffA(), 'rzp-refund-retry-1');
      expect([failed.statusCode, failed.json().code]).toEqual([503, 'COMMERCE.PAYMENT_PROVIDER_UNAVAILABLE']);
      expect(rzp.refundsOf(paymentId)).toHaveLength(0);
      const retried = await w.c.expectOk(complete(refund.id, staffA(), 'rzp-refund-retry-1'));
      expect(retried.status).toBe('completed');
      // Completing again (another key) changes nothing.
      await w.c.expectOk(complete(refund.id, staffA()));
      expect(rzp.refundsOf(paymentId)).toHaveLength(1);
    });

    it('a refund Razorpay already made (the answer was lost) is found by its receipt, not made twice', async () => {
      const { order: o, paymentId } = await razorpayPaid(30_000);
      const refund = await requestAndApprove(o.id, 5_000);
      // What a lost answer leaves behind: Razorpay made the refund, we did not record it.
      const auth = `Basic ${Buffer.from(`${FAKE_RAZORPAY_KEY_ID}:${FAKE_RAZORPAY_KEY_SECRET}`).toString('base64')}`;
      const made = await fetch(`${rzp.url}/v1/payments/${paymentId}/refund`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify({ amount: 5_000, receipt: refund.id }),
      });
      const first = (await made.json()) as { id: string };
      const done = await w.c.expectOk(complete(refund.id, staffA()));
      expect(done.provider_ref).toBe(first.id);
      expect(rzp.refundsOf(paymentId)).toHaveLength(1);
    });

    it('Razorpay refusing the refund is a 409 and leaves the refund approved', async () => {
      const { order: o, paymentId } = await razorpayPaid(10_000);
      const refund = await requestAndApprove(o.id, 50); // below Razorpay's minimum of 100 paise
      const refused = await complete(refund.id, staffA());
      expect([refused.statusCode, refused.json().code]).toEqual([409, 'COMMERCE.REFUND_INVALID']);
      expect((await w.c.expectOk(w.c.request('GET', `/refunds/${refund.id}`, buyer()))).status).toBe('approved');
      expect(rzp.refundsOf(paymentId)).toHaveLength(0);
    });
  });

  describe('cash', () => {
    async function cashPaid(priceMinor: number): Promise<Body> {
      const o = await order(priceMinor, 'EUR');
      await w.c.expectOk(w.c.request('POST', `/orders/${o.id}/cash-payment`, staffA(), { body: { note: 'till 1' } }));
      return o;
    }

    it('staff pay a cash order back in cash: the commission goes back to the seller, audited', async () => {
      const payableBefore = await balance(w.db, 'seller_payable', world.orgA.id);
      const revenueBefore = await balance(w.db, 'platform_revenue', 'platform');
      const clearingBefore = await balance(w.db, 'payment_clearing', 'platform');
      const o = await cashPaid(1999);
      // The cash sale: the seller owes the platform 399.
      expect(await balance(w.db, 'seller_payable', world.orgA.id)).toBe(payableBefore - 399);
      const partial = await requestAndApprove(o.id, 999);
      const done = await w.c.expectOk(complete(partial.id, staffA()));
      expect(done).toMatchObject({ status: 'completed', method: 'cash', provider_ref: null });
      // The platform gives back its part of the 999 refunded (floor(1999 * 0.2) - floor(1000 * 0.2) = 199).
      expect(await entryPostings(w.db, 'refund.completed', partial.id)).toEqual({
        [`seller_payable:${world.orgA.id}`]: 199,
        [`platform_revenue:platform`]: -199,
      });
      const rest = await requestAndApprove(o.id);
      await w.c.expectOk(complete(rest.id, { apiKey: world.keys.staff }));
      expect((await w.c.expectOk(w.c.request('GET', `/orders/${o.id}`, buyer()))).status).toBe('refunded');
      expect(await balance(w.db, 'seller_payable', world.orgA.id)).toBe(payableBefore);
      expect(await balance(w.db, 'platform_revenue', 'platform')).toBe(revenueBefore);
      expect(await balance(w.db, 'payment_clearing', 'platform')).toBe(clearingBefore);
      const audit = await waitFor(
        async () => {
          const rows: Array<Record<string, unknown>> = await w.db.query(
            `SELECT * FROM audit_events WHERE action = $1 AND target_id = $2 ORDER BY occurred_at`,
            ['commerce.cash_refund_recorded', o.id],
          );
          return rows.length === 2 ? rows : undefined;
        },
        10_000,
        'cash refund audit entries',
      );
      expect(audit[0]).toMatchObject({ org_id: world.orgA.id, target_type: 'order' });
      const metadata = audit.map((row) => row.metadata as Body);
      expect(metadata).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ refund_id: partial.id, amount_minor: 999, currency: 'EUR', recorded_by_user_id: world.orgA.staff.userId }),
          expect.objectContaining({ refund_id: rest.id, amount_minor: 1000, recorded_by_user_id: null }),
        ]),
      );
    });

    it('a platform admin, the buyer and another organization cannot complete a cash refund', async () => {
      const o = await cashPaid(1000);
      const refund = await requestAndApprove(o.id);
      const admin = await complete(refund.id, { token: world.admin.token });
      expect([admin.statusCode, admin.json().code]).toEqual([403, 'COMMERCE.FORBIDDEN']);
      expect((await complete(refund.id, buyer())).statusCode).toBe(403);
      expect((await complete(refund.id, { token: world.orgB.principal.token, orgId: world.orgB.id })).statusCode).toBe(404);
      expect((await w.c.expectOk(w.c.request('GET', `/refunds/${refund.id}`, buyer()))).status).toBe('approved');
      expect((await w.c.expectOk(w.c.request('GET', `/orders/${o.id}`, buyer()))).status).toBe('paid');
    });
  });
});
