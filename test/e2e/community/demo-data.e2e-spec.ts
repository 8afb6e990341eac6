import pino from 'pino';
import { DEMO_CUSTOMERS, DEMO_PASSWORD, seedDemoData } from '../../../src/modules/organizations';
import { CommunityDemoSeeder } from '../../../src/modules/community/infrastructure/seed/community-demo.seeder';
import type { TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';
import { Body, CommunityClient, communityApp } from './community-test-kit';

describe('community: demo data', () => {
  let t: TestApp;
  let c: CommunityClient;

  beforeAll(async () => {
    t = await communityApp();
    c = new CommunityClient(t);
    await seedDemoData(testConfig(), pino({ level: 'silent' }));
  });
  afterAll(() => t?.close());

  it('seeds boards with threads and replies and the customers’ notifications once; a second run adds nothing', async () => {
    await t.app.get(CommunityDemoSeeder).seed();
    expect(await t.app.get(CommunityDemoSeeder).seed()).toEqual({ boards: 0, notifications: 0 });
    const { accessToken } = await c.identity.logIn(DEMO_CUSTOMERS[0].email, DEMO_PASSWORD);
    const boards = await c.expectOk(c.request('GET', '/forum/categories', { token: accessToken }));
    expect(boards.data.map((b: Body) => b.slug)).toEqual(expect.arrayContaining(['general', 'ecu-tuning']));
    expect(boards.data.map((b: Body) => b.slug)).not.toContain('pit-lane-crew');
    const threads = await c.expectOk(c.request('GET', '/forum/threads', { token: accessToken }, { query: { q: 'track day' } }));
    expect(threads.data[0]).toMatchObject({ title: 'First track day: what should I check?', post_count: 4 });
    const notifications = await c.expectOk(c.request('GET', '/notifications', { token: accessToken }));
    expect(notifications.data.map((n: Body) => n.type)).toEqual(expect.arrayContaining(['commerce.order_paid', 'bookings.booking_status']));
  });
});
