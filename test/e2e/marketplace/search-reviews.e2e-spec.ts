import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../support/test-app';
import { Actor, organizationsApp, StaffedOrganization } from '../organizations/organizations-test-kit';
import { MarketplaceClient, partBody, vehicleBody } from './marketplace-test-kit';

type Org = StaffedOrganization & { keyStaff: string };

describe('search, featured placement, reviews, favourites and analytics', () => {
  let t: TestApp;
  let c: MarketplaceClient;
  let shop: Org;
  let dealer: Org;
  let admin: Actor;
  let buyers: Actor[];
  const tag = randomUUID().slice(0, 8);
  const ids: Record<string, string> = {};

  async function published(org: Org, body: Record<string, unknown>): Promise<string> {
    const listing = await c.createListing(c.as(org.staff), org.id, body);
    await c.expectOk(c.request('POST', `/organizations/${org.id}/listings/${listing.id}/submit`, c.as(org.staff)));
    return listing.id;
  }

  const search = async (query: Record<string, string>) => c.expectOk(c.request('GET', '/listings', undefined, { query }));

  beforeAll(async () => {
    t = await organizationsApp();
    c = new MarketplaceClient(t);
    [shop, dealer] = await Promise.all([c.organizationOfKind('repair_shop', 'shop'), c.organizationOfKind('dealership', 'dealer')]);
    [admin, ...buyers] = await Promise.all([c.admin(), ...Array.from({ length: 6 }, (_, i) => c.signUp(`buyer${i}`))]);
    ids.cheap = await published(shop, partBody({ title: `Brembo brake pads ${tag}`, price_minor: 3_000 }));
    ids.dear = await published(shop, partBody({ title: `Brembo brake disc ${tag}`, price_minor: 19_000, description: 'Floating disc' }));
    ids.chain = await published(
      shop,
      partBody({ title: `Chain kit ${tag}`, price_minor: 9_000, description: 'Brembo compatible sprockets', part: { part_number: 'CK', condition: 'used' } }),
    );
    ids.bike = await published(dealer, vehicleBody({ title: `Yamaha MT-09 ${tag}`, vehicle: { ...(vehicleBody().vehicle as object), year: 2019 } }));
  });
  afterAll(() => t?.close());

  describe('successful', () => {
    it('full-text search ranks title matches first, tolerates typos, and filters', async () => {
      const found = await search({ q: `brembo ${tag}` });
      expect(
        found.data
          .map((l: { id: string }) => l.id)
          .slice(0, 3)
          .sort(),
      ).toEqual([ids.cheap, ids.dear, ids.chain].sort());
      expect(found.data[2].id).toBe(ids.chain); // description match (weight B) after the title matches (weight A)
      const typo = await search({ q: `Bremboo brake pads ${tag}` });
      expect(typo.data.map((l: { id: string }) => l.id)).toContain(ids.cheap);
      const filtered = await search({ q: tag, kind: 'part', price_min: '5000', price_max: '20000', condition: 'new', sort: 'price_asc' });
      expect(filtered.data.map((l: { id: string }) => l.id)).toEqual([ids.dear]);
      const vehicles = await search({ q: tag, kind: 'vehicle', year_min: '2018', year_max: '2020' });
      expect(vehicles.data.map((l: { id: string }) => l.id)).toEqual([ids.bike]);
      expect(vehicles.data[0].vehicle.vin).toMatch(/^\*+0123$/);
    });

    it('sorts by price both ways and pages with a keyset cursor', async () => {
      const up = await search({ q: tag, kind: 'part', sort: 'price_asc', limit: '2' });
      expect(up.data.map((l: { id: string }) => l.id)).toEqual([ids.cheap, ids.chain]);
      const next = await search({ q: tag, kind: 'part', sort: 'price_asc', limit: '2', cursor: up.next_cursor });
      expect(next.data.map((l: { id: string }) => l.id)).toEqual([ids.dear]);
      expect(next.next_cursor).toBeNull();
      const down = await search({ q: tag, kind: 'part', sort: 'price_desc' });
      expect(down.data.map((l: { id: string }) => l.id)).toEqual([ids.dear, ids.chain, ids.cheap]);
      const newest = await search({ org_id: shop.id, limit: '1' });
      const second = await search({ org_id: shop.id, limit: '1', cursor: newest.next_cursor });
      expect(second.data[0].id).not.toBe(newest.data[0].id);
    });

    it('an active featured listing comes first, marked; the placement ends by itself', async () => {
      const now = Date.now();
      const slot = await c.expectOk(
        c.request('POST', `/moderation/listings/${ids.chain}/featured`, c.as(admin), {
          body: { starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3_600_000).toISOString(), rank: 1 },
        }),
        201,
      );
      await c.expectOk(
        c.request('POST', `/moderation/listings/${ids.dear}/featured`, c.as(admin), {
          body: { starts_at: new Date(now - 120_000).toISOString(), ends_at: new Date(now - 60_000).toISOString(), rank: 1 },
        }),
        201,
      );
      const found = await search({ q: `brembo brake ${tag}`, sort: 'price_asc' });
      expect(found.data[0]).toMatchObject({ id: ids.chain, featured: true });
      expect(found.data.filter((l: { id: string }) => l.id === ids.chain)).toHaveLength(1);
      expect(found.data.find((l: { id: string }) => l.id === ids.dear).featured).toBe(false);
      await c.expectOk(c.request('DELETE', `/moderation/featured/${slot.id}`, c.as(admin)), 204);
      const after = await search({ q: `brembo brake ${tag}`, sort: 'price_asc' });
      expect(after.data[0].id).toBe(ids.cheap);
    });

    it('verified buyers review once each; the average stays exact under concurrent reviews; the seller replies once; a moderator hides one', async () => {
      for (const buyer of buyers)
        await c.db.query(
          `INSERT INTO marketplace_purchases (order_id, listing_id, org_id, buyer_user_id, kind, quantity, entitled) VALUES ($1, $2, $3, $4, 'part', 1, false)`,
          [randomUUID(), ids.cheap, shop.id, buyer.userId],
        );
      const ratings = [5, 4, 4, 3, 5, 2];
      const created = await Promise.all(
        buyers.map((buyer, i) =>
          c.expectOk(c.request('POST', `/listings/${ids.cheap}/reviews`, c.as(buyer), { body: { rating: ratings[i], body: 'Good pads' } }), 201),
        ),
      );
      const listed = await c.expectOk(c.request('GET', `/listings/${ids.cheap}/reviews`));
      expect(listed.rating_count).toBe(6);
      expect(listed.rating_average).toBe(3.83);
      const again = await c.request('POST', `/listings/${ids.cheap}/reviews`, c.as(buyers[0]), { body: { rating: 1 } });
      expect(again.statusCode).toBe(409);
      const replied = await c.expectOk(
        c.request('POST', `/organizations/${shop.id}/reviews/${created[5].id}/reply`, c.as(shop.staff), { body: { text: 'Sorry to hear it.' } }),
      );
      expect(replied.seller_reply).toBe('Sorry to hear it.');
      expect(
        (await c.request('POST', `/organizations/${shop.id}/reviews/${created[5].id}/reply`, c.as(shop.staff), { body: { text: 'Again' } })).statusCode,
      ).toBe(409);
      await c.expectOk(c.request('POST', `/moderation/reviews/${created[5].id}/hide`, c.as(admin), { body: { reason: 'Off topic' } }), 204);
      const after = await c.expectOk(c.request('GET', `/listings/${ids.cheap}/reviews`));
      expect(after).toMatchObject({ rating_count: 5, rating_average: 4.2 });
      const rated = await search({ q: tag, kind: 'part', sort: 'rating' });
      expect(rated.data[0]).toMatchObject({ id: ids.cheap, rating_average: 4.2, rating_count: 5 });
    });

    it('favourites are saved per user and counted, with views, in the seller’s daily analytics', async () => {
      const [a] = buyers;
      await c.expectOk(c.request('PUT', `/me/favourites/${ids.dear}`, c.as(a)), 204);
      await c.expectOk(c.request('PUT', `/me/favourites/${ids.dear}`, c.as(a)), 204);
      const mine = await c.expectOk(c.request('GET', '/me/favourites', c.as(a)));
      expect(mine.data.map((l: { id: string }) => l.id)).toEqual([ids.dear]);
      await c.expectOk(c.request('GET', `/listings/${ids.dear}`));
      await c.expectOk(c.request('GET', `/listings/${ids.dear}`));
      const today = new Date().toISOString().slice(0, 10);
      const stats = await c.expectOk(
        c.request('GET', `/organizations/${shop.id}/listing-analytics`, c.as(shop.staff), { query: { from: today, to: today, listing_id: ids.dear } }),
      );
      expect(stats.data).toEqual([{ listing_id: ids.dear, day: today, views: 2, saves: 1, purchases: 0, conversion: 0 }]);
      await c.expectOk(c.request('DELETE', `/me/favourites/${ids.dear}`, c.as(a)), 204);
      expect((await c.expectOk(c.request('GET', '/me/favourites', c.as(a)))).data).toEqual([]);
    });
  });

  describe('failing', () => {
    it('nobody qualifies to review without a purchase (403); drafts are not searchable or reviewable', async () => {
      const stranger = await c.signUp('stranger');
      const denied = await c.request('POST', `/listings/${ids.dear}/reviews`, c.as(stranger), { body: { rating: 5 } });
      expect(denied.statusCode).toBe(403);
      const draft = await c.createListing(c.as(shop.staff), shop.id, partBody({ title: `Hidden draft ${tag}` }));
      expect((await search({ q: `Hidden draft ${tag}` })).data.map((l: { id: string }) => l.id)).not.toContain(draft.id);
      expect((await c.request('GET', `/listings/${draft.id}/reviews`)).statusCode).toBe(404);
      expect((await c.request('PUT', `/me/favourites/${draft.id}`, c.as(stranger))).statusCode).toBe(404);
    });

    it('bad filters and cursors are 400; only admins feature; only the seller replies; analytics are the members’', async () => {
      expect((await c.request('GET', '/listings', undefined, { query: { cursor: 'bm90IGpzb24' } })).statusCode).toBe(400);
      expect((await c.request('GET', '/listings', undefined, { query: { sort: 'cheapest' } })).statusCode).toBe(400);
      expect((await c.request('GET', '/listings', undefined, { query: { price_min: '-1' } })).statusCode).toBe(400);
      const body = { starts_at: new Date().toISOString(), ends_at: new Date(Date.now() + 1000).toISOString(), rank: 1 };
      expect((await c.request('POST', `/moderation/listings/${ids.cheap}/featured`, c.as(shop.principal, shop.id), { body })).statusCode).toBe(403);
      expect(
        (await c.request('POST', `/moderation/listings/${ids.cheap}/featured`, c.as(admin), { body: { ...body, ends_at: body.starts_at } })).statusCode,
      ).toBe(400);
      const review: Array<{ id: string }> = await c.db.query(`SELECT id FROM marketplace_reviews WHERE listing_id = $1 LIMIT 1`, [ids.cheap]);
      expect(
        (await c.request('POST', `/organizations/${dealer.id}/reviews/${review[0].id}/reply`, c.as(dealer.staff), { body: { text: 'Hi' } })).statusCode,
      ).toBe(404);
      const today = new Date().toISOString().slice(0, 10);
      expect(
        (await c.request('GET', `/organizations/${shop.id}/listing-analytics`, c.as(dealer.staff), { query: { from: today, to: today } })).statusCode,
      ).toBe(404);
    });
  });
});
