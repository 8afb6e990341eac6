import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../support/test-app';
import { Actor, organizationsApp, StaffedOrganization } from '../organizations/organizations-test-kit';
import { CatalogClient } from '../catalog/catalog-test-kit';
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
      const found = await search({ q: `brembo ${tag}`, org_id: shop.id });
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
      const found = await search({ q: `brembo brake ${tag}`, sort: 'price_asc', org_id: shop.id });
      expect(found.data[0]).toMatchObject({ id: ids.chain, featured: true });
      expect(found.data.filter((l: { id: string }) => l.id === ids.chain)).toHaveLength(1);
      expect(found.data.find((l: { id: string }) => l.id === ids.dear).featured).toBe(false);
      await c.expectOk(c.request('DELETE', `/moderation/featured/${slot.id}`, c.as(admin)), 204);
      const after = await search({ q: `brembo brake ${tag}`, sort: 'price_asc', org_id: shop.id });
      expect(after.data[0].id).toBe(ids.cheap);
    });

    it('filters by the catalog’s brand and vehicle type of the listings’ models, copied at write time and kept on edits', async () => {
      const catalog = new CatalogClient(t);
      const token = await catalog.adminToken();
      const [bikes, cars] = await Promise.all([catalog.createType(token), catalog.createType(token)]);
      const [yamaha, bmw] = await Promise.all([catalog.createBrand(token, [bikes.id]), catalog.createBrand(token, [bikes.id, cars.id])]);
      const [mt09, s1000, m3] = await Promise.all([
        catalog.createModel(token, { vehicle_brand_id: yamaha.id, vehicle_type_id: bikes.id }),
        catalog.createModel(token, { vehicle_brand_id: bmw.id, vehicle_type_id: bikes.id }),
        catalog.createModel(token, { vehicle_brand_id: bmw.id, vehicle_type_id: cars.id }),
      ]);
      const pads = await published(
        shop,
        partBody({ title: `Universal pads ${tag}`, part: { model_ids: [mt09.id, s1000.id], part_number: 'UP-1', condition: 'new' } }),
      );
      const car = await published(
        dealer,
        vehicleBody({ title: `BMW M3 ${tag}`, vehicle: { ...(vehicleBody().vehicle as object), model_id: m3.id, year: 2022 }, price_minor: 5_500_000 }),
      );
      const found = async (query: Record<string, string>) => (await search({ q: tag, ...query })).data.map((l: { id: string }) => l.id).sort();
      expect(await found({ brand_id: yamaha.id })).toEqual([pads]);
      expect(await found({ brand_id: bmw.id })).toEqual([pads, car].sort());
      expect(await found({ vehicle_type_id: cars.id })).toEqual([car]);
      expect(await found({ vehicle_type_id: bikes.id, kind: 'part' })).toEqual([pads]);
      expect(await found({ brand_id: bmw.id, year_min: '2021', year_max: '2023', org_id: dealer.id })).toEqual([car]);
      expect(await found({ brand_id: bmw.id, condition: 'new' })).toEqual([pads]);
      // The part now fits the Yamaha only: the BMW brand no longer finds it.
      await c.expectOk(c.request('PATCH', `/organizations/${shop.id}/listings/${pads}`, c.as(shop.staff), { body: { part: { model_ids: [mt09.id] } } }));
      expect(await found({ brand_id: bmw.id })).toEqual([car]);
      expect(await found({ brand_id: yamaha.id })).toEqual([pads]);
    });

    it('every sort pages with a keyset cursor to the end, each listing once; a featured listing heads the first page only', async () => {
      const now = Date.now();
      await c.expectOk(
        c.request('POST', `/moderation/listings/${ids.bike}/featured`, c.as(admin), {
          body: { starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3_600_000).toISOString(), rank: 5 },
        }),
        201,
      );
      for (const sort of ['relevance', 'newest', 'price_asc', 'price_desc', 'rating']) {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await search({ q: tag, sort, limit: '2', ...(cursor && { cursor }) });
          if (pages === 0) expect(page.data[0]).toMatchObject({ id: ids.bike, featured: true });
          seen.push(...page.data.map((l: { id: string }) => l.id));
          cursor = page.next_cursor ?? undefined;
          pages += 1;
        } while (cursor && pages < 20);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen).toEqual(expect.arrayContaining([ids.cheap, ids.dear, ids.chain, ids.bike]));
      }
      const all = await search({ q: tag, sort: 'price_asc', limit: '100' });
      const prices = all.data.slice(1).map((l: { price_minor: number }) => l.price_minor);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
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
      const org = await c.expectOk(c.request('GET', `/organizations/${shop.id}/listing-analytics`, c.as(shop.staff), { query: { from: today, to: today } }));
      expect(org.data.find((r: { listing_id: string }) => r.listing_id === ids.dear)).toMatchObject({ views: 2, saves: 1 });
      // The shop's listings together per day, each listing over the period, and the totals: the same sums.
      const sum = (field: 'views' | 'saves' | 'purchases') => org.data.reduce((n: number, r: Record<string, number>) => n + r[field], 0);
      expect(org.by_day).toEqual([
        { listing_id: '', day: today, views: sum('views'), saves: sum('saves'), purchases: sum('purchases'), conversion: expect.anything() },
      ]);
      expect(org.by_listing.map((r: { listing_id: string }) => r.listing_id).sort()).toEqual(org.data.map((r: { listing_id: string }) => r.listing_id).sort());
      expect(org.totals).toMatchObject({ listing_id: '', day: '', views: sum('views'), saves: sum('saves'), purchases: sum('purchases') });
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
      const cursorOf = (v: unknown, i: unknown = randomUUID()) => Buffer.from(JSON.stringify({ v, i })).toString('base64url');
      for (const [sort, cursor] of [
        ['newest', cursorOf(5)],
        ['newest', cursorOf('1')],
        ['price_asc', cursorOf('2026-01-01T00:00:00.000Z')],
        ['price_asc', cursorOf(1.5)],
        ['rating', cursorOf(Number.POSITIVE_INFINITY)],
        ['rating', cursorOf(1, '------------------------------------')],
      ])
        expect((await c.request('GET', '/listings', undefined, { query: { sort, cursor } })).statusCode).toBe(400);
      expect((await c.request('GET', '/listings', undefined, { query: { brand_id: 'yamaha' } })).statusCode).toBe(400);
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
      for (const query of [
        { from: today, to: '2020-01-01' },
        { from: '2020-01-01', to: today },
        { from: '2026-02-30', to: '2026-03-01' },
        { from: '2026-01-01', to: '2026-13-01' },
      ])
        expect((await c.request('GET', `/organizations/${shop.id}/listing-analytics`, c.as(shop.staff), { query })).statusCode).toBe(400);
    });
  });
});
