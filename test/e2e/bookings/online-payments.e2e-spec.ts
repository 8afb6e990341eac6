import { FAKE_STRIPE_KEY, FAKE_WEBHOOK_SECRET, FakeStripe } from '../../support/fake-stripe';
import { FAKE_RAZORPAY_KEY_ID, FAKE_RAZORPAY_KEY_SECRET, FAKE_RAZORPAY_WEBHOOK_SECRET, FakeRazorpay } from '../../support/fake-razorpay';
import { deliveryJobId } from '../../../src/platform/events';
import { JobQueue } from '../../../src/platform/queues/job-queue';
import { PLATFORM_QUEUES } from '../../../src/platform/queues/queue.registry';
import { finishedJob } from '../../support/processes';
import type { TestApp } from '../../support/test-app';
import { API, Actor, Body } from '../organizations/organizations-test-kit';
import { BookingsClient, bookingsApp, dateIn, Models, Shop, until } from './bookings-test-kit';

/**
 * Bookings paid online through commerce, with the real `stripe` and
 * `razorpay` SDKs against the fakes: the booking holds its slot while it waits
 * for the payment, the payment (webhook or checkout signature) confirms it
 * once, an unpaid hold expires and frees the slot, and a cancellation refunds
 * through the provider that took the money.
 */
