import { randomUUID } from 'node:crypto';
import { ExpireOrdersUseCase } from '../../../src/modules/commerce/application/use-cases/change-order-status.use-case';
import { buildWorld, World } from '../organizations/organizations-test-kit';
import { waitFor } from '../../support/processes';
import { Body, closeCommerce, commerceApp, CommerceWorld, deliverWebhook, entryPostings } from './commerce-test-kit';

/**
 * POST /discounts/apply (seed 002): the buyer applies a code to their order
 * awaiting payment. The order is re-priced by the server, a use is reserved
 * (given back on cancel or expiry), the card attempt is replaced by one for
 * the new total, one code per order, and limits hold under parallel applies.
 */
describe('applying a discount code to an order', () => {
  let w: CommerceWorld;
  let world: World;

  beforeAll(async () => {
    w = await commerceApp();
    world = await buildWorld(w.c);
  }, 120_000);
  afterAll(() => closeCommerce(w));

  const buyer = () => ({ token: world.customer.token });
  const managerA = () => ({ token: world.orgA.manager.token });
  let seq = 0;
  const uniqueCode = () => `APPLY${Date.now().toString(36)}${(seq += 1)}`.toUpperCase();

  async function createCode(body: Record<string, unknown>, orgId = world.orgA.id, caller = managerA()): Promise<Body> {
    return w.c.expectOk(w.c.request('POST', `/organizations/${orgId}/discounts`, caller, { body: { code: uniqueCode(), ...body } }), 201);
  }

  async function order(priceMinor = 1000, quantity = 1, caller: { token: string } = buyer()): Promise<Body> {
    const part = w.catalog.add(world.orgA.id, 'part', priceMinor, 1000);
    return (await w.c.expectOk(w.c.request('POST', '/orders', caller, { body: { items: [{ listing_id: part.id, quantity }] } }), 201)).orders[0];
  }

  function apply(orderId: string, code: string, caller: { token: string } = buyer(), key?: string) {
    return w.c.request('POST', '/discounts/apply', caller, { body: { order_id: orderId, code }, headers: key ? { 'idempotency-key': key } : {} });
  }

  async function uses(id: string): Promise<number> {
    return (await w.c.expectOk(w.c.request('GET', `/organizations/${world.orgA.id}/discounts/${id}`, managerA()))).uses_count;
  }

  describe('successful', () => {
    it('re-prices the order, reserves a use, replaces the card attempt; paying the new intent posts the new total', async () => {
      const code = await createCode({ type: 'fixed', amount_minor: 300, currency: 'EUR', max_uses: 10 });
      const o = await order(1000, 2);
      const oldIntent = o.payments[0].provider_ref;
      const applied = await w.c.expectOk(apply(o.id, code.code.toLowerCase(), buyer(), 'apply-key-0001'));
      expect(applied).toMatchObject({
        id: o.id,
        status: 'awaiting_payment',
        subtotal_minor: 2000,
        discount_minor: 300,
        total_minor: 1700,
        discount_code: code.code,
      });
      expect(applied.lines[0]).toMatchObject({ subtotal_minor: 2000, discount_minor: 300 });
      const byAttempt = [...applied.payments].sort((a: Body, b: Body) => a.attempt - b.attempt);
      expect(byAttempt.map((p: Body) => `${p.method}:${p.status}:${p.amount_minor}`)).toEqual(['card:cancelled:2000', 'card:requires_payment:1700']);
      expect(w.stripe.intents.get(oldIntent)?.status).toBe('canceled');
      const newIntent = byAttempt[1].provider_ref;
      expect(w.stripe.intents.get(newIntent)).toMatchObject({ amount: 1700, status: 'requires_payment_method' });
      expect(await uses(code.id)).toBe(1);
      // The same key replays the answer; a second application is refused.
      expect(await w.c.expectOk(apply(o.id, code.code.toLowerCase(), buyer(), 'apply-key-0001'))).toEqual(applied);
      const again = await apply(o.id, code.code);
      expect([again.statusCode, again.json().code]).toEqual([409, 'COMMERCE.DISCOUNT_ALREADY_APPLIED']);
      const other = await createCode({ type: 'percentage', percent_bps: 5000 });
      const second = await apply(o.id, other.code);
      expect([second.statusCode, second.json().code]).toEqual([409, 'COMMERCE.DISCOUNT_ALREADY_APPLIED']);
      expect(await uses(code.id)).toBe(1);
      expect(await uses(other.id)).toBe(0);
      await deliverWebhook(w, w.stripe.webhook('payment_intent.succeeded', w.stripe.succeed(newIntent)));
      await waitFor(async () => (await w.c.expectOk(w.c.request('GET', `/orders/${o.id}`, buyer()))).status === 'paid' || undefined, 10_000, 'paid');
      expect(await entryPostings(w.db, 'order.paid', o.id)).toEqual({
        'payment_clearing:platform': -1700,
        [`seller_payable:${world.orgA.id}`]: 1360,
        'platform_revenue:platform': 340,
      });
      expect(await uses(code.id)).toBe(1);
    });

    it('cancelling or expiring the order gives the use back; a 100 % code pays the order at once', async () => {
      const code = await createCode({ type: 'percentage', percent_bps: 1000, max_uses: 1 });
      const first = await order();
      await w.c.expectOk(apply(first.id, code.code));
      expect(await uses(code.id)).toBe(1);
      await w.c.expectOk(w.c.request('POST', `/orders/${first.id}/cancel`, buyer()));
      expect(await uses(code.id)).toBe(0);
      const second = await order();
      await w.c.expectOk(apply(second.id, code.code));
      expect(await uses(code.id)).toBe(1);
      // Only this order runs out of time (the database is shared with other suites).
      await w.db.query(`UPDATE commerce_orders SET expires_at = now() - interval '1 minute' WHERE id = $1`, [second.id]);
      await w.t.app.get(ExpireOrdersUseCase).execute({ requestId: 'test', roles: [] }, new Date());
      expect((await w.c.expectOk(w.c.request('GET', `/orders/${second.id}`, buyer()))).status).toBe('cancelled');
      expect(await uses(code.id)).toBe(0);
      const free = await createCode({ type: 'percentage', percent_bps: 10_000 });
      const third = await order(800);
      const paid = await w.c.expectOk(apply(third.id, free.code));
      expect(paid).toMatchObject({ status: 'paid', total_minor: 0, discount_minor: 800 });
      expect(paid.payments.map((p: Body) => `${p.method}:${p.status}`).sort()).toEqual(['card:cancelled', 'free:succeeded']);
    });

    it('limit 3, 12 orders applied in parallel: exactly 3 discounted', async () => {
      const code = await createCode({ type: 'percentage', percent_bps: 2000, max_uses: 3 });
      const orders = await Promise.all(Array.from({ length: 12 }, () => order(1000)));
      const responses = await Promise.all(orders.map((o) => apply(o.id, code.code)));
      const statuses = responses.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      expect(statuses.filter((s) => s === 422)).toHaveLength(9);
      for (const r of responses.filter((x) => x.statusCode === 422))
        expect(r.json()).toMatchObject({ code: 'COMMERCE.DISCOUNT_NOT_APPLICABLE', reason: 'used_up' });
      expect(await uses(code.id)).toBe(3);
      const [row] = await w.db.query(`SELECT count(*) AS n FROM commerce_orders WHERE discount_code = $1 AND total_minor = 800`, [code.code]);
      expect(Number(row.n)).toBe(3);
      // The refused orders can still be paid: each has a live card attempt for the full price.
      for (const o of orders.filter((_, i) => responses[i].statusCode === 422)) {
        const view = await w.c.expectOk(w.c.request('GET', `/orders/${o.id}`, buyer()));
        const live = view.payments.filter((p: Body) => p.status === 'requires_payment');
        expect(live).toHaveLength(1);
        expect(w.stripe.intents.get(live[0].provider_ref)).toMatchObject({ amount: 1000, status: 'requires_payment_method' });
      }
    });

    it('parallel applies of two codes to one order: one wins, the other is refused; one key run 10 times applies once', async () => {
      const a = await createCode({ type: 'percentage', percent_bps: 1000 });
      const b = await createCode({ type: 'fixed', amount_minor: 100, currency: 'EUR' });
      const o = await order(1000);
      const [ra, rb] = await Promise.all([apply(o.id, a.code), apply(o.id, b.code)]);
      expect([ra.statusCode, rb.statusCode].sort()).toEqual([200, 409]);
      expect((await uses(a.id)) + (await uses(b.id))).toBe(1);
      const c = await createCode({ type: 'percentage', percent_bps: 1000, max_uses: 5 });
      const o2 = await order(1000);
      const key = `apply-parallel-${randomUUID()}`;
      const responses = await Promise.all(Array.from({ length: 10 }, () => apply(o2.id, c.code, buyer(), key)));
      expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
      expect(new Set(responses.map((r) => r.body)).size).toBe(1);
      expect(await uses(c.id)).toBe(1);
      const view = await w.c.expectOk(w.c.request('GET', `/orders/${o2.id}`, buyer()));
      expect(view.payments.filter((p: Body) => p.status === 'requires_payment')).toHaveLength(1);
    });
  });

  describe('failing', () => {
    it('only the buyer applies, only to an order awaiting payment, only the seller’s own valid code', async () => {
      const code = await createCode({ type: 'percentage', percent_bps: 1000 });
      const o = await order(1000);
      const stranger = await w.c.signUp('apply-stranger');
      expect((await apply(o.id, code.code, { token: stranger.token })).statusCode).toBe(404);
      expect((await apply(randomUUID(), code.code)).statusCode).toBe(404);
      const codeB = await createCode({ type: 'percentage', percent_bps: 1000 }, world.orgB.id, { token: world.orgB.principal.token });
      const foreign = await apply(o.id, codeB.code);
      expect([foreign.statusCode, foreign.json().reason]).toEqual([422, 'not_found']);
      const minimum = await createCode({ type: 'percentage', percent_bps: 1000, min_order_minor: 5000, currency: 'EUR' });
      const small = await apply(o.id, minimum.code);
      expect([small.statusCode, small.json().reason]).toEqual([422, 'minimum_not_met']);
      // A refused code leaves the order and its card attempt as they were.
      const view = await w.c.expectOk(w.c.request('GET', `/orders/${o.id}`, buyer()));
      expect(view).toMatchObject({ total_minor: 1000, discount_code: null });
      expect(view.payments).toHaveLength(1);
      expect(w.stripe.intents.get(o.payments[0].provider_ref)?.status).toBe('requires_payment_method');
      await w.c.expectOk(w.c.request('POST', `/orders/${o.id}/cancel`, buyer()));
      const cancelled = await apply(o.id, code.code);
      expect([cancelled.statusCode, cancelled.json().code]).toEqual([409, 'COMMERCE.INVALID_TRANSITION']);
      expect(await uses(code.id)).toBe(0);
      const key = 'apply-reuse-key-1';
      const fresh = await order(1000);
      await w.c.expectOk(apply(fresh.id, code.code, buyer(), key));
      const reused = await apply(fresh.id, minimum.code, buyer(), key);
      expect([reused.statusCode, reused.json().code]).toEqual([422, 'COMMERCE.IDEMPOTENCY_KEY_REUSED']);
    });

    it('the buyer paying by card meanwhile wins: the code is refused with 409 and no use is taken', async () => {
      const code = await createCode({ type: 'percentage', percent_bps: 1000, max_uses: 2 });
      const o = await order(1000);
      w.stripe.succeed(o.payments[0].provider_ref);
      const late = await apply(o.id, code.code);
      expect(late.statusCode).toBe(409);
      expect((await w.c.expectOk(w.c.request('GET', `/orders/${o.id}`, buyer()))).status).toBe('paid');
      expect(await uses(code.id)).toBe(0);
    });
  });
});
