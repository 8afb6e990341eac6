import { waitFor } from '../../support/processes';
import { buildWorld, World } from '../organizations/organizations-test-kit';
import { balance, Body, closeCommerce, commerceApp, CommerceWorld, eventsOf } from './commerce-test-kit';

/**
 * Cash: the seller's staff mark an order paid in cash. The order is paid once
 * (Idempotency-Key replays), the platform's commission is booked as owed by
 * the seller, the open card attempt is cancelled, and the act is audited.
 */
describe('cash payments', () => {
  let w: CommerceWorld;
  let world: World;

  beforeAll(async () => {
    w = await commerceApp();
    world = await buildWorld(w.c);
  }, 120_000);
  afterAll(() => closeCommerce(w));

  const buyer = () => ({ token: world.customer.token });
  const staffA = () => ({ token: world.orgA.staff.token, orgId: world.orgA.id });

  async function order(priceMinor = 1999, sellerOrgId = world.orgA.id): Promise<Body> {
    const part = w.catalog.add(sellerOrgId, 'part', priceMinor, 10);
    const body = await w.c.expectOk(w.c.request('POST', '/orders', buyer(), { body: { items: [{ listing_id: part.id, quantity: 1 }] } }), 201);
    return body.orders[0];
  }

  function cash(orderId: string, caller: { token?: string; apiKey?: string; orgId?: string }, key?: string, body: Record<string, unknown> = {}) {
    return w.c.request('POST', `/orders/${orderId}/cash-payment`, caller, { body, headers: key ? { 'idempotency-key': key } : {} });
  }

  describe('successful', () => {
    it('staff mark an order paid in cash: paid once, commission owed by the seller, card attempt cancelled, audited', async () => {
      const o = await order(1999);
      const payableBefore = await balance(w.db, 'seller_payable', world.orgA.id);
      const revenueBefore = await balance(w.db, 'platform_revenue', 'platform');
      const clearingBefore = await balance(w.db, 'payment_clearing', 'platform');
      const paid = await w.c.expectOk(cash(o.id, staffA(), 'cash-key-0001', { note: 'receipt 42' }));
      expect(paid.status).toBe('paid');
      const methods = paid.payments.map((p: Body) => `${p.method}:${p.status}`).sort();
      expect(methods).toEqual(['card:cancelled', 'cash:succeeded']);
      expect(w.stripe.intents.get(o.payments[0].provider_ref)?.status).toBe('canceled');
      // 20 % of 1 999 = 399 (rounded down): owed by the seller, earned by the platform; no money through clearing.
      expect(await balance(w.db, 'seller_payable', world.orgA.id)).toBe(payableBefore - 399);
      expect(await balance(w.db, 'platform_revenue', 'platform')).toBe(revenueBefore + 399);
      expect(await balance(w.db, 'payment_clearing', 'platform')).toBe(clearingBefore);
      const replay = await w.c.expectOk(cash(o.id, staffA(), 'cash-key-0001', { note: 'receipt 42' }));
      expect(replay).toEqual(paid);
      expect(await balance(w.db, 'seller_payable', world.orgA.id)).toBe(payableBefore - 399);
      expect(await eventsOf(w.db, 'commerce.order.paid', o.id)).toHaveLength(1);
      const audit = await waitFor(
        async () => {
          const rows: Array<Record<string, unknown>> = await w.db.query(`SELECT * FROM audit_events WHERE action = $1 AND target_id = $2`, [
            'commerce.cash_payment_recorded',
            o.id,
          ]);
          return rows.length > 0 ? rows : undefined;
        },
        10_000,
        'cash audit entry',
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ org_id: world.orgA.id, target_type: 'order' });
      expect(audit[0].metadata).toMatchObject({ amount_minor: 1999, currency: 'EUR', note: 'receipt 42', recorded_by_user_id: world.orgA.staff.userId });
    });

    it('parallel requests with one key pay once; an API key of the seller may record cash', async () => {
      const o = await order(1000);
      const responses = await Promise.all(Array.from({ length: 10 }, () => cash(o.id, staffA(), 'cash-key-parallel')));
      expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
      const [row] = await w.db.query(`SELECT count(*) AS n FROM commerce_payments WHERE order_id = $1 AND method = 'cash'`, [o.id]);
      expect(Number(row.n)).toBe(1);
      const o2 = await order(1000);
      await w.c.expectOk(cash(o2.id, { apiKey: world.keys.staff }));
    });
  });

  describe('failing', () => {
    it('a second cash payment without the key is a conflict; a cancelled order cannot be paid in cash', async () => {
      const o = await order(500);
      await w.c.expectOk(cash(o.id, staffA()));
      const again = await cash(o.id, staffA());
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('COMMERCE.INVALID_TRANSITION');
      const c = await order(500);
      await w.c.expectOk(w.c.request('POST', `/orders/${c.id}/cancel`, buyer()));
      expect((await cash(c.id, staffA())).statusCode).toBe(409);
    });

    it('the buyer, a platform admin and another organization cannot record cash', async () => {
      const o = await order(500);
      expect((await cash(o.id, buyer())).statusCode).toBe(403);
      expect((await cash(o.id, { token: world.admin.token })).statusCode).toBe(403);
      const other = await cash(o.id, { token: world.orgB.principal.token, orgId: world.orgB.id });
      expect(other.statusCode).toBe(404);
      const stillOpen = await w.c.expectOk(w.c.request('GET', `/orders/${o.id}`, buyer()));
      expect(stillOpen.status).toBe('awaiting_payment');
    });

    it('a key reused with another body is refused', async () => {
      const o = await order(500);
      await w.c.expectOk(cash(o.id, staffA(), 'cash-key-reuse', { note: 'a' }));
      const reused = await cash(o.id, staffA(), 'cash-key-reuse', { note: 'b' });
      expect(reused.statusCode).toBe(422);
      expect(reused.json().code).toBe('COMMERCE.IDEMPOTENCY_KEY_REUSED');
    });
  });
});
