import { randomUUID } from 'node:crypto';
import { buildWorld, World } from '../organizations/organizations-test-kit';
import { waitFor } from '../../support/processes';
import { balance, Body, closeCommerce, commerceApp, CommerceWorld, deliverWebhook, eventsOf } from './commerce-test-kit';

/** Refunds: requested, approved by the seller or a platform admin, completed through the original method, the ledger reversed in proportion. */
describe('refunds', () => {
  let w: CommerceWorld;
  let world: World;

  beforeAll(async () => {
    w = await commerceApp();
    world = await buildWorld(w.c);
  }, 120_000);
  afterAll(() => closeCommerce(w));

  const buyer = () => ({ token: world.customer.token });
  const seller = () => ({ token: world.orgA.staff.token, orgId: world.orgA.id });

  async function paidOrder(price: number, kind: 'part' | 'tune' = 'part'): Promise<Body> {
    const listing = w.catalog.add(world.orgA.id, kind, price);
    const [order] = (await w.c.expectOk(w.c.request('POST', '/orders', buyer(), { body: { items: [{ listing_id: listing.id, quantity: 1 }] } }), 201)).orders;
    await deliverWebhook(w, w.stripe.webhook('payment_intent.succeeded', w.stripe.succeed(order.payments[0].provider_ref)));
    await waitFor(
      async () => ['paid', 'delivered'].includes((await w.c.expectOk(w.c.request('GET', `/orders/${order.id}`, buyer()))).status) || undefined,
      10_000,
      'paid',
    );
    return order;
  }

  async function refund(orderId: string, amount: number | undefined, approver: { token: string; orgId?: string }): Promise<Body> {
    const requested = await w.c.expectOk(
      w.c.request('POST', '/refunds', buyer(), {
        body: { order_id: orderId, reason: 'Wrong part', ...(amount ? { amount_minor: amount } : {}) },
        headers: { 'idempotency-key': randomUUID() },
      }),
      201,
    );
    expect(requested.status).toBe('requested');
    await w.c.expectOk(w.c.request('POST', `/refunds/${requested.id}/approve`, approver));
    return w.c.expectOk(w.c.request('POST', `/refunds/${requested.id}/complete`, approver, { headers: { 'idempotency-key': randomUUID() } }));
  }

  describe('successful', () => {
    it('a partial then a full refund through Stripe reverse the split exactly and tell the marketplace', async () => {
      const sellerBefore = await balance(w.db, 'seller_payable', world.orgA.id);
      const platformBefore = await balance(w.db, 'platform_revenue', 'platform');
      const order = await paidOrder(1999);
      expect(await balance(w.db, 'seller_payable', world.orgA.id)).toBe(sellerBefore + 1600);
      // The staff member confirms it: a step the analytics attribute to them.
      expect((await w.c.expectOk(w.c.request('POST', `/orders/${order.id}/confirm`, seller()))).status).toBe('confirmed');
      const partial = await refund(order.id, 999, seller());
      expect(partial).toMatchObject({ status: 'completed', amount_minor: 999 });
      expect(w.stripe.refunds.find((r) => r.id === partial.provider_ref)).toMatchObject({ amount: 999, payment_intent: order.payments[0].provider_ref });
      const partly = await w.c.expectOk(w.c.request('GET', `/orders/${order.id}`, buyer()));
      expect(partly).toMatchObject({ status: 'partially_refunded', refunded_minor: 999 });
      await refund(order.id, undefined, { token: world.admin.token });
      expect((await w.c.expectOk(w.c.request('GET', `/orders/${order.id}`, buyer()))).status).toBe('refunded');
      expect(await balance(w.db, 'seller_payable', world.orgA.id)).toBe(sellerBefore);
      expect(await balance(w.db, 'platform_revenue', 'platform')).toBe(platformBefore);
      const refunded = await eventsOf(w.db, 'commerce.order.refunded', order.id);
      expect(refunded.map((e) => [e.full, e.amountMinor, e.currency])).toEqual([
        [false, 999, 'EUR'],
        [true, 1000, 'EUR'],
      ]);

      // Analytics: the refunds are subtracted from the day's revenue; the confirmation is the staff member's.
      const today = new Date().toISOString().slice(0, 10);
      const analytics = (caller: { token: string }) =>
        w.c.request('GET', `/organizations/${world.orgA.id}/analytics`, caller, {
          query: { from: today, to: today },
          headers: { 'cache-control': 'no-cache' },
        });
      const totals = await waitFor(
        async () => {
          const report = (await w.c.expectOk(analytics({ token: world.orgA.principal.token }))).totals as Body;
          return report.refunds === 2 && report.orders === 1 && report.orders_handled === 1 ? report : undefined;
        },
        20_000,
        'the refunds rolled up',
      );
      expect(totals).toMatchObject({
        orders: 1,
        refunds: 2,
        revenue: [{ currency: 'EUR', amount_minor: 0 }],
        refunded: [{ currency: 'EUR', amount_minor: 1999 }],
        orders_handled: 1,
      });
      const staff = (await w.c.expectOk(analytics({ token: world.orgA.staff.token }))).totals as Body;
      expect(staff).toMatchObject({ orders_handled: 1, revenue: null, refunded: null });
      expect(((await w.c.expectOk(analytics({ token: world.orgA.manager.token }))).totals as Body).orders_handled).toBe(0);

      // A backfill recomputes the same figures from commerce's facade (orders paid, refunds completed); who confirmed is kept.
      await w.db.query(`DELETE FROM analytics_daily WHERE org_id = $1 AND metric IN ('orders.paid', 'orders.refunded')`, [world.orgA.id]);
      expect(((await w.c.expectOk(analytics({ token: world.orgA.principal.token }))).totals as Body).refunds).toBe(0);
      await w.c.expectOk(w.c.request('POST', `/admin/organizations/${world.orgA.id}/analytics/backfill`, { token: world.admin.token }));
      expect((await w.c.expectOk(analytics({ token: world.orgA.principal.token }))).totals).toEqual(totals);
    });

    it('a wallet payment is refunded to the wallet', async () => {
      const buyerWallet = () => balance(w.db, 'buyer_wallet', world.customer.userId);
      const topUp = await w.c.expectOk(w.c.request('POST', '/wallets/me/top-ups', buyer(), { body: { amount_minor: 500, currency: 'EUR' } }), 201);
      await deliverWebhook(w, w.stripe.webhook('payment_intent.succeeded', w.stripe.succeed(topUp.provider_ref)));
      await waitFor(async () => (await buyerWallet()) >= 500 || undefined, 10_000, 'credited');
      const before = await buyerWallet();
      const listing = w.catalog.add(world.orgA.id, 'tune', 500);
      const [order] = (
        await w.c.expectOk(
          w.c.request('POST', '/orders', buyer(), { body: { items: [{ listing_id: listing.id, quantity: 1 }], payment_method: 'wallet' } }),
          201,
        )
      ).orders;
      expect(await buyerWallet()).toBe(before - 500);
      await refund(order.id, undefined, seller());
      expect(await buyerWallet()).toBe(before);
      const [event] = await eventsOf(w.db, 'commerce.order.refunded', order.id);
      expect(event).toEqual({
        orderId: order.id,
        buyerUserId: world.customer.userId,
        sellerOrgId: world.orgA.id,
        full: true,
        listingIds: [listing.id],
        amountMinor: 500,
        currency: 'EUR',
      });
    });
  });

  describe('failing', () => {
    it('the buyer cannot approve; strangers do not see; more than paid, or completing unapproved, is refused', async () => {
      const order = await paidOrder(1000);
      const over = await w.c.request('POST', '/refunds', buyer(), { body: { order_id: order.id, amount_minor: 1001, reason: 'x' } });
      expect([over.statusCode, over.json().code]).toEqual([409, 'COMMERCE.REFUND_INVALID']);
      const requested = await w.c.expectOk(w.c.request('POST', '/refunds', buyer(), { body: { order_id: order.id, amount_minor: 400, reason: 'x' } }), 201);
      expect((await w.c.request('POST', `/refunds/${requested.id}/approve`, buyer())).statusCode).toBe(403);
      const early = await w.c.request('POST', `/refunds/${requested.id}/complete`, seller());
      expect([early.statusCode, early.json().code]).toEqual([409, 'COMMERCE.REFUND_INVALID']);
      const stranger = await w.c.signUp('refund-stranger');
      expect((await w.c.request('GET', `/refunds/${requested.id}`, { token: stranger.token })).statusCode).toBe(404);
      expect((await w.c.request('POST', `/refunds/${requested.id}/approve`, { token: world.orgB.principal.token, orgId: world.orgB.id })).statusCode).toBe(404);
      // The open request counts: only 600 more can be asked for.
      const second = await w.c.request('POST', '/refunds', buyer(), { body: { order_id: order.id, amount_minor: 601, reason: 'x' } });
      expect(second.statusCode).toBe(409);
    });
  });
});
