import { randomUUID } from 'node:crypto';
import { RollUpInteractionsUseCase } from '../../../src/modules/ai/application/use-cases/roll-up-interactions.use-case';
import { JobQueue } from '../../../src/platform/queues/job-queue';
import type { TestApp } from '../../support/test-app';
import { Actor, AiClient, aiApp, problemOf } from './ai-test-kit';

describe('AI interaction tracking', () => {
  let t: TestApp;
  let client: AiClient;
  let rider: Actor;
  const listingA = randomUUID();
  const listingB = randomUUID();
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

  beforeAll(async () => {
    t = await aiApp({ AI_INTERACTION_BATCHES_PER_MINUTE: '8', AI_INTERACTIONS_RAW_RETENTION_DAYS: '2' }, true);
    client = new AiClient(t);
    rider = await client.signUp('tracker');
  });
  afterAll(() => t.close());

  const post = (actor: Actor, events: unknown[]) => client.request('POST', '/ai/interactions', { token: actor.token }, { body: { events } });
  const stored = async (userId: string) =>
    (await client.db.query(`SELECT client_event_id, type, listing_id, rating FROM ai_interactions WHERE user_id = $1 ORDER BY client_event_id`, [
      userId,
    ])) as Array<{
      client_event_id: string;
      type: string;
      listing_id: string;
      rating: number | null;
    }>;

  describe('successful batches', () => {
    it('stores a batch and ignores events sent again, in a later batch or twice in one', async () => {
      const events = [
        { client_event_id: 'e1', type: 'view', listing_id: listingA, occurred_at: minutesAgo(5) },
        { client_event_id: 'e2', type: 'save', listing_id: listingA, occurred_at: minutesAgo(4) },
        { client_event_id: 'e3', type: 'rate', listing_id: listingB, occurred_at: minutesAgo(3), rating: 5 },
      ];
      expect(await client.expectOk(post(rider, events), 202)).toEqual({ received: 3, stored: 3, duplicates: 0, rejected: 0 });
      const again = [...events, { client_event_id: 'e4', type: 'purchase', listing_id: listingB, occurred_at: minutesAgo(1) }, events[0]];
      expect(await client.expectOk(post(rider, again), 202)).toEqual({ received: 5, stored: 1, duplicates: 4, rejected: 0 });
      expect(await stored(rider.userId)).toEqual([
        { client_event_id: 'e1', type: 'view', listing_id: listingA, rating: null },
        { client_event_id: 'e2', type: 'save', listing_id: listingA, rating: null },
        { client_event_id: 'e3', type: 'rate', listing_id: listingB, rating: 5 },
        { client_event_id: 'e4', type: 'purchase', listing_id: listingB, rating: null },
      ]);
    });

    it('keeps one person’s event ids apart from another’s', async () => {
      const other = await client.signUp('tracker-2');
      const body = await client.expectOk(post(other, [{ client_event_id: 'e1', type: 'click', listing_id: listingA, occurred_at: minutesAgo(1) }]), 202);
      expect(body.stored).toBe(1);
      expect((await stored(other.userId)).map((e) => e.type)).toEqual(['click']);
    });

    it('ignores events older than the raw retention or from the future', async () => {
      const someone = await client.signUp('tracker-3');
      const body = await client.expectOk(
        post(someone, [
          { client_event_id: 'old', type: 'view', listing_id: listingA, occurred_at: minutesAgo(3 * 24 * 60) },
          { client_event_id: 'future', type: 'view', listing_id: listingA, occurred_at: new Date(Date.now() + 3_600_000).toISOString() },
          { client_event_id: 'now', type: 'view', listing_id: listingA, occurred_at: minutesAgo(0) },
        ]),
        202,
      );
      expect(body).toEqual({ received: 3, stored: 1, duplicates: 0, rejected: 1 + 1 });
    });

    it('rolls old raw events up into daily counts (the worker schedules it), keeping the totals', async () => {
      const queue = t.app.get(JobQueue).queue('ai');
      expect((await queue.getRepeatableJobs()).map((job) => job.name)).toContain('ai.interactions.rollup');
      const someone = await client.signUp('tracker-4');
      const events = Array.from({ length: 30 }, (_, i) => ({
        client_event_id: `r${i}`,
        type: i % 3 === 0 ? 'save' : 'view',
        listing_id: i % 2 ? listingA : listingB,
        occurred_at: minutesAgo(60 + i),
      }));
      await client.expectOk(post(someone, events), 202);
      const before = await client.db.query(`SELECT type, count(*)::int AS n FROM ai_interactions WHERE user_id = $1 GROUP BY type ORDER BY type`, [
        someone.userId,
      ]);
      const moved = await t.app.get(RollUpInteractionsUseCase).execute(new Date(Date.now() + 3 * 86_400_000));
      expect(moved).toBeGreaterThanOrEqual(30);
      expect(await stored(someone.userId)).toEqual([]);
      const after = await client.db.query(`SELECT type, sum(events)::int AS n FROM ai_interaction_rollups WHERE user_id = $1 GROUP BY type ORDER BY type`, [
        someone.userId,
      ]);
      expect(after).toEqual(before);
    });
  });

  describe('failing batches', () => {
    it('refuses anonymous callers, empty or oversized batches, and malformed events', async () => {
      await problemOf(client.request('POST', '/ai/interactions', undefined, { body: { events: [] } }), 401);
      const someone = await client.signUp('tracker-5');
      await problemOf(post(someone, []), 400);
      const tooMany = Array.from({ length: 101 }, (_, i) => ({ client_event_id: `x${i}`, type: 'view', listing_id: listingA, occurred_at: minutesAgo(1) }));
      await problemOf(post(someone, tooMany), 400);
      await problemOf(post(someone, [{ client_event_id: 'a', type: 'like', listing_id: listingA, occurred_at: minutesAgo(1) }]), 400);
      await problemOf(post(someone, [{ client_event_id: 'a', type: 'rate', listing_id: listingA, occurred_at: minutesAgo(1) }]), 400);
      await problemOf(post(someone, [{ client_event_id: 'a', type: 'view', listing_id: listingA, occurred_at: minutesAgo(1), rating: 3 }]), 400);
      await problemOf(post(someone, [{ client_event_id: 'a b', type: 'view', listing_id: 'nope', occurred_at: 'yesterday' }]), 400);
      expect(await stored(someone.userId)).toEqual([]);
    });

    it('limits the batches one person sends per minute (429 with Retry-After), others unaffected', async () => {
      const [busy, calm] = await Promise.all([client.signUp('busy'), client.signUp('calm')]);
      const one = (i: number) => [{ client_event_id: `b${i}`, type: 'view', listing_id: listingA, occurred_at: minutesAgo(0) }];
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await post(busy, one(i))).statusCode);
      // A minute boundary during the loop may reset the window once.
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
      const limited = await post(busy, one(99));
      if (limited.statusCode === 429) expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await post(calm, one(1))).statusCode).toBe(202);
    });
  });
});
