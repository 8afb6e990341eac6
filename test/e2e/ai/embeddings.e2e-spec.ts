import { randomUUID } from 'node:crypto';
import { EMBEDDING_JOBS, type EmbeddingJobs } from '../../../src/modules/ai/application/ports';
import { EmbedContentUseCase } from '../../../src/modules/ai/application/recommendations/embedding.use-cases';
import type { RequestContext } from '../../../src/platform/kernel';
import { FakeMistral, fakeEmbedding, startFakeMistral } from '../../support/fake-mistral';
import type { TestApp } from '../../support/test-app';
import { MarketplaceClient, partBody } from '../marketplace/marketplace-test-kit';
import { Actor, aiApp, Body } from './ai-test-kit';

/**
 * Content similarity with Mistral embeddings, against the fake Mistral server
 * (real SDK) and a worker running the jobs: listings published through the
 * marketplace are embedded by their job (and again after an edit); a rider's
 * profile by its job; recommendations rank by cosine to the rider's taste;
 * when the embeddings endpoint fails (5xx) they fall back to TF-IDF and say
 * so; the sweep embeds what the jobs missed.
 */
describe('AI recommendations with embeddings (fake Mistral)', () => {
  let fake: FakeMistral;
  let t: TestApp;
  let c: MarketplaceClient;
  let models: Array<{ id: string; name: string }>;
  const ctx: RequestContext = { requestId: 'embeddings-e2e', roles: [] };
  const seller = randomUUID();

  beforeAll(async () => {
    fake = await startFakeMistral();
    t = await aiApp(
      {
        MISTRAL_API_KEY: 'test-key',
        MISTRAL_SERVER_URL: fake.url,
        MISTRAL_EMBED_MODEL: 'mistral-embed',
        AI_TIMEOUT_MS: '2000',
        AI_MAX_RETRIES: '1',
        AI_RETRY_BASE_MS: '5',
        AI_RETRY_MAX_MS: '20',
        AI_BREAKER_FAILURES: '100',
        // The sweep is run by the test; its schedule stays far away.
        AI_EMBEDDING_SWEEP_MINUTES: '10080',
        AI_INTERACTION_BATCHES_PER_MINUTE: '1000',
      },
      true,
    );
    c = new MarketplaceClient(t);
    models = await c.db.query(`SELECT id, name FROM vehicle_models WHERE retired_at IS NULL ORDER BY name, id LIMIT 2`);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const row = async (listingId: string) =>
    (
      await c.db.query(`SELECT title, description, model_ids, embedding, embedding_model, embedded_at FROM ai_listing_catalog WHERE listing_id = $1`, [
        listingId,
      ])
    )[0] as Body | undefined;
  const catalogRow = (title: string, modelIds: string[] = []) => {
    const id = randomUUID();
    return {
      id,
      insert: () =>
        c.db.query(
          `INSERT INTO ai_listing_catalog (listing_id, org_id, kind, title, price_minor, currency, published, model_ids) VALUES ($1, $2, 'tune', $3, 19900, 'EUR', true, $4)`,
          [id, seller, title, modelIds],
        ),
    };
  };
  const recs = (actor: Actor, limit = '50') => c.expectOk(c.request('GET', '/ai/recommendations', { token: actor.token }, { query: { limit } }));
  const save = (actor: Actor, listingId: string) =>
    c.expectOk(
      c.request(
        'POST',
        '/ai/interactions',
        { token: actor.token },
        { body: { events: [{ client_event_id: randomUUID(), type: 'save', listing_id: listingId, occurred_at: new Date().toISOString() }] } },
      ),
      202,
    );
  const profileEmbedded = (userId: string) =>
    until('the profile embedding', async () => {
      const rows = await c.db.query(`SELECT embedding_model FROM ai_riding_profiles WHERE user_id = $1 AND embedding IS NOT NULL`, [userId]);
      return rows[0]?.embedding_model as string | undefined;
    });

  describe('successful embedding', () => {
    it('a listing published through the marketplace is embedded by its job (text, kind, vehicles, description); an edit re-embeds it', async () => {
      const shop = await c.organizationOfKind('repair_shop', 'embed-shop');
      const part = await c.createListing(
        c.as(shop.staff),
        shop.id,
        partBody({
          title: 'Carbon slip-on exhaust',
          description: 'Deep sound, lighter.',
          part: { model_ids: [models[0].id], part_number: 'EX-1', condition: 'new' },
        }),
      );
      await c.expectOk(c.request('POST', `/organizations/${shop.id}/listings/${part.id}/submit`, c.as(shop.staff)));
      const embedded = await until('the listing job', async () => {
        const r = await row(part.id);
        return r?.embedding ? r : undefined;
      });
      expect(embedded).toMatchObject({
        title: 'Carbon slip-on exhaust',
        description: 'Deep sound, lighter.',
        model_ids: [models[0].id],
        embedding_model: 'mistral-embed',
      });
      expect(embedded.embedding).toHaveLength(16);
      expect(Math.hypot(...embedded.embedding)).toBeCloseTo(1, 4);
      const sent = fake.embeddingRequests().map((r) => (r.body.input as string[]).join('|'));
      expect(sent.some((text) => text.includes('Carbon slip-on exhaust') && text.includes(models[0].name) && text.includes('Deep sound'))).toBe(true);
      expect(fake.embeddingRequests()[0].authorization).toBe('Bearer test-key');

      await c.expectOk(
        c.request('PATCH', `/organizations/${shop.id}/listings/${part.id}`, c.as(shop.staff), { body: { title: 'Titanium full exhaust system' } }),
      );
      const again = await until('the re-embedding after the edit', async () => {
        const r = await row(part.id);
        return r?.title === 'Titanium full exhaust system' && r.embedding ? r : undefined;
      });
      expect(again.embedded_at.getTime()).toBeGreaterThan(embedded.embedded_at.getTime());
      expect(again.embedding).not.toEqual(embedded.embedding);
    });

    it('ranks content by cosine to the rider’s embedded taste (a neighbour sharing no word with what they saved comes first), and says which model', async () => {
      // The fake embeds "circuit" and "lap" like "track": what a real embedding model does with synonyms and TF-IDF cannot.
      fake.embedText = (text) => fakeEmbedding(text.replace(/circuit|lap/gi, 'track'));
      const liked = catalogRow('Track quickshifter map');
      const neighbour = catalogRow('Circuit lap firmware');
      const unrelated = catalogRow('Commuter economy fuel saver');
      for (const l of [liked, neighbour, unrelated]) await l.insert();
      const jobs = t.app.get<EmbeddingJobs>(EMBEDDING_JOBS);
      for (const l of [liked, neighbour, unrelated]) await jobs.listing(ctx, l.id);
      for (const l of [liked, neighbour, unrelated]) await until('the listing jobs', async () => (await row(l.id))?.embedding);

      const rider = await c.signUp('embed-rider');
      await save(rider, liked.id);
      const body = await recs(rider);
      expect(body.meta).toMatchObject({ cached: false, model: 'hybrid-embeddings-item2item-v2', content_model: 'mistral-embed' });
      const mine = body.data.filter((r: Body) => [neighbour.id, unrelated.id].includes(r.listing_id));
      // The unrelated one scores lower, or not at all (content rescaled to 0 at the far end).
      expect(mine[0]).toMatchObject({ listing_id: neighbour.id, sources: ['content'], reason: 'Similar to listings you liked' });
      if (mine[1]) expect(mine[0].score).toBeGreaterThan(mine[1].score);
    });

    it('embeds the riding profile after onboarding (its job), and a cold-start rider gets embedding-ranked, vehicle-filtered results', async () => {
      const fits = catalogRow(`Touring comfort map ${randomUUID().slice(0, 6)}`, [models[0].id]);
      const otherModel = catalogRow('Touring comfort smooth map', [models[1].id]);
      for (const l of [fits, otherModel]) await l.insert();
      await t.app.get(EmbedContentUseCase).sweep(ctx);
      const rider = await c.signUp('embed-cold');
      await c.expectOk(
        c.request(
          'POST',
          '/ai/onboarding',
          { token: rider.token },
          { body: { experience: 'intermediate', riding_styles: ['touring'], vehicle_model_ids: [models[0].id], goals: ['smoothness'], risk_appetite: 'low' } },
        ),
        201,
      );
      expect(await profileEmbedded(rider.userId)).toBe('mistral-embed');
      const body = await recs(rider);
      expect(body.meta.content_model).toBe('mistral-embed');
      const got = body.data.map((r: Body) => r.listing_id);
      expect(got).toContain(fits.id);
      expect(got).not.toContain(otherModel.id);
      expect(body.data.find((r: Body) => r.listing_id === fits.id).sources).toEqual(expect.arrayContaining(['content', 'vehicle']));
    });
  });

  describe('failing embedding', () => {
    it('when the embeddings endpoint answers 5xx the job fails (AI.UNAVAILABLE) and recommendations fall back to TF-IDF, saying so; the sweep then embeds what was missed', async () => {
      fake.embeddingOutage = 503;
      const missed = catalogRow('Enduro trail torque map');
      const missed2 = catalogRow('Enduro lightweight carbon guard');
      for (const l of [missed, missed2]) await l.insert();
      await expect(t.app.get(EmbedContentUseCase).listing(ctx, missed.id)).rejects.toMatchObject({ code: 'AI.UNAVAILABLE' });
      expect(fake.embeddingRequests().length).toBeGreaterThanOrEqual(2);
      expect((await row(missed.id))?.embedding).toBeNull();

      const rider = await c.signUp('embed-fallback');
      await save(rider, missed.id);
      const body = await recs(rider);
      expect(body.meta).toMatchObject({ model: 'hybrid-tfidf-item2item-v2', content_model: 'local-tfidf' });
      const byContent = body.data.find((r: Body) => r.listing_id === missed2.id);
      expect(byContent.sources[0]).toBe('content');

      // A sweep during the outage stops at the first failure and leaves the rows for the next one.
      expect(await t.app.get(EmbedContentUseCase).sweep(ctx)).toMatchObject({ listings: 0, stoppedBy: 'AI.UNAVAILABLE' });
      expect((await row(missed2.id))?.embedding).toBeNull();

      fake.embeddingOutage = null;
      const swept = await t.app.get(EmbedContentUseCase).sweep(ctx);
      expect(swept.stoppedBy).toBeUndefined();
      expect(swept.listings).toBeGreaterThanOrEqual(2);
      for (const l of [missed, missed2]) expect((await row(l.id))?.embedding_model).toBe('mistral-embed');
      // A save drops the cached fallback list; the next one uses the embeddings.
      await save(rider, missed.id);
      const after = await recs(rider);
      expect(after.meta.content_model).toBe('mistral-embed');
    });
  });
});