describe('bookings: paid online with Stripe or Razorpay', () => {
  let t: TestApp;
  let c: BookingsClient;
  let stripe: FakeStripe;
  let rzp: FakeRazorpay;
  let a: Shop;
  let b: Shop;
  let models: Models;
  let alice: Actor;
  let bob: Actor;
  let day: string;
  let nextDay: string;
  let slot = 0;
  let nextDaySlot = 0;

  beforeAll(async () => {
    [stripe, rzp] = await Promise.all([new FakeStripe().start(), new FakeRazorpay().start()]);
    t = await bookingsApp({
      STRIPE_SECRET_KEY: FAKE_STRIPE_KEY,
      STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET,
      STRIPE_API_URL: stripe.url,
      STRIPE_TIMEOUT_MS: '2000',
      STRIPE_MAX_NETWORK_RETRIES: '1',
      RAZORPAY_KEY_ID: FAKE_RAZORPAY_KEY_ID,
      RAZORPAY_KEY_SECRET: FAKE_RAZORPAY_KEY_SECRET,
      RAZORPAY_WEBHOOK_SECRET: FAKE_RAZORPAY_WEBHOOK_SECRET,
      RAZORPAY_API_URL: rzp.url,
      EVENTS_RELAY_INTERVAL_MS: '100',
      BOOKINGS_HOLD_SWEEP_INTERVAL_MS: '300',
    });
    c = new BookingsClient(t);
    models = await c.models();
    // One bay each: a held slot disappears from the availability.
    [a, b, alice, bob] = await Promise.all([c.shop('pay-a', {}, 1), c.shop('pay-b', {}, 1), c.signUp('pay-alice'), c.signUp('pay-bob')]);
    day = dateIn('Asia/Kolkata', 4);
    nextDay = dateIn('Asia/Kolkata', 5);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await stripe?.close();
    await rzp?.close();
  });

  /** A fresh start time for each booking (hourly from 09:00), so the tests never compete for a slot. */
  const nextTime = () => `${String(9 + slot++).padStart(2, '0')}:00`;
  /** The same on the next day (the shop opens nine hours a day). */
  const nextDayTime = () => `${String(9 + nextDaySlot++).padStart(2, '0')}:00`;
  const bookNextDay = (method: 'cash' | 'stripe' | 'razorpay', extra: Record<string, unknown> = {}) =>
    c.book(alice, c.bookingBody(a, models.duke, nextDay, nextDayTime(), { payment_method: method, ...extra }));

  async function book(method: 'stripe' | 'razorpay', time: string, who: Actor = alice, headers: Record<string, string> = {}) {
    return c.book(who, c.bookingBody(a, models.duke, day, time, { payment_method: method }), headers);
  }

  async function booking(id: string, who: Actor = alice): Promise<Body> {
    return c.expectOk(c.request('GET', `/bookings/${id}`, { token: who.token }));
  }

  async function freeTimes(shop: Shop): Promise<string[]> {
    const view = await c.expectOk(
      c.request('GET', '/availability', undefined, {
        query: { shop_id: shop.org.id, date: day, vehicle_model_id: models.duke, service_ids: shop.services.oil },
      }),
    );
    return view.slots.map((s: Body) => s.appointment_time);
  }

  function deliverStripe(delivery: { body: string; signature: string }) {
    return t.app.inject({
      method: 'POST',
      url: `${API}/webhooks/stripe`,
      headers: { 'content-type': 'application/json', 'stripe-signature': delivery.signature },
      payload: delivery.body,
    });
  }

  function intentOf(clientSecret: string): string {
    const intent = [...stripe.intents.values()].find((i) => i.client_secret === clientSecret);
    if (!intent) throw new Error('no intent with this client secret');
    return intent.id;
  }

  async function confirmations(bookingId: string): Promise<number> {
    const [row] = await c.db.query(
      `SELECT count(*) AS n FROM integration_events WHERE type = 'bookings.booking.status-changed' AND payload->>'bookingId' = $1 AND payload->>'to' = 'confirmed'`,
      [bookingId],
    );
    return Number(row.n);
  }

  async function paidEntries(orderId: string): Promise<number> {
    const [row] = await c.db.query(`SELECT count(*) AS n FROM ledger_entries WHERE kind = 'order.paid' AND reference = $1`, [orderId]);
    return Number(row.n);
  }

  async function payByStripe(created: Body): Promise<Body> {
    const intent = stripe.succeed(intentOf(created.payment.stripe_client_secret));
    expect((await deliverStripe(stripe.webhook('payment_intent.succeeded', intent))).statusCode).toBe(200);
    return until(async () => {
      const current = await booking(created.id);
      return current.status === 'confirmed' && current;
    }, 'the booking confirmed');
  }

  describe('successful', () => {
    it('Stripe: pending_payment holds the slot, a signed webhook confirms it once with the 80/20 split, and a replay changes nothing', async () => {
      const time = nextTime();
      const key = `pay-stripe-${Date.now()}`;
      const intentsBefore = stripe.created;
      const res = await book('stripe', time, alice, { 'idempotency-key': key });
      expect(res.statusCode).toBe(201);
      const created = res.json();
      expect(created).toMatchObject({ status: 'pending_payment', payment_method: 'stripe', payment_status: 'unpaid', total_minor: 50_000 });
      expect(created.payment).toMatchObject({ provider: 'stripe', amount_minor: 50_000, currency: 'INR', razorpay_order_id: null });
      expect(created.payment.stripe_client_secret).toEqual(expect.any(String));
      expect(Date.parse(created.payment_hold_expires_at) - Date.now()).toBeGreaterThan(14 * 60_000);
      expect(await freeTimes(a)).not.toContain(time);

      // The same Idempotency-Key: the same booking, order and intent, no second charge.
      const replay = await book('stripe', time, alice, { 'idempotency-key': key });
      expect(replay.statusCode).toBe(200);
      expect(replay.json().id).toBe(created.id);
      expect(replay.json().payment).toMatchObject({ order_id: created.payment.order_id, stripe_client_secret: created.payment.stripe_client_secret });
      expect(stripe.created - intentsBefore).toBe(1);

      const order = await c.expectOk(c.request('GET', `/orders/${created.payment.order_id}`, { token: alice.token }));
      expect(order.lines).toEqual([expect.objectContaining({ listing_id: created.id, kind: 'booking', unit_price_minor: 50_000, quantity: 1 })]);

      const [payable] = await c.db.query(`SELECT coalesce(sum(balance_minor), 0) AS n FROM ledger_accounts WHERE kind = 'seller_payable' AND owner_id = $1`, [
        a.org.id,
      ]);
      const intent = stripe.succeed(intentOf(created.payment.stripe_client_secret));
      const delivery = stripe.webhook('payment_intent.succeeded', intent);
      expect((await deliverStripe(delivery)).json()).toMatchObject({ duplicate: false });
      const confirmed = await until(async () => {
        const current = await booking(created.id);
        return current.status === 'confirmed' && current;
      }, 'the booking confirmed');
      expect(confirmed).toMatchObject({ payment_status: 'paid', payment_order_id: created.payment.order_id, payment_hold_expires_at: null });
      expect((await deliverStripe(delivery)).json()).toMatchObject({ duplicate: true });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await confirmations(created.id)).toBe(1);
      expect(await paidEntries(created.payment.order_id)).toBe(1);
      // Recommendations learn from purchases of listings: once their handler has run, a paid booking is not one.
      const [paidEvent] = await c.db.query(`SELECT id FROM integration_events WHERE type = 'commerce.order.paid' AND payload->>'orderId' = $1`, [
        created.payment.order_id,
      ]);
      await finishedJob(t.app.get(JobQueue).queue(PLATFORM_QUEUES.events), deliveryJobId(paidEvent.id, 'ai.record-purchases'), 'completed', 15_000);
      const [purchases] = await c.db.query(`SELECT count(*)::int AS n FROM ai_interactions WHERE user_id = $1 AND type = 'purchase'`, [alice.userId]);
      expect(purchases.n).toBe(0);
      const [after] = await c.db.query(`SELECT coalesce(sum(balance_minor), 0) AS n FROM ledger_accounts WHERE kind = 'seller_payable' AND owner_id = $1`, [
        a.org.id,
      ]);
      expect(Number(after.n) - Number(payable.n)).toBe(40_000);
      // The shop's staff see it confirmed and paid.
      const staffView = await c.expectOk(c.staffRequest('GET', `/staff/bookings/${created.id}`, a, 'staff'));
      expect(staffView).toMatchObject({ status: 'confirmed', payment_status: 'paid' });
    });

    it('Razorpay: the verified checkout signature confirms the booking', async () => {
      const res = await book('razorpay', nextTime());
      expect(res.statusCode).toBe(201);
      const created = res.json();
      expect(created.payment).toMatchObject({ provider: 'razorpay', razorpay_key_id: FAKE_RAZORPAY_KEY_ID, stripe_client_secret: null });
      expect(rzp.orders.get(created.payment.razorpay_order_id)).toMatchObject({ amount: 50_000, currency: 'INR' });
      const checkout = rzp.pay(created.payment.razorpay_order_id);
      await c.expectOk(c.request('POST', '/payments/razorpay/verify', { token: alice.token }, { body: checkout }));
      const confirmed = await until(async () => {
        const current = await booking(created.id);
        return current.status === 'confirmed' && current;
      }, 'the booking confirmed');
      expect(confirmed.payment_status).toBe('paid');
      expect(await paidEntries(created.payment.order_id)).toBe(1);
    });

    it('an unpaid hold expires: the booking is expired, its order cancelled, and the slot free for others', async () => {
      const time = nextTime();
      const created = (await book('stripe', time)).json();
      expect(created.status).toBe('pending_payment');
      expect(await freeTimes(a)).not.toContain(time);
      await c.db.query(`UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [created.id]);
      const expired = await until(async () => {
        const current = await booking(created.id);
        return current.status === 'expired' && current;
      }, 'the hold expired');
      expect(expired.payment_status).toBe('unpaid');
      expect(await freeTimes(a)).toContain(time);
      const order = await c.expectOk(c.request('GET', `/orders/${created.payment.order_id}`, { token: alice.token }));
      expect(order.status).toBe('cancelled');
      const other = await c.book(bob, c.bookingBody(a, models.duke, day, time));
      expect(other.statusCode).toBe(201);
    });

    it('a customer who lost the first answer reopens the same payment with POST /bookings/{id}/pay, and pays from there', async () => {
      const intentsBefore = stripe.created;
      const created = (await bookNextDay('stripe')).json();
      const reopened = await c.expectOk(c.request('POST', `/bookings/${created.id}/pay`, { token: alice.token }));
      expect(reopened).toMatchObject({ id: created.id, status: 'pending_payment' });
      expect(reopened.payment).toMatchObject({ order_id: created.payment.order_id, stripe_client_secret: created.payment.stripe_client_secret });
      expect(stripe.created - intentsBefore).toBe(1);
      await payByStripe(reopened);
      const paid = await c.request('POST', `/bookings/${created.id}/pay`, { token: alice.token });
      expect(paid.statusCode).toBe(409);
      expect(paid.json()).toMatchObject({ code: 'BOOKINGS.ALREADY_PAID', detail: 'The booking is already paid.' });

      const rzpBooking = (await bookNextDay('razorpay')).json();
      const again = await c.expectOk(c.request('POST', `/bookings/${rzpBooking.id}/pay`, { token: alice.token }));
      expect(again.payment).toMatchObject({ provider: 'razorpay', razorpay_order_id: rzpBooking.payment.razorpay_order_id });
    });

    it('cancelling a paid booking refunds it through Stripe and tells the amount', async () => {
      const created = (await book('stripe', nextTime())).json();
      await payByStripe(created);
      const cancelled = await c.expectOk(c.request('POST', `/bookings/${created.id}/cancel`, { token: alice.token }, { body: { reason: 'plans changed' } }));
      expect(cancelled).toMatchObject({ status: 'cancelled', payment_status: 'refunded', refunded_minor: 50_000 });
      const intentId = intentOf(created.payment.stripe_client_secret);
      expect(stripe.refunds.filter((r) => r.payment_intent === intentId)).toEqual([expect.objectContaining({ amount: 50_000 })]);
      const order = await c.expectOk(c.request('GET', `/orders/${created.payment.order_id}`, { token: alice.token }));
      expect(order.status).toBe('refunded');
      // The status-changed handler finds it refunded already: still one refund.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(stripe.refunds.filter((r) => r.payment_intent === intentId)).toHaveLength(1);
    });

    it('cancelling a paid booking refunds it through Razorpay', async () => {
      const created = (await book('razorpay', nextTime())).json();
      await c.expectOk(c.request('POST', '/payments/razorpay/verify', { token: alice.token }, { body: rzp.pay(created.payment.razorpay_order_id) }));
      await until(async () => (await booking(created.id)).status === 'confirmed', 'the booking confirmed');
      const cancelled = await c.expectOk(c.request('POST', `/bookings/${created.id}/cancel`, { token: alice.token }, { body: {} }));
      expect(cancelled).toMatchObject({ status: 'cancelled', payment_status: 'refunded', refunded_minor: 50_000 });
      expect(rzp.refunds).toEqual(expect.arrayContaining([expect.objectContaining({ amount: 50_000 })]));
    });
  });

  describe('failing', () => {
    it('guests cannot pay online: 422 BOOKINGS.SIGN_IN_TO_PAY_ONLINE', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/bookings/guest`,
        payload: { ...c.bookingBody(a, models.duke, day, nextTime(), { payment_method: 'stripe' }), otp_code: '123456' },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('BOOKINGS.SIGN_IN_TO_PAY_ONLINE');
    });

    it('services that cost nothing cannot be paid online: 422 BOOKINGS.NOTHING_TO_PAY_ONLINE before anything is saved', async () => {
      const manager = { token: a.org.manager.token, orgId: a.org.id };
      const free = await c.expectOk(
        c.request('POST', '/services', manager, {
          body: { category_id: a.categoryId, name: `Free check ${Date.now()}`, duration_minutes: 30, base_price_minor: 0 },
        }),
        201,
      );
      const time = nextDayTime();
      const [before] = await c.db.query(`SELECT count(*)::int AS n FROM bookings WHERE org_id = $1`, [a.org.id]);
      for (const method of ['stripe', 'razorpay'] as const) {
        const res = await c.book(alice, c.bookingBody(a, models.duke, nextDay, time, { payment_method: method, service_ids: [free.id] }));
        expect(res.statusCode).toBe(422);
        expect(res.json()).toMatchObject({ code: 'BOOKINGS.NOTHING_TO_PAY_ONLINE', errors: { payment_method: [expect.any(String)] } });
      }
      const [after] = await c.db.query(`SELECT count(*)::int AS n FROM bookings WHERE org_id = $1`, [a.org.id]);
      expect(after.n).toBe(before.n);
      const cash = await c.book(alice, c.bookingBody(a, models.duke, nextDay, time, { service_ids: [free.id] }));
      expect(cash.statusCode).toBe(201);
      expect(cash.json()).toMatchObject({ total_minor: 0, status: 'pending' });
    });

    it('only a booking that waits for its online payment can be paid: cash, cancelled, someone else’s', async () => {
      const cash = (await bookNextDay('cash')).json();
      const atShop = await c.request('POST', `/bookings/${cash.id}/pay`, { token: alice.token });
      expect(atShop.statusCode).toBe(409);
      expect(atShop.json().code).toBe('BOOKINGS.PAID_AT_SHOP');

      const online = (await bookNextDay('stripe')).json();
      expect((await c.request('POST', `/bookings/${online.id}/pay`, { token: bob.token })).statusCode).toBe(404);
      await c.expectOk(c.request('POST', `/bookings/${online.id}/cancel`, { token: alice.token }, { body: {} }));
      const cancelled = await c.request('POST', `/bookings/${online.id}/pay`, { token: alice.token });
      expect(cancelled.statusCode).toBe(409);
      expect(cancelled.json().code).toBe('BOOKINGS.NOT_PAYABLE');
    });

    it('another customer or another shop can neither see nor pay the booking', async () => {
      const created = (await book('razorpay', nextTime())).json();
      expect((await c.request('GET', `/bookings/${created.id}`, { token: bob.token })).statusCode).toBe(404);
      expect((await c.staffRequest('GET', `/staff/bookings/${created.id}`, b, 'staff')).statusCode).toBe(404);
      expect((await c.request('GET', `/orders/${created.payment.order_id}`, { token: bob.token })).statusCode).toBe(404);
      expect((await c.request('GET', `/orders/${created.payment.order_id}`, { token: b.org.staff.token, orgId: b.org.id })).statusCode).toBe(404);
      const checkout = rzp.pay(created.payment.razorpay_order_id);
      expect((await c.request('POST', '/payments/razorpay/verify', { token: bob.token }, { body: checkout })).statusCode).toBe(404);
      expect((await booking(created.id)).status).toBe('pending_payment');
    });
  });
});
