import type { TestApp } from '../../support/test-app';
import { Actor } from '../organizations/organizations-test-kit';
import { BookingsClient, bookingsApp, Models, Shop, shopProfile } from './bookings-test-kit';

describe('bookings: shops, service catalog and prices per vehicle model', () => {
  let t: TestApp;
  let c: BookingsClient;
  let a: Shop;
  let b: Shop;
  let models: Models;
  let customer: Actor;

  beforeAll(async () => {
    t = await bookingsApp();
    c = new BookingsClient(t);
    models = await c.models();
    [a, b, customer] = await Promise.all([
      c.shop('cat-a', { city: 'Mysuru', vehicle_type_ids: [] }),
      c.shop('cat-b', { city: 'Pune', time_zone: 'America/New_York', calling_code: '1', phone: '+14155550100' }, 1),
      c.signUp('cat-customer'),
    ]);
    await c.expectOk(
      c.request(
        'PUT',
        '/shop-info',
        { token: a.org.manager.token, orgId: a.org.id },
        { body: shopProfile({ city: 'Mysuru', vehicle_type_ids: [models.motorcycleType] }) },
      ),
    );
  }, 120_000);
  afterAll(() => t.close());

  describe('successful', () => {
    it('publishes shop info with hours, closures, locations and bays; the phone in E.164', async () => {
      const info = await c.expectOk(c.request('GET', '/shop-info', undefined, { query: { shop_id: a.org.id } }));
      expect(info).toMatchObject({ id: a.org.id, city: 'Mysuru', phone: '+918045678901', time_zone: 'Asia/Kolkata', service_locations: ['shop', 'home'] });
      expect(info.weekly_hours).toHaveLength(7);
      expect(info.bays.map((bay: { name: string }) => bay.name)).toEqual(['Bay 1', 'Bay 2']);
    });

    it('lists shops by city and by a vehicle model they work on', async () => {
      const mysuru = await c.expectOk(c.request('GET', '/shops', undefined, { query: { city: 'mysuru' } }));
      expect(mysuru.data.map((shop: { id: string }) => shop.id)).toContain(a.org.id);
      expect(mysuru.data.map((shop: { id: string }) => shop.id)).not.toContain(b.org.id);
      const scooters = await c.expectOk(c.request('GET', '/shops', undefined, { query: { vehicle_model_id: models.activa, limit: '100' } }));
      const ids = scooters.data.map((shop: { id: string }) => shop.id);
      expect(ids).not.toContain(a.org.id); // A works on motorcycles only
      expect(ids).toContain(b.org.id); // B on every type
    });

    it('prices a service for a vehicle model, overriding the base price; the pricing read follows writes at once', async () => {
      const manager = { token: a.org.manager.token, orgId: a.org.id };
      const before = await c.expectOk(
        c.request('GET', '/service-pricing/by-vehicle', undefined, { query: { shop_id: a.org.id, vehicle_model_id: models.cbr } }),
      );
      expect(before.data.find((s: { id: string }) => s.id === a.services.oil)).toMatchObject({ price_minor: 50_000, model_specific: false });
      await c.expectOk(c.request('PUT', `/services/${a.services.oil}/prices`, manager, { body: { vehicle_model_id: models.cbr, price_minor: 65_000 } }), 204);
      const after = await c.expectOk(
        c.request('GET', '/service-pricing/by-vehicle', undefined, { query: { shop_id: a.org.id, vehicle_model_id: models.cbr } }),
      );
      expect(after.data.find((s: { id: string }) => s.id === a.services.oil)).toMatchObject({
        price_minor: 65_000,
        base_price_minor: 50_000,
        model_specific: true,
      });
      expect(after.vehicle_model).toMatchObject({ id: models.cbr, name: 'CBR650R', brand_name: 'Honda' });
      const other = await c.expectOk(
        c.request('GET', '/service-pricing/by-vehicle', undefined, { query: { shop_id: a.org.id, vehicle_model_id: models.duke } }),
      );
      expect(other.data.find((s: { id: string }) => s.id === a.services.oil).price_minor).toBe(50_000);
      const prices = await c.expectOk(c.staffRequest('GET', `/services/${a.services.oil}/prices`, a, 'key'));
      expect(prices.model_prices).toEqual([{ vehicle_model_id: models.cbr, price_minor: 65_000 }]);
    });

    it('caches public reads (ETag, 304) and drops them when a manager writes', async () => {
      const first = await c.request('GET', '/services', undefined, { query: { shop_id: a.org.id } });
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag as string;
      const again = await c.request('GET', '/services', undefined, { query: { shop_id: a.org.id }, headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      const manager = { token: a.org.manager.token, orgId: a.org.id };
      await c.expectOk(c.request('PATCH', `/services/${a.services.chain}`, manager, { body: { base_price_minor: 25_000, name: 'Chain clean and lube' } }));
      const fresh = await c.request('GET', '/services', undefined, { query: { shop_id: a.org.id }, headers: { 'if-none-match': etag } });
      expect(fresh.statusCode).toBe(200);
      expect(fresh.json().data.find((s: { id: string }) => s.id === a.services.chain)).toMatchObject({
        name: 'Chain clean and lube',
        base_price_minor: 25_000,
      });
      await c.expectOk(c.request('PATCH', `/service-categories/${a.categoryId}`, manager, { body: { name: 'Servicing' } }));
      const categories = await c.expectOk(c.request('GET', '/service-categories', undefined, { query: { shop_id: a.org.id } }));
      expect(categories.data.map((cat: { name: string }) => cat.name)).toEqual(['Servicing']);
    });

    it('lets staff and the shop’s API keys read the bays; managers rename them', async () => {
      const manager = { token: a.org.manager.token, orgId: a.org.id };
      await c.expectOk(c.request('PATCH', `/shop/bays/${a.bays[1]}`, manager, { body: { name: 'Bay 2 (lift)' } }));
      const bays = await c.expectOk(c.staffRequest('GET', '/shop/bays', a, 'staff'));
      expect(bays.data.map((bay: { name: string }) => bay.name)).toEqual(['Bay 1', 'Bay 2 (lift)']);
    });
  });

  describe('failing', () => {
    it('refuses catalog writes by staff, customers and API keys', async () => {
      const body = { category_id: a.categoryId, name: 'Sneaky', duration_minutes: 30, base_price_minor: 1 };
      expect((await c.request('POST', '/services', { token: a.org.staff.token, orgId: a.org.id }, { body })).statusCode).toBe(403);
      expect((await c.request('POST', '/services', { token: customer.token }, { body })).statusCode).toBe(403);
      expect((await c.request('POST', '/services', { apiKey: a.keys.manager }, { body })).statusCode).toBe(403);
    });

    it('keeps each shop’s catalog to itself: another shop’s manager gets 404 for its ids', async () => {
      const managerB = { token: b.org.manager.token, orgId: b.org.id };
      expect((await c.request('PATCH', `/services/${a.services.oil}`, managerB, { body: { base_price_minor: 1 } })).json().code).toBe(
        'BOOKINGS.SERVICE_NOT_FOUND',
      );
      expect(
        (await c.request('PUT', `/services/${a.services.oil}/prices`, managerB, { body: { vehicle_model_id: models.cbr, price_minor: 1 } })).statusCode,
      ).toBe(404);
      expect((await c.request('PATCH', `/shop/bays/${a.bays[0]}`, managerB, { body: { active: false } })).statusCode).toBe(404);
      expect((await c.request('GET', `/services/${a.services.oil}/prices`, { apiKey: b.keys.staff })).statusCode).toBe(404);
      expect(
        (await c.request('POST', '/services', managerB, { body: { category_id: a.categoryId, name: 'X', duration_minutes: 30, base_price_minor: 1 } }))
          .statusCode,
      ).toBe(400);
    });

    it('refuses a shop profile for an organization that is not a repair shop, and bad hours or zones', async () => {
      const studioOwner = await c.signUp('studio', { verified: true });
      const studio = await c.createOrganization(studioOwner, 'creator_studio');
      const refused = await c.request('PUT', '/shop-info', { token: studioOwner.token, orgId: studio.id }, { body: shopProfile() });
      expect(refused.json().code).toBe('BOOKINGS.NOT_A_REPAIR_SHOP');
      const manager = { token: a.org.manager.token, orgId: a.org.id };
      const badZone = await c.request('PUT', '/shop-info', manager, { body: shopProfile({ time_zone: 'Mars/Olympus' }) });
      expect(badZone.statusCode).toBe(400);
      expect(badZone.json().errors.time_zone).toBeDefined();
      const badHours = await c.request('PUT', '/shop-info', manager, {
        body: shopProfile({ weekly_hours: [{ day: 'monday', open: '18:00', close: '09:00' }] }),
      });
      expect(badHours.statusCode).toBe(400);
    });

    it('answers 404 for a shop that has not published a profile, 422 for an unknown model', async () => {
      const unknown = '7b0f3c1e-9a7d-4e62-b8c4-d2f1a6e09c37';
      expect((await c.request('GET', '/shop-info', undefined, { query: { shop_id: unknown } })).json().code).toBe('BOOKINGS.SHOP_NOT_FOUND');
      const pricing = await c.request('GET', '/service-pricing/by-vehicle', undefined, { query: { shop_id: a.org.id, vehicle_model_id: unknown } });
      expect(pricing.json().code).toBe('BOOKINGS.UNKNOWN_VEHICLE_MODEL');
    });
  });
});
