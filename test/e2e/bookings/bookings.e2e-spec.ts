import type { TestApp } from '../../support/test-app';
import { Actor } from '../organizations/organizations-test-kit';
import { BookingsClient, bookingsApp, dateIn, Models, Shop, uniquePhone, until } from './bookings-test-kit';

describe('bookings: booking, guests, history, cancel and reschedule', () => {
  let t: TestApp;
  let c: BookingsClient;
  let a: Shop;
  let b: Shop;
  let models: Models;
  let alice: Actor;
  let bob: Actor;
  let day: string;

  beforeAll(async () => {
    t = await bookingsApp();
    c = new BookingsClient(t);
    models = await c.models();
    [a, b, alice, bob] = await Promise.all([c.shop('bk-a'), c.shop('bk-b', {}, 1), c.signUp('alice'), c.signUp('bob')]);
    await c.expectOk(
      c.request(
        'PUT',
        `/services/${a.services.oil}/prices`,
        { token: a.org.manager.token, orgId: a.org.id },
        { body: { vehicle_model_id: models.cbr, price_minor: 65_000 } },
      ),
      204,
    );
    day = dateIn('Asia/Kolkata', 3);
  }, 120_000);
  afterAll(() => t.close());

  describe('successful', () => {
    it('lists free start times with the quote for the vehicle model', async () => {
      const slots = await c.expectOk(
        c.request('GET', '/availability', undefined, {
          query: { shop_id: a.org.id, date: day, vehicle_model_id: models.cbr, service_ids: `${a.services.oil},${a.services.brakes}` },
        }),
      );
      expect(slots).toMatchObject({ shop_id: a.org.id, date: day, time_zone: 'Asia/Kolkata', currency: 'INR', duration_minutes: 90, total_minor: 185_000 });
      expect(slots.slots[0]).toMatchObject({ appointment_time: '09:00', local_time: `${day}T09:00:00+05:30`, free_bays: 2 });
      // 90 minutes must end by 18:00: the last start is 16:30.
      expect(slots.slots.at(-1).appointment_time).toBe('16:30');
    });

    it('books as a signed-in customer with a frozen server-side price and a normalized phone; a later price change leaves it', async () => {
      const res = await c.book(
        alice,
        c.bookingBody(a, models.cbr, day, '10:00:00', { service_ids: [a.services.oil, a.services.chain], total_minor: undefined }),
      );
      expect(res.statusCode).toBe(201);
      const booking = res.json();
      expect(booking).toMatchObject({
        shop_id: a.org.id,
        status: 'pending',
        customer_phone: '+919876543210',
        total_minor: 85_000,
        currency: 'INR',
        payment_method: 'cash',
        payment_status: 'unpaid',
        has_account: true,
      });
      expect(booking.starts_at).toBe(new Date(`${day}T04:30:00Z`).toISOString());
      await c.expectOk(
        c.request('PATCH', `/services/${a.services.chain}`, { token: a.org.manager.token, orgId: a.org.id }, { body: { base_price_minor: 99_000 } }),
      );
      const mine = await c.expectOk(c.request('GET', `/bookings/${booking.id}`, { token: alice.token }));
      expect(mine.total_minor).toBe(85_000);
      expect(mine.services.map((s: { price_minor: number }) => s.price_minor)).toEqual([65_000, 20_000]);
    });

    it('replays a creation with the same Idempotency-Key, and refuses the key with another body', async () => {
      const key = `key-${Date.now()}`;
      const body = c.bookingBody(a, models.duke, day, '12:00');
      const first = await c.book(alice, body, { 'idempotency-key': key });
      const second = await c.book(alice, body, { 'idempotency-key': key });
      expect([first.statusCode, second.statusCode]).toEqual([201, 200]);
      expect(second.json().id).toBe(first.json().id);
      const other = await c.book(alice, { ...body, appointment_time: '12:30' }, { 'idempotency-key': key });
      expect(other.statusCode).toBe(422);
      expect(other.json().code).toBe('BOOKINGS.IDEMPOTENCY_KEY_REUSED');
    });

    it('lets a guest book after proving the phone, then see the history only with a new code', async () => {
      const phone = uniquePhone();
      const code = await c.phoneCode(phone);
      const res = await c.request('POST', '/bookings/guest', undefined, {
        body: { ...c.bookingBody(a, models.duke, day, '14:00', { customer_phone: phone, customer_email: 'guest@example.com' }), otp_code: code },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ has_account: false, customer_phone: phone });
      const reused = await c.request('POST', '/bookings/lookup', undefined, { body: { customer_phone: phone, otp_code: code } });
      expect(reused.json().code).toBe('BOOKINGS.PHONE_NOT_VERIFIED');
      const history = await c.expectOk(
        c.request('POST', '/bookings/lookup', undefined, { body: { customer_phone: phone, otp_code: await c.phoneCode(phone) } }),
      );
      expect(history.data.map((x: { id: string }) => x.id)).toEqual([res.json().id]);
      // The customer hears of it by e-mail (through the outbox) and the act is audited.
      await until(async () => (await c.identity.messageCount('guest@example.com')) > 0, 'the confirmation e-mail');
      await until(async () => (await c.auditActions(a.org.id)).includes('bookings.booking_created'), 'the audit entry');
    });

    it('books home service inside the shop’s area', async () => {
      const res = await c.book(alice, c.bookingBody(a, models.cbr, day, '15:00', { service_location: 'home', address: '4 Residency Rd, Bengaluru 560002' }));
      expect(res.statusCode).toBe(201);
      expect(res.json().address).toBe('4 Residency Rd, Bengaluru 560002');
    });

    it('lets a customer cancel before the notice limit, and reschedule to another free time', async () => {
      const later = dateIn('Asia/Kolkata', 5);
      const made = await c.expectOk(c.book(bob, c.bookingBody(a, models.cbr, later, '09:00')), 201);
      const moved = await c.expectOk(
        c.request('POST', `/bookings/${made.id}/reschedule`, { token: bob.token }, { body: { appointment_date: later, appointment_time: '11:00' } }),
      );
      expect(moved.starts_at).toBe(new Date(`${later}T05:30:00Z`).toISOString());
      expect(moved.total_minor).toBe(made.total_minor);
      const cancelled = await c.expectOk(c.request('POST', `/bookings/${made.id}/cancel`, { token: bob.token }, { body: { reason: 'Travelling' } }));
      expect(cancelled).toMatchObject({ status: 'cancelled', cancel_reason: 'Travelling' });
      // Its time is free again.
      expect((await c.book(alice, c.bookingBody(a, models.cbr, later, '11:00'))).statusCode).toBe(201);
    });

    it('lets a guest cancel with a code sent to the booking’s phone', async () => {
      const phone = uniquePhone();
      const made = await c.expectOk(
        c.request('POST', '/bookings/guest', undefined, {
          body: { ...c.bookingBody(b, models.cbr, dateIn('Asia/Kolkata', 4), '10:00', { customer_phone: phone }), otp_code: await c.phoneCode(phone) },
        }),
        201,
      );
      const wrongPhone = uniquePhone();
      const refused = await c.request('POST', `/bookings/${made.id}/guest-cancel`, undefined, {
        body: { customer_phone: wrongPhone, otp_code: await c.phoneCode(wrongPhone) },
      });
      expect(refused.statusCode).toBe(404);
      const cancelled = await c.expectOk(
        c.request('POST', `/bookings/${made.id}/guest-cancel`, undefined, {
          body: { customer_phone: phone, otp_code: await c.phoneCode(phone), reason: 'Sold the bike' },
        }),
      );
      expect(cancelled.status).toBe('cancelled');
      // Without an e-mail, the customer is told by SMS.
      await until(async () => (await c.identity.messageCount(phone)) >= 4, 'the SMS about the cancellation');
    });
  });

  describe('failing', () => {
    it('never shows one customer another’s booking, nor a phone’s history without a code', async () => {
      const made = await c.expectOk(c.book(alice, c.bookingBody(a, models.cbr, day, '16:00')), 201);
      expect((await c.request('GET', `/bookings/${made.id}`, { token: bob.token })).statusCode).toBe(404);
      expect((await c.request('POST', `/bookings/${made.id}/cancel`, { token: bob.token }, { body: {} })).statusCode).toBe(404);
      expect(
        (await c.request('POST', `/bookings/${made.id}/reschedule`, { token: bob.token }, { body: { appointment_date: day, appointment_time: '17:00' } }))
          .statusCode,
      ).toBe(404);
      const bobs = await c.expectOk(c.request('GET', '/bookings', { token: bob.token }));
      expect(bobs.data.map((x: { id: string }) => x.id)).not.toContain(made.id);
      expect((await c.request('GET', '/bookings', undefined, { query: { phone: '+919876543210' } })).statusCode).toBe(401);
      expect((await c.request('POST', '/bookings/lookup', undefined, { body: { customer_phone: '+919876543210', otp_code: '000000' } })).statusCode).toBe(403);
    });

    it('refuses a guest without a valid code', async () => {
      const res = await c.request('POST', '/bookings/guest', undefined, { body: { ...c.bookingBody(a, models.cbr, day, '13:00'), otp_code: '123456' } });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('BOOKINGS.PHONE_NOT_VERIFIED');
    });

    it('refuses online payment methods until they are available', async () => {
      for (const method of ['razorpay', 'stripe']) {
        const res = await c.book(alice, c.bookingBody(a, models.cbr, day, '13:00', { payment_method: method }));
        expect(res.statusCode).toBe(422);
        expect(res.json().code).toBe('BOOKINGS.PAYMENT_METHOD_UNAVAILABLE');
      }
    });

    it('refuses a taken time with the next free start times', async () => {
      const first = await c.book(alice, c.bookingBody(b, models.cbr, day, '10:00'));
      expect(first.statusCode).toBe(201);
      const taken = await c.book(bob, c.bookingBody(b, models.cbr, day, '10:00'));
      expect(taken.statusCode).toBe(409);
      expect(taken.json().code).toBe('BOOKINGS.SLOT_UNAVAILABLE');
      // Shop B has one bay: 10:00–10:30 plus a 15 minute buffer; the next start on the 30 minute grid is 11:00.
      expect(taken.json().next_slots[0]).toEqual({ starts_at: new Date(`${day}T05:30:00Z`).toISOString(), local_time: `${day}T11:00:00+05:30` });
    });

    it('refuses times off the grid, outside the hours, closed days, unknown services and addresses outside the area', async () => {
      expect((await c.book(alice, c.bookingBody(a, models.cbr, day, '10:10'))).json().code).toBe('BOOKINGS.SLOT_UNAVAILABLE');
      expect((await c.book(alice, c.bookingBody(a, models.cbr, day, '17:45'))).json().code).toBe('BOOKINGS.SLOT_UNAVAILABLE');
      expect((await c.book(alice, c.bookingBody(a, models.cbr, day, '10:00', { service_ids: [b.services.oil] }))).json().code).toBe('BOOKINGS.UNKNOWN_SERVICE');
      const far = await c.book(alice, c.bookingBody(a, models.cbr, day, '10:00', { service_location: 'home', address: '1 Marine Drive, Mumbai 400020' }));
      expect(far.json().code).toBe('BOOKINGS.OUTSIDE_SERVICE_AREA');
      expect((await c.book(alice, c.bookingBody(a, models.cbr, day, '10:00', { service_location: 'home' }))).statusCode).toBe(400);
      expect((await c.book(alice, c.bookingBody(a, models.cbr, '2026-02-30', '10:00'))).statusCode).toBe(400);
      expect((await c.book(alice, c.bookingBody(a, models.cbr, day, '10:00', { customer_phone: '12' }))).statusCode).toBe(400);
    });

    it('refuses a customer’s cancel or reschedule inside the notice limit', async () => {
      // Shop A: 60 min minimum notice, 240 min cancel notice. Book the earliest slot of today or tomorrow.
      const soon = await c.expectOk(
        c.request('GET', '/availability', undefined, {
          query: { shop_id: a.org.id, date: dateIn('Asia/Kolkata', 1), vehicle_model_id: models.cbr, service_ids: a.services.oil },
        }),
      );
      const slot = soon.slots.find((s: { starts_at: string }) => new Date(s.starts_at).getTime() - Date.now() < 24 * 3_600_000) ?? soon.slots[0];
      const made = await c.expectOk(c.book(bob, c.bookingBody(a, models.cbr, soon.date, slot.appointment_time)), 201);
      await c.db.query(`UPDATE booking_shops SET cancel_notice_minutes = 43200 WHERE org_id = $1`, [a.org.id]);
      try {
        const refused = await c.request('POST', `/bookings/${made.id}/cancel`, { token: bob.token }, { body: {} });
        expect(refused.json().code).toBe('BOOKINGS.NOTICE_PERIOD_PASSED');
      } finally {
        await c.db.query(`UPDATE booking_shops SET cancel_notice_minutes = 240 WHERE org_id = $1`, [a.org.id]);
      }
    });
  });
});
