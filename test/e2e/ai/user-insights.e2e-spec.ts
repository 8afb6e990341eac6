import { randomUUID } from 'node:crypto';
import { AiApi } from '../../../src/modules/ai';
import { DomainError, systemContext } from '../../../src/platform/kernel';
import { FakeMistral, startFakeMistral } from '../../support/fake-mistral';
import type { TestApp } from '../../support/test-app';
import { Actor, AiClient, aiApp, Body, dealership, parseEvents, problemOf } from './ai-test-kit';

/**
 * GET /ai/user-insights: figures from the caller's profile and interactions (purchases are purchase events),
 * and a summary written by Mistral (the real SDK against test/support/fake-mistral.ts) or the offline text.
 */
const LISTINGS: Array<[string, string, string]> = [
  ['smooth', 'tune', 'MT-07 smooth throttle touring map'],
  ['power', 'tune', 'MT-07 stage 1 power tune'],
  ['exhaust', 'part', 'Akrapovic exhaust for Z900'],
];

async function seedListings(client: AiClient): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [key, kind, title] of LISTINGS) {
    ids[key] = randomUUID();
    await client.db.query(
      `INSERT INTO ai_listing_catalog (listing_id, org_id, kind, title, price_minor, currency, published) VALUES ($1, $2, $3, $4, 19900, 'EUR', true)`,
      [ids[key], randomUUID(), kind, title],
    );
  }
  return ids;
}

function sender(client: AiClient, ids: Record<string, string>) {
  return (actor: Actor, events: Array<[string, string, number?]>) =>
    client.expectOk(
      client.request(
        'POST',
        '/ai/interactions',
        { token: actor.token },
        {
          body: {
            events: events.map(([type, key, rating]) => ({
              client_event_id: randomUUID(),
              type,
              listing_id: ids[key],
              occurred_at: new Date().toISOString(),
              ...(rating ? { rating } : {}),
            })),
          },
        },
      ),
      202,
    );
}

const ONBOARDING = { experience: 'intermediate', riding_styles: ['touring'], vehicle_model_ids: [], goals: ['smoothness'], risk_appetite: 'low' };

describe('AI user insights without a Mistral key (offline text)', () => {
  let t: TestApp;
  let client: AiClient;
  let ids: Record<string, string>;
  let send: ReturnType<typeof sender>;

  beforeAll(async () => {
    t = await aiApp({ AI_INTERACTION_BATCHES_PER_MINUTE: '1000' });
    client = new AiClient(t);
    ids = await seedListings(client);
    send = sender(client, ids);
  });
  afterAll(() => t.close());

  const insights = (actor: Actor) => client.expectOk(client.request('GET', '/ai/user-insights', { token: actor.token }));

  describe('successful insights', () => {
    it('a newcomer without profile or activity gets empty figures and an invitation to onboard', async () => {
      const rider = await client.signUp('insights-new');
      const body = await insights(rider);
      expect(body.profile).toBeNull();
      expect(body.activity).toMatchObject({ events: 0, listings: 0, purchases: 0, saved: 0, last_activity_at: null });
      expect(body.tastes).toEqual({ kinds: [], keywords: [], top_listings: [] });
      expect(body.summary).toMatchObject({ source: 'offline', model: null, cached: false, fallback_reason: 'AI.NOT_CONFIGURED' });
      expect(body.summary.text).toMatch(/onboarding/);
      expect(body.summary.text).toMatch(/No activity yet/);
    });

    it('summarizes profile, interactions and purchases with exact figures and a deterministic text; another rider sees none of it', async () => {
      const rider = await client.signUp('insights-rider');
      await client.expectOk(client.request('POST', '/ai/onboarding', { token: rider.token }, { body: ONBOARDING }), 201);
      await send(rider, [
        ['view', 'smooth'],
        ['view', 'smooth'],
        ['save', 'smooth'],
        ['purchase', 'smooth'],
        ['rate', 'smooth', 5],
        ['view', 'exhaust'],
        ['save', 'power'],
        ['unsave', 'power'],
      ]);
      const body = await insights(rider);
      expect(body.profile).toMatchObject({ user_id: rider.userId, experience: 'intermediate', riding_styles: ['touring'] });
      expect(body.activity).toMatchObject({
        events: 8,
        listings: 3,
        by_type: { view: 3, save: 2, unsave: 1, click: 0, purchase: 1, download: 0, rate: 1 },
        purchases: 1,
        saved: 1,
        ratings: { count: 1, average: 5 },
        last_activity_at: expect.any(String),
      });
      expect(body.tastes.top_listings.map((l: Body) => l.listing_id)).toEqual([ids.smooth, ids.exhaust]);
      expect(body.tastes.kinds[0]).toMatchObject({ kind: 'tune' });
      expect(body.tastes.keywords).toEqual(expect.arrayContaining(['smooth', 'throttle', 'touring']));
      expect(body.summary.source).toBe('offline');
      expect(body.summary.text).toContain('You are an intermediate rider who rides for touring');
      expect(body.summary.text).toContain('You interacted 8 times with 3 listings: 1 purchase, 1 saved, 3 views.');
      expect((await insights(rider)).summary.text).toBe(body.summary.text);

      const other = await client.signUp('insights-other');
      expect((await insights(other)).activity.events).toBe(0);
    });
  });

  describe('failing insights', () => {
    it('refuses anonymous callers', async () => {
      await problemOf(client.request('GET', '/ai/user-insights'), 401);
    });
  });
});

