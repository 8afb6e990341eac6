import { randomUUID } from 'node:crypto';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { Actor, Body } from '../organizations/organizations-test-kit';
import { BookingsClient, bookingsApp, dateIn, Models, Shop } from '../bookings/bookings-test-kit';

/** /admin/bookings and /admin/shop-services: operators see every shop's bookings and edit services and prices through the shops' use cases. */
describe('admin: bookings, services and pricing', () => {
  let t: TestApp;
  let c: BookingsClient;
  let a: Shop;
  let b: Shop;
  let models: Models;
  let alice: Actor;
  let admin: Actor;
  let bookings: Body[];

  beforeAll(async () => {
    t = await bookingsApp();
    c = new BookingsClient(t);
    models = await c.models();
    [a, b, alice, admin] = await Promise.all([c.shop('adm-bk-a'), c.shop('adm-bk-b', {}, 1), c.signUp('adm-bk-alice'), c.admin()]);
    bookings = [
      await c.expectOk(c.book(alice, c.bookingBody(a, models.cbr, dateIn('Asia/Kolkata', 2), '10:00')), 201),
      await c.expectOk(c.book(alice, c.bookingBody(a, models.cbr, dateIn('Asia/Kolkata', 3), '11:00', { service_ids: [a.services.brakes] })), 201),
      await c.expectOk(c.book(alice, c.bookingBody(b, models.cbr, dateIn('Asia/Kolkata', 2), '12:00')), 201),
    ];
  }, 120_000);
  afterAll(() => t.close());

  const as = (who: Actor | null, orgId?: string) => (who ? { token: who.token, orgId } : undefined);
  const get = (path: string, query: Record<string, string> = {}, who: Actor | null = admin) => c.request('GET', path, as(who), { query });
  const send = (method: 'PATCH' | 'PUT' | 'DELETE', path: string, body: unknown, who: Actor | null = admin, query: Record<string, string> = {}) =>
    c.request(method, path, as(who), { body, query });

  async function auditOf(targetId: string): Promise<Body[]> {
    const page = await c.expectOk(get('/admin/audit-events', { actor: admin.userId, limit: '100' }));
    return page.data.filter((e: Body) => e.target_id === targetId);
  }

  describe('successful', () => {
    it('lists every shop’s bookings, filtered by shop, status and start time, sorted', async () => {
      const ofA = await c.expectOk(get('/admin/bookings', { shop_id: a.org.id }));
      expect(ofA.data.map((x: Body) => x.id)).toEqual([bookings[1].id, bookings[0].id]);
      const ascending = await c.expectOk(get('/admin/bookings', { shop_id: a.org.id, sort: 'starts_at' }));
      expect(ascending.data.map((x: Body) => x.id)).toEqual([bookings[0].id, bookings[1].id]);
      const byTotal = await c.expectOk(get('/admin/bookings', { shop_id: a.org.id, sort: '-total_minor' }));
      expect(byTotal.data.map((x: Body) => x.total_minor)).toEqual([120_000, 50_000]);
      expect(byTotal.data[0]).toMatchObject({ shop_id: a.org.id, status: 'pending', customer_user_id: alice.userId, currency: expect.any(String) });
      const dayThree = new Date(bookings[1].starts_at);
      const from = new Date(dayThree.getTime() - 3_600_000).toISOString();
      expect((await c.expectOk(get('/admin/bookings', { shop_id: a.org.id, from }))).data.map((x: Body) => x.id)).toEqual([bookings[1].id]);
      expect((await c.expectOk(get('/admin/bookings', { shop_id: a.org.id, status: 'completed' }))).meta.total).toBe(0);
      const ofB = await c.expectOk(get('/admin/bookings', { shop_id: b.org.id, status: 'pending' }));
      expect(ofB.data.map((x: Body) => x.id)).toEqual([bookings[2].id]);
      expect(await c.expectOk(get(`/admin/bookings/${bookings[2].id}`))).toMatchObject({ id: bookings[2].id, shop_id: b.org.id, customer_name: 'John Doe' });
    });

    it('lists every shop’s services with the shop’s and category’s names, and shows one with its per-model prices', async () => {
      const services = await c.expectOk(get('/admin/shop-services', { shop_id: a.org.id }));
      expect(services.data.map((s: Body) => s.name)).toEqual(['Brake service', 'Chain lube', 'Oil change']);
      expect(services.data[0]).toMatchObject({ shop_id: a.org.id, category_name: 'Maintenance', shop_name: expect.stringContaining('Garage adm-bk-a') });
      const byPrice = await c.expectOk(get('/admin/shop-services', { shop_id: a.org.id, sort: '-base_price_minor', q: 'e', limit: '2' }));
      expect(byPrice.data.map((s: Body) => s.base_price_minor)).toEqual([120_000, 50_000]);
      expect(byPrice.meta.total).toBe(3);
      const detail = await c.expectOk(get(`/admin/shop-services/${a.services.oil}`));
      expect(detail).toMatchObject({ id: a.services.oil, name: 'Oil change', base_price_minor: 50_000, model_prices: [] });
    });

    it('edits a service and its per-model price with the shop’s rules: the public pricing follows; audited twice', async () => {
      const edited = await c.expectOk(
        send('PATCH', `/admin/shop-services/${a.services.chain}`, { base_price_minor: 25_000, description: 'Clean and lube', reason: 'Shop asked by e-mail' }),
      );
      expect(edited).toMatchObject({ id: a.services.chain, base_price_minor: 25_000, description: 'Clean and lube', name: 'Chain lube' });
      const priced = await c.expectOk(send('PUT', `/admin/shop-services/${a.services.chain}/prices`, { vehicle_model_id: models.duke, price_minor: 30_000 }));
      expect(priced.model_prices).toEqual([{ vehicle_model_id: models.duke, price_minor: 30_000 }]);
      const pricing = await c.expectOk(
        c.request('GET', '/service-pricing/by-vehicle', undefined, { query: { shop_id: a.org.id, vehicle_model_id: models.duke } }),
      );
      expect(JSON.stringify(pricing)).toContain('30000');
      const removed = await c.expectOk(send('DELETE', `/admin/shop-services/${a.services.chain}/prices`, undefined, admin, { vehicle_model_id: models.duke }));
      expect(removed.model_prices).toEqual([]);

      const mine = (await auditOf(a.services.chain)).map((e: Body) => e.action);
      expect(mine).toEqual(
        expect.arrayContaining([
          'admin.shop_service_updated',
          'bookings.service_updated',
          'admin.shop_service_price_set',
          'bookings.price_set',
          'admin.shop_service_price_removed',
          'bookings.price_removed',
        ]),
      );
      const [update] = (await auditOf(a.services.chain)).filter((e: Body) => e.action === 'admin.shop_service_updated');
      expect(update).toMatchObject({ organization_id: a.org.id, target_type: 'service', metadata: { reason: 'Shop asked by e-mail' } });
    });
  });

  describe('failing', () => {
    it('refuses the shop’s own members and customers (403) and anonymous callers (401); nothing changes', async () => {
      for (const who of [a.org.principal, a.org.manager, alice]) {
        expect((await c.request('GET', '/admin/bookings', as(who, a.org.id))).statusCode).toBe(403);
        expect((await c.request('GET', '/admin/shop-services', as(who, a.org.id))).statusCode).toBe(403);
        expect((await c.request('PATCH', `/admin/shop-services/${a.services.oil}`, as(who, a.org.id), { body: { base_price_minor: 1 } })).statusCode).toBe(403);
      }
      expect((await c.request('GET', '/admin/bookings', { apiKey: a.keys.principal })).statusCode).toBe(403);
      expect((await get('/admin/bookings', {}, null)).statusCode).toBe(401);
      expect((await send('PATCH', `/admin/shop-services/${a.services.oil}`, { base_price_minor: 1 }, null)).statusCode).toBe(401);
      expect((await c.expectOk(get(`/admin/shop-services/${a.services.oil}`))).base_price_minor).toBe(50_000);
    });

    it('answers 400 to a bad sort or field, 404 to unknown ids, and keeps the shop’s rules', async () => {
      expectProblem(await get('/admin/bookings', { sort: 'customer_phone' }), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await get('/admin/shop-services', { sort: '-org_id' }), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await get('/admin/bookings', { status: 'lost' }), 400);
      expectProblem(await get(`/admin/bookings/${randomUUID()}`), 404, 'BOOKINGS.BOOKING_NOT_FOUND');
      expectProblem(await get(`/admin/shop-services/${randomUUID()}`), 404, 'BOOKINGS.SERVICE_NOT_FOUND');
      expectProblem(await send('PATCH', `/admin/shop-services/${a.services.oil}`, { duration_minutes: 2 }), 400);
      expectProblem(await send('PATCH', `/admin/shop-services/${a.services.oil}`, { name: null }), 400);
      // A category of another shop is refused, as it is for the shop's managers.
      expectProblem(await send('PATCH', `/admin/shop-services/${a.services.oil}`, { category_id: b.categoryId }), 400);
      expect((await send('PATCH', `/admin/shop-services/${a.services.oil}`, { name: 'Brake service' })).statusCode).toBe(409);
      expectProblem(await send('PUT', `/admin/shop-services/${a.services.oil}/prices`, { vehicle_model_id: randomUUID(), price_minor: 10 }), 422);
    });
  });
});
