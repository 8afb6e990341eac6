import { randomUUID } from 'node:crypto';
import { RecomputeSimilaritiesUseCase } from '../../../src/modules/ai/application/recommendations/recommendation.use-cases';
import { useOwnDatabase } from '../../support/own-database';
import type { TestApp } from '../../support/test-app';
import { Actor, AiClient, aiApp, Body, problemOf } from './ai-test-kit';

/**
 * Recommendations over the ai context's read model of published listings
 * (rows of ai_listing_catalog, its own table, written here as the marketplace
 * events would), interactions sent through the API and the collaborative model
 * recomputed by the job's use case.
 */
describe('AI recommendations', () => {
  // Cold-start and collaborative results range over every published listing: other files' listings would change them.
  useOwnDatabase('ai_recommendations');
  let t: TestApp;
  let client: AiClient;
  const sellers = [randomUUID(), randomUUID(), randomUUID()];
  const ids: Record<string, string> = {};
  const listings: Array<[string, number, string, string]> = [
    ['mt07-power', 0, 'tune', 'MT-07 stage 1 power tune'],
    ['mt07-smooth', 0, 'tune', 'MT-07 smooth throttle touring map'],
    ['mt07-eco', 0, 'tune', 'MT-07 economy commute map'],
    ['z900-exhaust', 1, 'part', 'Akrapovic exhaust sound for Z900'],
    ['z900-track', 1, 'tune', 'Z900 track race map quickshifter'],
    ['eco-generic', 2, 'tune', 'Economy fuel map for commuting'],
    ['archived', 2, 'tune', 'Old archived MT-07 map'],
  ];
  let mt07: { id: string; name: string };
  let other: { id: string; name: string };

  beforeAll(async () => {
    t = await aiApp({ AI_INTERACTION_BATCHES_PER_MINUTE: '1000' });
    client = new AiClient(t);
    for (const [key, seller, kind, title] of listings) {
      ids[key] = randomUUID();
      await client.db.query(
        `INSERT INTO ai_listing_catalog (listing_id, org_id, kind, title, price_minor, currency, published) VALUES ($1, $2, $3, $4, 19900, 'EUR', $5)`,
        [ids[key], sellers[seller], kind, title, key !== 'archived'],
      );
    }
    const models = await client.db.query(`SELECT id, name FROM vehicle_models WHERE retired_at IS NULL ORDER BY name LIMIT 2`);
    mt07 = models[0];
    other = models[1];
    await client.db.query(`UPDATE ai_listing_catalog SET title = $2, model_ids = $3 WHERE listing_id = $1`, [
      ids['mt07-power'],
      `${mt07.name} stage 1 power tune`,
      [mt07.id],
    ]);
    // A listing for another model only: never recommended to a rider of the first one.
    ids['other-model'] = randomUUID();
    await client.db.query(
      `INSERT INTO ai_listing_catalog (listing_id, org_id, kind, title, price_minor, currency, published, model_ids)
       VALUES ($1, $2, 'tune', 'Economy commute map', 19900, 'EUR', true, $3)`,
      [ids['other-model'], sellers[2], [other.id]],
    );
  });
  afterAll(() => t.close());

  const send = (actor: Actor, events: Array<[string, string]>) =>
    client.expectOk(
      client.request(
        'POST',
        '/ai/interactions',
        { token: actor.token },
        {
          body: { events: events.map(([type, key]) => ({ client_event_id: randomUUID(), type, listing_id: ids[key], occurred_at: new Date().toISOString() })) },
        },
      ),
      202,
    );
  const recs = async (actor: Actor, query: Record<string, string> = {}) =>
    client.expectOk(client.request('GET', '/ai/recommendations', { token: actor.token }, { query }));

  describe('successful recommendations', () => {
    it('cold start from the riding profile: published listings only, fitting the rider’s vehicle, each with a reason', async () => {
      const rider = await client.signUp('cold');
      await client.expectOk(
        client.request(
          'POST',
          '/ai/onboarding',
          { token: rider.token },
          { body: { experience: 'beginner', riding_styles: ['commuting'], vehicle_model_ids: [mt07.id], goals: ['economy'], risk_appetite: 'low' } },
        ),
        201,
      );
      const body = await recs(rider);
      expect(body.meta).toMatchObject({ cached: false, model: 'hybrid-tfidf-item2item-v2', content_model: 'local-tfidf' });
      const got = body.data.map((r: Body) => r.listing_id);
      expect(got).not.toContain(ids.archived);
      // Vehicle compatibility is a filter: the economy map for another model matches the profile's words but does not fit.
      expect(got).not.toContain(ids['other-model']);
      const all = await recs(rider, { limit: '50' });
      expect(all.data.map((r: Body) => r.listing_id)).not.toContain(ids['other-model']);
      const byContent = body.data.find((r: Body) => r.sources[0] === 'content');
      expect([ids['mt07-eco'], ids['eco-generic']]).toContain(byContent.listing_id);
      expect(byContent.reason).toMatch(/^Matches what you look for \(/);
      const fit = body.data.find((r: Body) => r.listing_id === ids['mt07-power']);
      expect(fit.reason).toBe(`Fits your ${mt07.name}`);
      for (const r of body.data)
        expect(r).toEqual(expect.objectContaining({ reason: expect.any(String), sources: expect.any(Array), price_minor: 19900, currency: 'EUR' }));
    });

    it('riders who liked X also liked Y (item-to-item model recomputed by the job); nothing bought is recommended; cached for an hour, dropped on save and purchase', async () => {
      const [fan1, fan2, rider] = await Promise.all([client.signUp('fan1'), client.signUp('fan2'), client.signUp('warm')]);
      await send(fan1, [
        ['purchase', 'z900-exhaust'],
        ['purchase', 'z900-track'],
      ]);
      await send(fan2, [
        ['save', 'z900-exhaust'],
        ['download', 'z900-track'],
      ]);
      await send(rider, [['purchase', 'z900-exhaust']]);
      expect(await t.app.get(RecomputeSimilaritiesUseCase).execute()).toBeGreaterThan(0);

      const first = await recs(rider);
      expect(first.data.map((r: Body) => r.listing_id)).not.toContain(ids['z900-exhaust']);
      expect(first.data[0]).toMatchObject({ listing_id: ids['z900-track'], reason: 'Riders who liked “Akrapovic exhaust sound for Z900” also liked this' });
      expect(first.data[0].sources[0]).toBe('collaborative');
      expect((await recs(rider)).meta.cached).toBe(true);

      await send(rider, [['view', 'mt07-smooth']]);
      expect((await recs(rider)).meta.cached).toBe(true);
      await send(rider, [['purchase', 'z900-track']]);
      const after = await recs(rider);
      expect(after.meta.cached).toBe(false);
      expect(after.data.map((r: Body) => r.listing_id)).not.toContain(ids['z900-track']);
    });

    it('varies sellers: at most three listings of one seller while others have some', async () => {
      const rider = await client.signUp('variety');
      const body = await recs(rider, { limit: '6' });
      const perSeller = new Map<string, number>();
      for (const r of body.data) perSeller.set(r.org_id, (perSeller.get(r.org_id) ?? 0) + 1);
      expect(Math.max(...perSeller.values())).toBeLessThanOrEqual(3);
    });
  });

  describe('failing recommendations', () => {
    it('refuses anonymous callers and bad limits', async () => {
      await problemOf(client.request('GET', '/ai/recommendations'), 401);
      const rider = await client.signUp('limits');
      await problemOf(client.request('GET', '/ai/recommendations', { token: rider.token }, { query: { limit: '0' } }), 400);
      await problemOf(client.request('GET', '/ai/recommendations', { token: rider.token }, { query: { limit: '51' } }), 400);
    });
  });
});
