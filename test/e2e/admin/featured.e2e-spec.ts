import { randomUUID } from 'node:crypto';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { Actor, Body, organizationsApp, StaffedOrganization } from '../organizations/organizations-test-kit';
import { MarketplaceClient, partBody } from '../marketplace/marketplace-test-kit';

type Org = StaffedOrganization & { keyStaff: string };

/** /admin/featured-placements: operators feature a published listing in a window with a rank, list placements and end one early. */
describe('admin: featured placements', () => {
  let t: TestApp;
  let c: MarketplaceClient;
  let shop: Org;
  let admin: Actor;
  let customer: Actor;
  const tag = randomUUID().slice(0, 8);
  const ids: Record<string, string> = {};

  async function published(body: Record<string, unknown>): Promise<string> {
    const listing = await c.createListing(c.as(shop.staff), shop.id, body);
    await c.expectOk(c.request('POST', `/organizations/${shop.id}/listings/${listing.id}/submit`, c.as(shop.staff)));
    return listing.id;
  }

  beforeAll(async () => {
    t = await organizationsApp();
    c = new MarketplaceClient(t);
    [shop, admin, customer] = await Promise.all([c.organizationOfKind('repair_shop', 'featured'), c.admin(), c.signUp('featured-customer')]);
    ids.pads = await published(partBody({ title: `Sintered pads ${tag}`, price_minor: 3_000 }));
    ids.disc = await published(partBody({ title: `Wave disc ${tag}`, price_minor: 9_000 }));
    ids.draft = (await c.createListing(c.as(shop.staff), shop.id, partBody({ title: `Draft lever ${tag}` }))).id;
  }, 120_000);
  afterAll(() => t?.close());

  const get = (path: string, query: Record<string, string> = {}, who: Actor | null = admin) => c.request('GET', path, who ? c.as(who) : undefined, { query });
  const post = (path: string, body: unknown, who: Actor | null = admin) => c.request('POST', path, who ? c.as(who) : undefined, { body });
  const window = (fromMinutes: number, toMinutes: number) => ({
    starts_at: new Date(Date.now() + fromMinutes * 60_000).toISOString(),
    ends_at: new Date(Date.now() + toMinutes * 60_000).toISOString(),
  });
  const search = () => c.expectOk(c.request('GET', '/listings', undefined, { query: { q: tag, org_id: shop.id, sort: 'price_asc' } }));

  describe('successful', () => {
    it('features a published listing now (it heads the search), lists placements by state and sort, and ends one early (audited)', async () => {
      const running = await c.expectOk(post('/admin/featured-placements', { listing_id: ids.disc, ...window(-1, 60), rank: 2 }), 201);
      expect(running).toMatchObject({
        listing_id: ids.disc,
        listing_title: `Wave disc ${tag}`,
        org_id: shop.id,
        rank: 2,
        state: 'running',
        created_by: admin.userId,
      });
      const scheduled = await c.expectOk(post('/admin/featured-placements', { listing_id: ids.pads, ...window(60, 120), rank: 1 }), 201);
      expect(scheduled.state).toBe('scheduled');
      expect((await search()).data[0]).toMatchObject({ id: ids.disc, featured: true });

      const mine = await c.expectOk(get('/admin/featured-placements', { organization_id: shop.id, sort: 'rank' }));
      expect(mine.data.map((p: Body) => p.id)).toEqual([scheduled.id, running.id]);
      const now = await c.expectOk(get('/admin/featured-placements', { organization_id: shop.id, state: 'running' }));
      expect(now.data.map((p: Body) => p.id)).toEqual([running.id]);
      expect((await c.expectOk(get(`/admin/featured-placements/${running.id}`))).listing_id).toBe(ids.disc);

      const ended = await c.expectOk(post(`/admin/featured-placements/${running.id}/end`, { reason: 'Paid campaign cancelled' }));
      expect(ended).toMatchObject({ id: running.id, state: 'ended' });
      expect((await search()).data[0]).toMatchObject({ id: ids.pads, featured: false });
      expect((await c.expectOk(get('/admin/featured-placements', { listing_id: ids.disc, state: 'ended' }))).data.map((p: Body) => p.id)).toEqual([running.id]);

      const audit = await c.expectOk(get('/admin/audit-events', { actor: admin.userId, organization_id: shop.id, limit: '100' }));
      const actions = audit.data.filter((e: Body) => e.target_id === ids.disc).map((e: Body) => e.action);
      expect(actions).toEqual(['admin.featured_placement_ended', 'marketplace.listing_featured']);
    });
  });

  describe('failing', () => {
    it('refuses the shop’s members and customers (403) and anonymous callers (401)', async () => {
      for (const who of [shop.principal, shop.manager, customer]) {
        expect((await get('/admin/featured-placements', {}, who)).statusCode).toBe(403);
        expect((await post('/admin/featured-placements', { listing_id: ids.pads, ...window(0, 60), rank: 1 }, who)).statusCode).toBe(403);
      }
      expect((await get('/admin/featured-placements', {}, null)).statusCode).toBe(401);
      expect((await c.expectOk(get('/admin/featured-placements', { listing_id: ids.pads, state: 'running' }))).meta.total).toBe(0);
    });

    it('refuses a draft listing (404), a window ending before it starts (400), a bad sort (400), and ending twice (404)', async () => {
      expectProblem(await post('/admin/featured-placements', { listing_id: ids.draft, ...window(0, 60), rank: 1 }), 404);
      expectProblem(await post('/admin/featured-placements', { listing_id: ids.pads, ...window(60, 0), rank: 1 }), 400);
      expectProblem(await post('/admin/featured-placements', { listing_id: ids.pads, ...window(0, 60), rank: 0 }), 400);
      expectProblem(await get('/admin/featured-placements', { sort: 'listing_title' }), 400, 'HTTP.VALIDATION_FAILED');
      const placement = await c.expectOk(post('/admin/featured-placements', { listing_id: ids.pads, ...window(0, 60), rank: 5 }), 201);
      await c.expectOk(post(`/admin/featured-placements/${placement.id}/end`, {}));
      expectProblem(await post(`/admin/featured-placements/${placement.id}/end`, {}), 404);
      expectProblem(await get(`/admin/featured-placements/${randomUUID()}`), 404);
    });
  });
});
