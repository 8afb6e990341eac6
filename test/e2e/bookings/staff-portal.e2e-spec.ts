import type { TestApp } from '../../support/test-app';
import { Actor, Body } from '../organizations/organizations-test-kit';
import { BookingsClient, bookingsApp, dateIn, Models, Shop, until } from './bookings-test-kit';

describe('bookings: staff portal, status workflow, payments and stats', () => {
  let t: TestApp;
  let c: BookingsClient;
  let a: Shop;
  let b: Shop;
  let models: Models;
  let alice: Actor;
  let admin: Actor;
  let day: string;
  let booking: Body;

  beforeAll(async () => {
    t = await bookingsApp();
    c = new BookingsClient(t);
    models = await c.models();
    [a, b, alice, admin] = await Promise.all([c.shop('st-a'), c.shop('st-b', {}, 1), c.signUp('st-alice'), c.admin()]);
    day = dateIn('Asia/Kolkata', 2);
    booking = await c.expectOk(
      c.book(alice, c.bookingBody(a, models.cbr, day, '10:00', { customer_name: 'Priya Sharma', customer_email: 'priya@example.com' })),
      201,
    );
  }, 120_000);
  afterAll(() => t.close());

  describe('successful', () => {
    it('lists the shop’s bookings for staff and the shop’s API key, filtered by status, date and search', async () => {
      for (const who of ['staff', 'manager', 'principal', 'key'] as const) {
        const list = await c.expectOk(c.staffRequest('GET', '/staff/bookings', a, who));
        expect(list.data.map((x: { id: string }) => x.id)).toEqual([booking.id]);
      }
      const byDate = await c.expectOk(c.staffRequest('GET', '/staff/bookings', a, 'staff', undefined, { date: day, status: 'pending', search: 'sharma' }));
      expect(byDate.meta.total).toBe(1);
      const otherDay = await c.expectOk(c.staffRequest('GET', '/staff/bookings', a, 'staff', undefined, { date: dateIn('Asia/Kolkata', 3) }));
      expect(otherDay.meta.total).toBe(0);
      expect((await c.expectOk(c.staffRequest('GET', '/staff/bookings', a, 'staff', undefined, { search: '98765' }))).meta.total).toBe(1);
      expect((await c.expectOk(c.staffRequest('GET', '/staff/bookings', a, 'staff', undefined, { status: 'completed' }))).meta.total).toBe(0);
      expect((await c.expectOk(c.staffRequest('GET', `/staff/bookings/${booking.id}`, a, 'key'))).customer_name).toBe('Priya Sharma');
    });

    it('walks the workflow, audits each change, tells the customer and publishes status-changed', async () => {
      for (const status of ['confirmed', 'in_progress', 'completed']) {
        const changed = await c.expectOk(c.staffRequest('PATCH', `/staff/bookings/${booking.id}/update-status`, a, 'staff', { status }));
        expect(changed.status).toBe(status);
      }
      const events: Array<{ payload: Body }> = await c.db.query(
        `SELECT payload FROM integration_events WHERE type = 'bookings.booking.status-changed' AND payload->>'bookingId' = $1 ORDER BY occurred_at`,
        [booking.id],
      );
      expect(events.map((e) => e.payload)).toEqual([
        { bookingId: booking.id, orgId: a.org.id, customerUserId: alice.userId, from: 'pending', to: 'confirmed', reason: null },
        { bookingId: booking.id, orgId: a.org.id, customerUserId: alice.userId, from: 'confirmed', to: 'in_progress', reason: null },
        { bookingId: booking.id, orgId: a.org.id, customerUserId: alice.userId, from: 'in_progress', to: 'completed', reason: null },
      ]);
      await until(
        async () => (await c.auditActions(a.org.id)).filter((action) => action === 'bookings.booking_status_changed').length === 3,
        'three audit entries',
      );
      await until(async () => (await c.identity.messageCount('priya@example.com')) >= 4, 'four e-mails (created + 3 changes)');
      const completedMail = await c.identity.message('priya@example.com', /(is completed)/);
      expect(completedMail).toBe('is completed');
    });

    it('marks cash paid once and reports stats over a range', async () => {
      const paid = await c.expectOk(c.staffRequest('POST', `/staff/bookings/${booking.id}/mark-paid`, a, 'key'));
      expect(paid).toMatchObject({ payment_status: 'paid', payment_method: 'cash' });
      const other = await c.expectOk(c.book(alice, c.bookingBody(a, models.duke, day, '12:00', { service_ids: [a.services.brakes] })), 201);
      await c.expectOk(c.staffRequest('PATCH', `/staff/bookings/${other.id}/update-status`, a, 'manager', { status: 'cancelled', reason: 'Customer called' }));
      const stats = await c.expectOk(c.staffRequest('GET', '/staff/bookings/stats', a, 'staff', undefined, { from: day, to: day }));
      expect(stats).toMatchObject({
        from: day,
        to: day,
        currency: 'INR',
        by_status: [
          { status: 'cancelled', count: 1 },
          { status: 'completed', count: 1 },
        ],
        by_day: [{ date: day, count: 1 }],
        revenue_by_payment_method: [{ payment_method: 'cash', amount_minor: 50_000, count: 1 }],
        average_ticket_minor: 50_000,
      });
      // 30 booked minutes on one bay over a 9 hour day.
      const used = stats.bay_utilization.find((bay: { booked_minutes: number }) => bay.booked_minutes > 0);
      expect(used).toMatchObject({ booked_minutes: 30, open_minutes: 540, ratio: 0.056 });
      expect(stats.bay_utilization).toHaveLength(2);
    });
  });

  describe('failing', () => {
    it('refuses illegal transitions and a cancellation without a reason', async () => {
      const fresh = await c.expectOk(c.book(alice, c.bookingBody(a, models.cbr, day, '14:00')), 201);
      const skip = await c.staffRequest('PATCH', `/staff/bookings/${fresh.id}/update-status`, a, 'staff', { status: 'completed' });
      expect(skip.statusCode).toBe(409);
      expect(skip.json().code).toBe('BOOKINGS.ILLEGAL_STATUS_TRANSITION');
      const noReason = await c.staffRequest('PATCH', `/staff/bookings/${fresh.id}/update-status`, a, 'staff', { status: 'cancelled' });
      expect(noReason.json().code).toBe('BOOKINGS.REASON_REQUIRED');
      const back = await c.staffRequest('PATCH', `/staff/bookings/${booking.id}/update-status`, a, 'staff', { status: 'pending' });
      expect(back.json().code).toBe('BOOKINGS.ILLEGAL_STATUS_TRANSITION');
      expect((await c.staffRequest('POST', `/staff/bookings/${booking.id}/mark-paid`, a, 'staff')).json().code).toBe('BOOKINGS.ALREADY_PAID');
    });

    it('keeps one shop’s bookings from another shop’s staff, keys and managers', async () => {
      for (const who of ['staff', 'manager', 'principal', 'key'] as const) {
        const list = await c.expectOk(c.staffRequest('GET', '/staff/bookings', b, who));
        expect(list.data.map((x: { id: string }) => x.id)).not.toContain(booking.id);
        expect((await c.staffRequest('GET', `/staff/bookings/${booking.id}`, b, who)).statusCode).toBe(404);
        expect((await c.staffRequest('PATCH', `/staff/bookings/${booking.id}/update-status`, b, who, { status: 'cancelled', reason: 'x' })).statusCode).toBe(
          404,
        );
      }
      // Staff of A naming B in the header are not members there.
      expect((await c.request('GET', '/staff/bookings', { token: a.org.staff.token, orgId: b.org.id })).statusCode).toBe(403);
    });

    it('refuses customers, platform admins without a membership, anonymous callers and requests without an organization', async () => {
      expect((await c.request('GET', '/staff/bookings', { token: alice.token })).statusCode).toBe(403);
      expect((await c.request('GET', '/staff/bookings', { token: alice.token, orgId: a.org.id })).statusCode).toBe(403);
      expect((await c.request('GET', '/staff/bookings', { token: admin.token })).statusCode).toBe(403);
      expect((await c.request('GET', '/staff/bookings')).statusCode).toBe(401);
      expect((await c.request('GET', '/staff/bookings', { token: a.org.staff.token })).statusCode).toBe(403);
    });

    it('refuses a bad stats range', async () => {
      expect((await c.staffRequest('GET', '/staff/bookings/stats', a, 'staff', undefined, { from: day, to: '2020-01-01' })).statusCode).toBe(400);
      expect((await c.staffRequest('GET', '/staff/bookings/stats', a, 'staff', undefined, { from: '2026-02-30', to: day })).statusCode).toBe(400);
    });
  });
});
