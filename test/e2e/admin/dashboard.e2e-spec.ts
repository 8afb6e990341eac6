import { randomUUID } from 'node:crypto';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { BookingsClient, bookingsApp, dateIn, Models, Shop } from '../bookings/bookings-test-kit';
import { Actor } from '../organizations/organizations-test-kit';

/** GET /admin/dashboard: counts per UTC day over a range, read through each context's facade. */
describe('admin: dashboard by day', () => {
  let t: TestApp;
  let c: BookingsClient;
  let admin: Actor;
  let customer: Actor;
  let shop: Shop;
  let models: Models;

  beforeAll(async () => {
    t = await bookingsApp();
    c = new BookingsClient(t);
    [admin, customer, shop, models] = await Promise.all([c.admin(), c.signUp('dash-customer'), c.shop('dash'), c.models()]);
  }, 120_000);
  afterAll(() => t.close());

  const dashboard = (query: Record<string, string>, who: Actor | null = admin) =>
    c.request('GET', '/admin/dashboard', who ? { token: who.token } : undefined, { query });

  /** A paid order on a day no other suite touches (no route backdates a payment: the row is written as commerce would). */
  async function paidOrder(paidAt: string, totalMinor: number, currency: string): Promise<void> {
    await c.db.query(
      `INSERT INTO commerce_orders (id, org_id, buyer_user_id, checkout_id, currency, status, subtotal_minor, discount_minor, total_minor, commission_bps,
         created_at, updated_at, expires_at, paid_at)
       VALUES ($1, $2, $3, $4, $5, 'paid', $6, 0, $6, 2000, $7, $7, $7, $7)`,
      [randomUUID(), shop.org.id, customer.userId, randomUUID(), currency, totalMinor, paidAt],
    );
  }

  describe('successful', () => {
    it('counts orders paid and their revenue per currency, per day, over a from/to range', async () => {
      await paidOrder('2020-02-02T10:00:00Z', 12_345, 'EUR');
      await paidOrder('2020-02-02T23:59:00Z', 655, 'EUR');
      await paidOrder('2020-02-03T00:01:00Z', 50_000, 'INR');
      const body = await c.expectOk(dashboard({ from: '2020-02-01', to: '2020-02-03' }));
      expect(body).toMatchObject({ since: '2020-02-01T00:00:00.000Z', days: 3 });
      expect(body.by_day.map((day: { day: string }) => day.day)).toEqual(['2020-02-01', '2020-02-02', '2020-02-03']);
      expect(body.by_day[0]).toMatchObject({ orders: 0, revenue: [] });
      expect(body.by_day[1]).toMatchObject({ orders: 2, revenue: [{ currency: 'EUR', amount_minor: 13_000 }] });
      expect(body.by_day[2]).toMatchObject({ orders: 1, revenue: [{ currency: 'INR', amount_minor: 50_000 }] });
      expect(body.totals).toMatchObject({ orders: 3 });
      expect(body.revenue).toEqual(
        expect.arrayContaining([
          { currency: 'EUR', amount_minor: 13_000 },
          { currency: 'INR', amount_minor: 50_000 },
        ]),
      );
      expect(body.revenue).toHaveLength(2);
    });

    it('counts today’s bookings and sign-ups (every shop, every account)', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const before = await c.expectOk(dashboard({ days: '1' }));
      await c.signUp('dash-newcomer');
      const booked = await c.book(customer, c.bookingBody(shop, models.cbr, dateIn('Asia/Kolkata', 4), '11:00:00'));
      expect(booked.statusCode).toBe(201);
      const after = await c.expectOk(dashboard({ days: '1' }));
      expect(after.by_day).toHaveLength(1);
      expect(after.by_day[0].day).toBe(today);
      expect(after.by_day[0].bookings).toBeGreaterThanOrEqual(before.by_day[0].bookings + 1);
      expect(after.by_day[0].signups).toBeGreaterThanOrEqual(before.by_day[0].signups + 1);
      expect(after.totals.bookings).toBe(after.by_day[0].bookings);
      expect(typeof after.waiting_for_review).toBe('number');
      expect(typeof after.failed_jobs).toBe('number');
    });

    it('defaults to the last 14 days', async () => {
      const body = await c.expectOk(dashboard({}));
      expect(body.days).toBe(14);
      expect(body.by_day.at(-1).day).toBe(new Date().toISOString().slice(0, 10));
    });
  });

  describe('failing', () => {
    it('refuses a range backwards, longer than 90 days, or not made of dates', async () => {
      expectProblem(await dashboard({ from: '2020-02-03', to: '2020-02-01' }), 400, 'ADMIN.INVALID_RANGE');
      expectProblem(await dashboard({ from: '2019-01-01', to: '2020-02-01' }), 400, 'ADMIN.INVALID_RANGE');
      expectProblem(await dashboard({ from: '2020-02-30' }), 400);
      expectProblem(await dashboard({ to: 'yesterday' }), 400);
      expectProblem(await dashboard({ days: '91' }), 400);
    });

    it('refuses a customer and an organization owner (403), and anonymous callers (401)', async () => {
      expectProblem(await dashboard({}, customer), 403);
      expectProblem(await dashboard({}, shop.org.principal), 403);
      expectProblem(await dashboard({}, null), 401);
    });
  });
});