describe('AI user insights with Mistral (fake server)', () => {
  const TIMEOUT_MS = 600;
  let fake: FakeMistral;
  let t: TestApp;
  let client: AiClient;
  let ids: Record<string, string>;
  let send: ReturnType<typeof sender>;

  beforeAll(async () => {
    fake = await startFakeMistral();
    t = await aiApp(
      {
        MISTRAL_API_KEY: 'test-key',
        MISTRAL_SERVER_URL: fake.url,
        AI_TIMEOUT_MS: String(TIMEOUT_MS),
        AI_STREAM_TIMEOUT_MS: String(TIMEOUT_MS),
        AI_MAX_RETRIES: '0',
        AI_BREAKER_FAILURES: '100',
        AI_INTERACTION_BATCHES_PER_MINUTE: '1000',
      },
      true,
    );
    client = new AiClient(t);
    ids = await seedListings(client);
    send = sender(client, ids);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const insights = (actor: Actor) => client.expectOk(client.request('GET', '/ai/user-insights', { token: actor.token }));

  describe('successful insights', () => {
    it('the model writes the summary from the facts; it is cached per user and written again after a new interaction', async () => {
      const rider = await client.signUp('insights-ai');
      await client.expectOk(client.request('POST', '/ai/onboarding', { token: rider.token }, { body: ONBOARDING }), 201);
      await send(rider, [['purchase', 'smooth']]);
      fake.enqueue({ kind: 'content', content: JSON.stringify({ summary: 'You love smooth touring maps for your twin.' }) });
      const first = await insights(rider);
      expect(first.summary).toMatchObject({
        text: 'You love smooth touring maps for your twin.',
        source: 'mistral',
        model: expect.any(String),
        cached: false,
        fallback_reason: null,
      });
      expect(first.activity.purchases).toBe(1);
      expect(fake.chatRequests()).toHaveLength(1);
      const prompt = JSON.stringify(fake.chatRequests()[0].body.messages);
      expect(prompt).toContain('MT-07 smooth throttle touring map');
      expect(prompt).not.toContain(rider.userId);

      const second = await insights(rider);
      expect(second.summary).toMatchObject({ text: first.summary.text, source: 'mistral', cached: true });
      expect(fake.chatRequests()).toHaveLength(1);

      await send(rider, [['view', 'exhaust']]);
      fake.enqueue({ kind: 'content', content: JSON.stringify({ summary: 'Now also looking at exhausts.' }) });
      const third = await insights(rider);
      expect(third.summary).toMatchObject({ text: 'Now also looking at exhausts.', cached: false });
      expect(fake.chatRequests()).toHaveLength(2);

      const other = await client.signUp('insights-ai-other');
      fake.enqueue({ kind: 'content', content: JSON.stringify({ summary: 'A fresh start.' }) });
      expect((await insights(other)).summary).toMatchObject({ text: 'A fresh start.', cached: false });
    });
  });

  describe('failing model calls fall back', () => {
    it('a model that never answers fails within AI_TIMEOUT_MS as AI.UNAVAILABLE, and insights serve the offline text', async () => {
      fake.enqueue({ kind: 'hang' });
      const started = Date.now();
      const error = await t.app
        .get(AiApi)
        .completeJson(systemContext('timeout-test'), {
          orgId: null,
          purpose: 'test.timeout',
          system: 's',
          user: 'u',
          schema: { name: 'x', schema: { type: 'object' } },
          promptVersion: 't1',
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      const elapsed = Date.now() - started;
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'AI.UNAVAILABLE', message: expect.stringContaining('did not answer in time') });
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 1500);

      const rider = await client.signUp('insights-hang');
      await send(rider, [['save', 'power']]);
      fake.enqueue({ kind: 'hang' });
      const before = Date.now();
      const body = await insights(rider);
      expect(Date.now() - before).toBeLessThan(TIMEOUT_MS + 1500);
      expect(body.summary).toMatchObject({ source: 'offline', fallback_reason: 'AI.UNAVAILABLE', cached: false });
      expect(body.summary.text).toContain('You interacted 1 time with 1 listing');
      // The fallback is not cached: the next request asks the model again.
      fake.enqueue({ kind: 'content', content: JSON.stringify({ summary: 'Back online.' }) });
      expect((await insights(rider)).summary).toMatchObject({ text: 'Back online.', source: 'mistral' });
    });

    it('a 429 or an unusable reply also falls back to the offline text', async () => {
      const rider = await client.signUp('insights-429');
      fake.enqueue({ kind: 'status', status: 429 });
      expect((await insights(rider)).summary).toMatchObject({ source: 'offline', fallback_reason: 'AI.UNAVAILABLE' });
      fake.enqueue({ kind: 'content', content: 'not json' });
      expect((await insights(rider)).summary).toMatchObject({ source: 'offline', fallback_reason: 'AI.MALFORMED_REPLY' });
    });

    it('a hanging model during F&I role-play answers 503 problem+json (AI.UNAVAILABLE) within AI_STREAM_TIMEOUT_MS; the rubric falls back to rules', async () => {
      const admin = await client.admin();
      const a = await dealership(client, admin, 'hang');
      await client.expectOk(client.request('POST', `/organizations/${a.id}/training/scenarios/starter-set`, { token: a.manager.token }));
      const list = await client.expectOk(client.request('GET', `/organizations/${a.id}/training/scenarios`, { token: a.manager.token }));
      const session = await client.expectOk(
        client.request('POST', `/organizations/${a.id}/training/sessions`, { token: a.manager.token }, { body: { scenario_id: list.data[0].id } }),
        201,
      );
      const say = (text: string) =>
        client.request('POST', `/organizations/${a.id}/training/sessions/${session.id}/messages`, { token: a.manager.token }, { body: { text } });
      fake.enqueue({ kind: 'content', content: 'Hello, I am here for the car.' });
      expect(parseEvents((await say('Welcome!')).body).at(-1)).toMatchObject({ event: 'done' });

      fake.enqueue({ kind: 'hang' });
      const started = Date.now();
      const problem = await problemOf(say('Shall we talk about GAP?'), 503, 'AI.UNAVAILABLE');
      expect(problem.detail).toMatch(/did not answer in time/);
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1500);

      fake.enqueue({ kind: 'hang' });
      const finished = await client.expectOk(
        client.request('POST', `/organizations/${a.id}/training/sessions/${session.id}/finish`, { token: a.manager.token }),
      );
      expect(finished.score.scored_by).toBe('rules');
    });
  });
});
