import { randomUUID } from 'node:crypto';
import { ExpireOrdersUseCase } from '../../../src/modules/commerce/application/use-cases/change-order-status.use-case';
import { buildWorld, World } from '../organizations/organizations-test-kit';
import { waitFor } from '../../support/processes';
import { balance, Body, closeCommerce, commerceApp, CommerceWorld, deliverWebhook, entryPostings, eventsOf } from './commerce-test-kit';

/**
 * Orders over HTTP: checkout (one order per seller, priced by the server,
 * stock reserved), Stripe PaymentIntents through the real SDK against a fake
 * Stripe, signed webhooks processed once in a job, the seller's steps,
 * cancellation, retries, and the Idempotency-Key.
 */
describe('orders', () => {
  let w: CommerceWorld;
  let world: World;

  beforeAll(async () => {
    w = await commerceApp();
    world = await buildWorld(w.c);
  }, 120_000);
  afterAll(() => closeCommerce(w));

  const buyer = () => ({ token: world.customer.token });
  const sellerStaff = () => ({ token: world.orgA.staff.token, orgId: world.orgA.id });

  async function checkout(items: Array<{ listing_id: string; quantity: number }>, key?: string, caller = buyer()): Promise<Body> {
    return w.c.expectOk(w.c.request('POST', '/orders', caller, { body: { items }, headers: key ? { 'idempotency-key': key } : {} }), 201);
  }

  async function pay(intentId: string): Promise<void> {
    const res = await deliverWebhook(w, w.stripe.webhook('payment_intent.succeeded', w.stripe.succeed(intentId)));
    expect(res.statusCode).toBe(200);
  }

  async function orderWhen(id: string, status: string, caller: { token: string; orgId?: string } = buyer()): Promise<Body> {
    return waitFor(
      async () => {
        const order = await w.c.expectOk(w.c.request('GET', `/orders/${id}`, caller));
        return order.status === status ? order : undefined;
      },
      10_000,
      `order ${id} ${status}`,
    );
  }

  describe('successful', () => {
    it('a cart from two sellers becomes two orders, priced by the server, stock reserved, each with a PaymentIntent', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 2500, 5);
      const tune = w.catalog.add(world.orgB.id, 'tune', 4999);
      const body = await checkout([
        { listing_id: part.id, quantity: 2 },
        { listing_id: tune.id, quantity: 1 },
      ]);
      expect(body.orders).toHaveLength(2);
      const bySeller = Object.fromEntries(body.orders.map((o: Body) => [o.seller_org_id, o]));
      expect(bySeller[world.orgA.id]).toMatchObject({ status: 'awaiting_payment', total_minor: 5000, currency: 'EUR', checkout_id: body.checkout_id });
      expect(bySeller[world.orgB.id]).toMatchObject({ status: 'awaiting_payment', total_minor: 4999 });
      const payment = bySeller[world.orgA.id].payments[0];
      expect(payment).toMatchObject({ method: 'card', status: 'requires_payment', amount_minor: 5000 });
      expect(payment.client_secret).toMatch(/^pi_.+_secret_/);
      expect(w.stripe.intents.get(payment.provider_ref)).toMatchObject({
        amount: 5000,
        currency: 'eur',
        transfer_group: `order_${bySeller[world.orgA.id].id}`,
      });
      expect(w.catalog.listings.get(part.id)?.stock).toBe(3);
    });

    it('a successful payment (signed webhook) pays the order, posts the 80/20 split and tells the marketplace', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 1999, 5);
      const before = await balance(w.db, 'seller_payable', world.orgA.id);
      const [order] = (await checkout([{ listing_id: part.id, quantity: 1 }])).orders;
      await pay(order.payments[0].provider_ref);
      const paid = await orderWhen(order.id, 'paid');
      expect(paid.payments[0]).toMatchObject({ status: 'succeeded', client_secret: null });
      expect(await balance(w.db, 'seller_payable', world.orgA.id)).toBe(before + 1600);
      // The platform's revenue account is shared with every other test running now: check this sale's own entry.
      expect(await entryPostings(w.db, 'order.paid', order.id)).toEqual({
        'payment_clearing:platform': -1999,
        [`seller_payable:${world.orgA.id}`]: 1600,
        'platform_revenue:platform': 399,
      });
      const [event] = await eventsOf(w.db, 'commerce.order.paid', order.id);
      expect(event).toEqual({
        orderId: order.id,
        buyerUserId: world.customer.userId,
        sellerOrgId: world.orgA.id,
        lines: [{ listingId: part.id, kind: 'part', quantity: 1 }],
        totalMinor: 1999,
        currency: 'EUR',
      });
      expect((await eventsOf(w.db, 'commerce.order.status-changed', order.id)).map((e) => `${e.from}>${e.to}`)).toEqual([
        'pending>awaiting_payment',
        'awaiting_payment>paid',
      ]);
    });

    it('a tune is fulfilled (delivered) the moment it is paid', async () => {
      const tune = w.catalog.add(world.orgA.id, 'tune', 3000);
      const [order] = (await checkout([{ listing_id: tune.id, quantity: 1 }])).orders;
      await pay(order.payments[0].provider_ref);
      await orderWhen(order.id, 'delivered');
      const [event] = await eventsOf(w.db, 'commerce.order.paid', order.id);
      expect(event.lines).toEqual([{ listingId: tune.id, kind: 'tune', quantity: 1 }]);
    });

    it('the seller confirms, ships and delivers a paid physical order', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 1000);
      const [order] = (await checkout([{ listing_id: part.id, quantity: 1 }])).orders;
      await pay(order.payments[0].provider_ref);
      await orderWhen(order.id, 'paid');
      for (const [step, status] of [
        ['confirm', 'confirmed'],
        ['ship', 'shipped'],
        ['deliver', 'delivered'],
      ]) {
        const body = await w.c.expectOk(w.c.request('POST', `/orders/${order.id}/${step}`, sellerStaff()));
        expect(body.status).toBe(status);
      }
      const seen = await w.c.expectOk(w.c.request('GET', `/organizations/${world.orgA.id}/orders`, sellerStaff(), { query: { status: 'delivered' } }));
      expect(seen.data.map((o: Body) => o.id)).toContain(order.id);
    });

    it('duplicated, replayed and reordered webhooks leave the same final state and one ledger entry', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 777);
      const [order] = (await checkout([{ listing_id: part.id, quantity: 1 }])).orders;
      const intentId = order.payments[0].provider_ref;
      const failed = w.stripe.webhook('payment_intent.payment_failed', w.stripe.decline(intentId));
      const succeeded = w.stripe.webhook('payment_intent.succeeded', w.stripe.succeed(intentId));
      // Success first, then the older failure, then both again (Stripe retries deliveries).
      for (const delivery of [succeeded, failed, succeeded, failed]) expect((await deliverWebhook(w, delivery)).statusCode).toBe(200);
      const second = await deliverWebhook(w, succeeded);
      expect(second.json()).toEqual({ received: true, duplicate: true });
      await orderWhen(order.id, 'paid');
      await waitFor(
        async () => (await w.db.query(`SELECT 1 FROM commerce_webhook_events WHERE event_id = $1 AND processed_at IS NOT NULL`, [failed.eventId])).length > 0,
        10_000,
        'processed',
      );
      const entries = await w.db.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE reference = $1`, [order.id]);
      expect(entries[0].n).toBe(1);
      const final = await w.c.expectOk(w.c.request('GET', `/orders/${order.id}`, buyer()));
      expect(final.payments[0].status).toBe('succeeded');
      expect(await eventsOf(w.db, 'commerce.order.paid', order.id)).toHaveLength(1);
    });

    it('a declined card can be retried: a new attempt with a new PaymentIntent', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 1200);
      const [order] = (await checkout([{ listing_id: part.id, quantity: 1 }])).orders;
      const first = order.payments[0];
      await deliverWebhook(w, w.stripe.webhook('payment_intent.payment_failed', w.stripe.decline(first.provider_ref)));
      await waitFor(async () => (await w.c.expectOk(w.c.request('GET', `/payments/${first.id}`, buyer()))).status === 'failed', 10_000, 'payment failed');
      const key = randomUUID();
      const retried = await w.c.expectOk(w.c.request('POST', `/payments/${first.id}/retry`, buyer(), { body: {}, headers: { 'idempotency-key': key } }), 201);
      expect(retried).toMatchObject({ attempt: 2, status: 'requires_payment', order_id: order.id });
      expect(retried.provider_ref).not.toBe(first.provider_ref);
      const again = await w.c.expectOk(w.c.request('POST', `/payments/${first.id}/retry`, buyer(), { body: {}, headers: { 'idempotency-key': key } }), 201);
      expect(again).toEqual(retried);
      await pay(retried.provider_ref);
      await orderWhen(order.id, 'paid');
    });

    it('cancelling an unpaid order cancels its PaymentIntent and releases its stock', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 500, 4);
      const [order] = (await checkout([{ listing_id: part.id, quantity: 3 }])).orders;
      expect(w.catalog.listings.get(part.id)?.stock).toBe(1);
      const cancelled = await w.c.expectOk(w.c.request('POST', `/orders/${order.id}/cancel`, buyer()));
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.payments[0].status).toBe('cancelled');
      expect(w.stripe.intents.get(order.payments[0].provider_ref)?.status).toBe('canceled');
      expect(w.catalog.listings.get(part.id)?.stock).toBe(4);
    });

    it('an unpaid order expires: the sweep cancels it and releases its stock', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 500, 2);
      const [order] = (await checkout([{ listing_id: part.id, quantity: 2 }])).orders;
      await w.db.query(`UPDATE commerce_orders SET expires_at = now() - interval '1 minute' WHERE id = $1`, [order.id]);
      await w.t.app.get(ExpireOrdersUseCase, { strict: false }).execute({ requestId: 'test', roles: ['system'] });
      await orderWhen(order.id, 'cancelled');
      expect(w.catalog.listings.get(part.id)?.stock).toBe(2);
    });

    it('50 parallel requests with one Idempotency-Key: one order, one charge, the same answer for all', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 900, 100);
      const key = randomUUID();
      const createdBefore = w.stripe.created;
      const responses = await Promise.all(
        Array.from({ length: 50 }, () =>
          w.c.request('POST', '/orders', buyer(), { body: { items: [{ listing_id: part.id, quantity: 1 }] }, headers: { 'idempotency-key': key } }),
        ),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
      expect(new Set(responses.map((r) => r.body)).size).toBe(1);
      const orders = await w.db.query(`SELECT count(*)::int AS n FROM commerce_orders WHERE checkout_id = $1`, [responses[0].json().checkout_id]);
      expect(orders[0].n).toBe(1);
      expect(w.stripe.created - createdBefore).toBe(1);
      expect(w.catalog.listings.get(part.id)?.stock).toBe(99);
    });

    it('Stripe failing then recovering: the retry with the same key creates one PaymentIntent', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 4200, 3);
      const key = randomUUID();
      const createdBefore = w.stripe.created;
      w.stripe.failNext(10);
      const failed = await w.c.request('POST', '/orders', buyer(), {
        body: { items: [{ listing_id: part.id, quantity: 1 }] },
        headers: { 'idempotency-key': key },
      });
      expect(failed.statusCode).toBe(503);
      expect(failed.json().code).toBe('COMMERCE.PAYMENT_PROVIDER_UNAVAILABLE');
      w.stripe.failNext(0);
      const body = await checkout([{ listing_id: part.id, quantity: 1 }], key);
      expect(body.orders[0].payments[0].client_secret).toBeTruthy();
      expect(w.stripe.created - createdBefore).toBe(1);
      expect(w.catalog.listings.get(part.id)?.stock).toBe(2);
      // The SDK sent every attempt with one key derived from ours.
      const keys = new Set(
        w.stripe.requests
          .filter((r) => r.path === '/v1/payment_intents')
          .slice(-12)
          .map((r) => r.idempotencyKey),
      );
      expect(keys.has(body.orders[0].payments[0].id)).toBe(false);
    });

    it('Stripe timing out: the retry with the same key creates one PaymentIntent', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 4300, 3);
      const key = randomUUID();
      const createdBefore = w.stripe.created;
      w.stripe.stall(2500);
      const timedOut = await w.c.request('POST', '/orders', buyer(), {
        body: { items: [{ listing_id: part.id, quantity: 1 }] },
        headers: { 'idempotency-key': key },
      });
      w.stripe.stall(0);
      expect(timedOut.statusCode).toBe(503);
      const body = await checkout([{ listing_id: part.id, quantity: 1 }], key);
      // The stalled requests were answered late (created), the retry got the same intent back.
      expect(w.stripe.created - createdBefore).toBe(1);
      expect(w.stripe.intents.get(body.orders[0].payments[0].provider_ref)).toBeDefined();
    }, 30_000);
  });

  describe('failing', () => {
    it('the same Idempotency-Key with another body is refused', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 100, 10);
      const key = randomUUID();
      await checkout([{ listing_id: part.id, quantity: 1 }], key);
      const res = await w.c.request('POST', '/orders', buyer(), {
        body: { items: [{ listing_id: part.id, quantity: 2 }] },
        headers: { 'idempotency-key': key },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('COMMERCE.IDEMPOTENCY_KEY_REUSED');
    });

    it('a webhook with a bad or missing signature is refused and recorded nowhere', async () => {
      const delivery = w.stripe.webhook('payment_intent.succeeded', { id: 'pi_x' }, undefined, 'whsec_wrong');
      expect((await deliverWebhook(w, delivery)).statusCode).toBe(400);
      const tampered = w.stripe.webhook('payment_intent.succeeded', { id: 'pi_y' });
      expect((await deliverWebhook(w, { body: tampered.body.replace('pi_y', 'pi_z'), signature: tampered.signature })).statusCode).toBe(400);
      expect((await deliverWebhook(w, { body: tampered.body, signature: '' })).statusCode).toBe(400);
      const rows = await w.db.query(`SELECT 1 FROM commerce_webhook_events WHERE event_id IN ($1, $2)`, [delivery.eventId, tampered.eventId]);
      expect(rows).toHaveLength(0);
    });

    it('unknown, unpublished and out-of-stock listings are refused without an order', async () => {
      const draft = w.catalog.add(world.orgA.id, 'part', 100);
      (w.catalog.listings.get(draft.id) as { status: string }).status = 'draft';
      const few = w.catalog.add(world.orgA.id, 'part', 100, 1);
      const cases: Array<[Array<{ listing_id: string; quantity: number }>, number, string]> = [
        [[{ listing_id: randomUUID(), quantity: 1 }], 422, 'COMMERCE.LISTING_UNAVAILABLE'],
        [[{ listing_id: draft.id, quantity: 1 }], 422, 'COMMERCE.LISTING_UNAVAILABLE'],
        [[{ listing_id: few.id, quantity: 2 }], 409, 'COMMERCE.OUT_OF_STOCK'],
        [[], 400, 'HTTP.VALIDATION_FAILED'],
        [[{ listing_id: few.id, quantity: 0 }], 400, 'HTTP.VALIDATION_FAILED'],
      ];
      for (const [items, status, code] of cases) {
        const res = await w.c.request('POST', '/orders', buyer(), { body: { items } });
        expect([res.statusCode, res.json().code]).toEqual([status, code]);
      }
    });

    it('the client cannot set prices', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 100);
      const res = await w.c.request('POST', '/orders', buyer(), { body: { items: [{ listing_id: part.id, quantity: 1, unit_price_minor: 1 }] } });
      expect(res.statusCode).toBe(400);
    });

    it('another buyer, another organization and anonymous callers do not see or move an order', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 100);
      const [order] = (await checkout([{ listing_id: part.id, quantity: 1 }])).orders;
      const stranger = await w.c.signUp('stranger');
      expect((await w.c.request('GET', `/orders/${order.id}`, { token: stranger.token })).statusCode).toBe(404);
      expect((await w.c.request('GET', `/orders/${order.id}`, { token: world.orgB.principal.token, orgId: world.orgB.id })).statusCode).toBe(404);
      expect((await w.c.request('POST', `/orders/${order.id}/cancel`, { token: stranger.token })).statusCode).toBe(404);
      expect((await w.c.request('POST', `/orders/${order.id}/confirm`, { token: world.orgB.principal.token, orgId: world.orgB.id })).statusCode).toBe(404);
      expect((await w.c.request('GET', `/payments/${order.payments[0].id}`, { token: stranger.token })).statusCode).toBe(404);
      expect((await w.c.request('POST', `/payments/${order.payments[0].id}/retry`, { token: stranger.token }, { body: {} })).statusCode).toBe(404);
      expect((await w.c.request('GET', `/orders/${order.id}`)).statusCode).toBe(401);
      // The seller's staff, its API key and a platform admin do see it.
      expect((await w.c.request('GET', `/orders/${order.id}`, sellerStaff())).statusCode).toBe(200);
      expect((await w.c.request('GET', `/orders/${order.id}`, { apiKey: world.keys.staff })).statusCode).toBe(200);
      expect((await w.c.request('GET', `/orders/${order.id}`, { token: world.admin.token })).statusCode).toBe(200);
    });

    it('the buyer cannot confirm their own order; unpaid orders cannot be shipped; paid ones cannot be cancelled', async () => {
      const part = w.catalog.add(world.orgA.id, 'part', 100);
      const [order] = (await checkout([{ listing_id: part.id, quantity: 1 }])).orders;
      expect((await w.c.request('POST', `/orders/${order.id}/confirm`, buyer())).statusCode).toBe(403);
      const ship = await w.c.request('POST', `/orders/${order.id}/ship`, sellerStaff());
      expect([ship.statusCode, ship.json().code]).toEqual([409, 'COMMERCE.INVALID_TRANSITION']);
      await pay(order.payments[0].provider_ref);
      await orderWhen(order.id, 'paid');
      const cancel = await w.c.request('POST', `/orders/${order.id}/cancel`, buyer());
      expect([cancel.statusCode, cancel.json().code]).toEqual([409, 'COMMERCE.INVALID_TRANSITION']);
      const retry = await w.c.request('POST', `/payments/${order.payments[0].id}/retry`, buyer(), { body: {} });
      expect([retry.statusCode, retry.json().code]).toEqual([409, 'COMMERCE.PAYMENT_NOT_RETRYABLE']);
    });
  });
});
