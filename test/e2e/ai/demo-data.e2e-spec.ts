import pino from 'pino';
import { DEMO_CUSTOMERS, DEMO_PASSWORD, seedDemoData } from '../../../src/modules/organizations';
import { AiDemoSeeder } from '../../../src/modules/ai/infrastructure/seed/ai-demo.seeder';
import { MarketplaceDemoSeeder } from '../../../src/modules/marketplace/infrastructure/seed/marketplace-demo.seeder';
import type { TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';
import { organizationsApp } from '../organizations/organizations-test-kit';
import { AiClient, Body } from './ai-test-kit';
import { useOwnDatabase } from '../../support/own-database';

/** `npm run up` seeds AI data a newcomer can see: demo customers with profiles, interactions, recommendations and insights. */
describe('ai: demo data', () => {
  useOwnDatabase('demo_ai');
  let t: TestApp;
  let c: AiClient;

  beforeAll(async () => {
    t = await organizationsApp({ MISTRAL_API_KEY: '' });
    c = new AiClient(t);
    await seedDemoData(testConfig(), pino({ level: 'silent' }));
    await t.app.get(MarketplaceDemoSeeder).seed();
  });
  afterAll(() => t?.close());

  it('indexes the demo listings, gives the demo customers profiles and interactions once; a second run adds nothing', async () => {
    const seeder = t.app.get(AiDemoSeeder);
    const first = await seeder.seed();
    // The worker may have indexed some already from the marketplace's events; after the seeder, all published ones are there.
    expect(first.listingsIndexed).toEqual(expect.any(Number));
    const [{ n }] = await c.db.query(`SELECT count(*)::int AS n FROM ai_listing_catalog WHERE published`);
    expect(n).toBeGreaterThanOrEqual(8);
    expect(first.profiles).toBe(DEMO_CUSTOMERS.length);
    expect(first.interactions).toBeGreaterThan(10);
    const count = async () =>
      (
        await c.db.query(`SELECT (SELECT count(*) FROM ai_interactions)::int AS events, (SELECT count(*) FROM ai_riding_profiles)::int AS profiles,
        (SELECT count(*) FROM ai_listing_catalog)::int AS listings, (SELECT count(*) FROM ai_item_similarities)::int AS similar`)
      )[0];
    const before = await count();
    expect(before.similar).toBeGreaterThan(0);
    expect(await seeder.seed()).toEqual({ listingsIndexed: 0, profiles: 0, interactions: 0 });
    expect(await count()).toEqual(before);
  });

  it('a demo customer signing in sees recommendations with reasons, their profile and insights', async () => {
    const rider = await c.logIn({ email: DEMO_CUSTOMERS[0].email, password: DEMO_PASSWORD, userId: '' });
    const recs = await c.expectOk(c.request('GET', '/ai/recommendations', { token: rider.token }));
    expect(recs.data.length).toBeGreaterThan(0);
    for (const r of recs.data) expect(r.reason).toEqual(expect.any(String));
    const profile = await c.expectOk(c.request('GET', '/ai/profile', { token: rider.token }));
    expect(profile.riding_styles).toEqual(['touring', 'commuting']);
    const insights = await c.expectOk(c.request('GET', '/ai/user-insights', { token: rider.token }));
    expect(insights.activity.events).toBeGreaterThan(0);
    expect(insights.tastes.top_listings.some((l: Body) => /MT-09|Yamaha|economy/i.test(l.title))).toBe(true);
    expect(insights.summary.source).toBe('offline');
  });
});
