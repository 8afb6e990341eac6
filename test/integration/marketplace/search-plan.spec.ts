import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SqlListingSearch } from '../../../src/modules/marketplace/infrastructure/persistence/search.repository';
import { createTestApp, TestApp } from '../../support/test-app';

/** The search's plans use the indexes (no sequential scan of listings, enable_seqscan left on) and a request is one statement. */
describe('marketplace search plan', () => {
  let t: TestApp;
  let db: DataSource;
  const orgId = randomUUID();
  const brandId = randomUUID();
  const typeId = randomUUID();

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    // 100,000 listings (the bench’s size) of one organization (90% published); one title in 200 names the brand searched below.
    await db.query(
      `INSERT INTO marketplace_listings (id, org_id, kind, status, title, description, price_minor, currency, stock, details, model_ids, brand_ids, vehicle_type_ids,
         year, condition, published_at, rating_sum, rating_count)
       SELECT gen_random_uuid(), $1, CASE WHEN i % 3 = 0 THEN 'tune' ELSE 'part' END, CASE WHEN i % 10 = 0 THEN 'draft' ELSE 'published' END,
         CASE WHEN i % 200 = 0 THEN 'Brembo brake pads ' ELSE '' END || 'item ' || substr(md5(i::text), 1, 8) || ' ' || substr(md5((i * 7)::text), 1, 6),
         'Fits many bikes ' || i, 1000 + (i * 37) % 90000, 'EUR', 5, '{}'::jsonb, '{}',
         CASE WHEN i % 50 = 0 THEN ARRAY[$2::uuid] ELSE ARRAY[gen_random_uuid()] END, CASE WHEN i % 40 = 0 THEN ARRAY[$3::uuid] ELSE ARRAY[gen_random_uuid()] END,
         CASE WHEN i % 7 = 0 THEN 1990 + i % 35 END, 'new', now() - (i || ' minutes')::interval, (i % 5) * (i % 3), i % 3
       FROM generate_series(1, 100000) AS i`,
      [orgId, brandId, typeId],
    );
    await db.query(`ANALYZE marketplace_listings`);
  });
  afterAll(async () => {
    await db?.query(`DELETE FROM marketplace_listings WHERE org_id = $1`, [orgId]);
    await t?.close();
  });

  async function plans(filter: Parameters<SqlListingSearch['search']>[0]): Promise<string[]> {
    const plansSeen: string[] = [];
    const explaining = {
      query: async (sql: string, params?: unknown[]) => {
        const rows = (await db.query(`EXPLAIN ${sql}`, params)) as Array<{ 'QUERY PLAN': string }>;
        plansSeen.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
        return [];
      },
    } as unknown as ConstructorParameters<typeof SqlListingSearch>[0];
    await new SqlListingSearch(explaining).search(filter);
    return plansSeen;
  }

  it('sequential scans stay allowed (the planner chooses the indexes by itself)', async () => {
    expect(await db.query(`SHOW enable_seqscan`)).toEqual([{ enable_seqscan: 'on' }]);
  });

  it.each([
    ['text and two filters, by relevance', { q: 'brembo pads', kind: 'part' as const, priceMin: 2000, priceMax: 50_000, sort: 'relevance' as const }],
    ['a typo in the text, newest first', { q: 'bremob', sort: 'newest' as const }],
    ['no text, newest first', { sort: 'newest' as const }],
    ['no text, by price', { kind: 'part' as const, sort: 'price_asc' as const }],
    ['no text, by price, a later page', { kind: 'part' as const, sort: 'price_desc' as const, cursor: { value: 50_000, id: randomUUID() } }],
    ['a brand, by rating', { brandId, sort: 'rating' as const }],
    ['a vehicle type and a year range, newest', { vehicleTypeId: typeId, yearMin: 2000, yearMax: 2010, sort: 'newest' as const }],
    ['text, a brand and a price ceiling, by price', { q: 'brake', brandId, priceMax: 40_000, sort: 'price_asc' as const }],
    ['the seller, newest, a later page', { orgId, sort: 'newest' as const, cursor: { value: new Date().toISOString(), id: randomUUID() } }],
  ])('%s: one statement, no sequential scan of listings', async (_name, filter) => {
    const seen = await plans({ limit: 20, featuredSlots: 3, ...filter });
    expect(seen).toHaveLength(1);
    for (const plan of seen) expect(plan).not.toMatch(/Seq Scan on marketplace_listings/);
  });
});
