import { PitLaneDemoSeeder } from '../../../src/modules/bookings/infrastructure/seed/pit-lane-demo.seeder';
import type { TestApp } from '../../support/test-app';
import { BookingsClient, bookingsApp } from './bookings-test-kit';
import { useOwnDatabase } from '../../support/own-database';

/** Runs the Pit Lane demo seeder on a repair shop of the test's own (the real Pit Lane belongs to the organizations' demo test). */
describe('bookings: demo data', () => {
  useOwnDatabase('demo_bookings');
  let t: TestApp;
  let c: BookingsClient;

  beforeAll(async () => {
    t = await bookingsApp();
    c = new BookingsClient(t);
  });
  afterAll(() => t.close());

  it('gives the shop a profile, two bays, priced services and a booking in every state, once', async () => {
    const org = await c.staffedOrganization('demo');
    const seeder = t.app.get(PitLaneDemoSeeder);
    expect(await seeder.seedShop(org.slug)).toEqual({ shop: 'created', bookings: 6 });
    expect(await seeder.seedShop(org.slug)).toEqual({ shop: 'present', bookings: 0 });
    expect(await seeder.seedShop('no-such-shop')).toEqual({ shop: 'missing', bookings: 0 });
    const info = await c.expectOk(c.request('GET', '/shop-info', undefined, { query: { shop_id: org.id } }));
    expect(info).toMatchObject({ time_zone: 'Asia/Kolkata', currency: 'INR' });
    expect(info.bays).toHaveLength(2);
    const services = await c.expectOk(c.request('GET', '/services', undefined, { query: { shop_id: org.id } }));
    expect(services.data.length).toBeGreaterThanOrEqual(6);
    const prices = await c.expectOk(
      c.staffRequest(
        'GET',
        `/services/${services.data[0].id}/prices`,
        { org, keys: { staff: '', manager: '', principal: '' }, bays: [], categoryId: '', services: { oil: '', chain: '', brakes: '' }, timeZone: '' },
        'staff',
      ),
    );
    expect(prices.model_prices.length).toBeGreaterThan(0);
    const list = await c.expectOk(
      c.staffRequest(
        'GET',
        '/staff/bookings',
        { org, keys: { staff: '', manager: '', principal: '' }, bays: [], categoryId: '', services: { oil: '', chain: '', brakes: '' }, timeZone: '' },
        'manager',
      ),
    );
    expect(new Set(list.data.map((booking: { status: string }) => booking.status))).toEqual(
      new Set(['pending', 'confirmed', 'in_progress', 'completed', 'cancelled']),
    );
  });
});
