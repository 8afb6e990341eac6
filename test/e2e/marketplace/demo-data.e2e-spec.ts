import pino from 'pino';
import { DEMO_ADMIN, DEMO_ORGANIZATIONS, DEMO_PASSWORD, seedDemoData } from '../../../src/modules/organizations';
import { DEMO_LISTINGS, MarketplaceDemoSeeder } from '../../../src/modules/marketplace/infrastructure/seed/marketplace-demo.seeder';
import { LISTING_STATUSES } from '../../../src/modules/marketplace';
import type { TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';
import { organizationsApp } from '../organizations/organizations-test-kit';
import { MarketplaceClient } from './marketplace-test-kit';
import { useOwnDatabase } from '../../support/own-database';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('marketplace: demo data', () => {
  useOwnDatabase('demo_marketplace');
  let t: TestApp;
  let c: MarketplaceClient;

  beforeAll(async () => {
    t = await organizationsApp();
    c = new MarketplaceClient(t);
    await seedDemoData(testConfig(), pino({ level: 'silent' }));
  });
  afterAll(() => t?.close());

  it('seeds a living marketplace once; a second run adds nothing', async () => {
    const seeder = t.app.get(MarketplaceDemoSeeder);
    await seeder.seed();
    expect(await seeder.seed()).toEqual({ listings: 0, reviews: 0 });
    expect(DEMO_ORGANIZATIONS.filter((o) => o.kind === 'creator_studio').map((o) => o.slug)).toEqual(['apex-tunes-studio', 'redline-maps-studio']);

    const rows: Array<{ slug: string; kind: string; status: string; n: number }> = await c.db.query(
      `SELECT o.slug, l.kind, l.status, count(*)::int AS n FROM marketplace_listings l JOIN organizations o ON o.id = l.org_id
       WHERE o.slug = ANY($1) GROUP BY 1, 2, 3`,
      [DEMO_ORGANIZATIONS.map((o) => o.slug)],
    );
    const tuneStates = new Set(rows.filter((r) => r.kind === 'tune').map((r) => r.status));
    expect([...tuneStates].sort()).toEqual([...LISTING_STATUSES].sort());
    for (const studio of ['apex-tunes-studio', 'redline-maps-studio'])
      expect(rows.filter((r) => r.slug === studio && r.kind === 'tune').length).toBeGreaterThan(2);
    for (const dealer of ['velocity-motors', 'summit-auto-group'])
      expect(rows.find((r) => r.slug === dealer && r.kind === 'vehicle' && r.status === 'published')?.n).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r.kind === 'part' && r.status === 'published').reduce((n, r) => n + r.n, 0)).toBeGreaterThanOrEqual(3);
    const count: Array<{ n: number }> = await c.db.query(
      `SELECT count(*)::int AS n FROM marketplace_listings l JOIN organizations o ON o.id = l.org_id WHERE o.slug = ANY($1)`,
      [DEMO_ORGANIZATIONS.map((o) => o.slug)],
    );
    expect(count[0].n).toBe(DEMO_LISTINGS.length);

    // Every verdict of the demo data is labelled as such: no model judged it.
    const verdicts: Array<{ source: string; model: string; ai_status: string; reason: string }> = await c.db.query(
      `SELECT v.source, v.model, v.ai_status, v.reason FROM marketplace_verdicts v JOIN organizations o ON o.id = v.org_id WHERE o.slug = ANY($1)`,
      [DEMO_ORGANIZATIONS.map((o) => o.slug)],
    );
    expect(verdicts.length).toBeGreaterThan(5);
    for (const v of verdicts) expect(v).toMatchObject({ source: 'demo', model: 'demo', ai_status: 'demo', reason: expect.stringMatching(/^Demo data/) });
  });

  it('the public search shows the featured tune first, dealership vehicles with photos and rated parts', async () => {
    const first = await c.expectOk(c.request('GET', '/listings', undefined, { query: { limit: '50' } }));
    expect(first.data[0]).toMatchObject({ title: 'MT-09 Stage 1 street map', featured: true, rating_count: 2, rating_average: 4.5 });
    const vehicles = await c.expectOk(c.request('GET', '/listings', undefined, { query: { kind: 'vehicle', q: 'BMW', limit: '50' } }));
    const bmw = vehicles.data.find((l: Body) => l.title === '2022 BMW S 1000 RR M package');
    expect(bmw.vehicle.photos).toEqual([expect.objectContaining({ content_type: 'image/png' }), expect.objectContaining({ content_type: 'image/png' })]);
    expect(bmw.vehicle.vin).toMatch(/^\*+0123$/);
    const pads = await c.expectOk(c.request('GET', '/listings', undefined, { query: { q: 'brembo pads', kind: 'part' } }));
    expect(pads.data[0]).toMatchObject({ title: 'Brembo sintered brake pads (front)', rating_count: 3 });

    // The admin sees the moderation queue with the emissions case and its demo verdict.
    const admin = await c.identity.logIn(DEMO_ADMIN.email, DEMO_PASSWORD);
    const queue = await c.expectOk(c.request('GET', '/moderation/listings', { token: admin.accessToken }, { query: { limit: '100' } }));
    expect(queue.data.map((l: Body) => l.title)).toContain('Panigale V4 race map (closed course)');
  });
});
