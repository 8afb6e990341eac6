import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { freePort } from '../../../src/platform/infra/free-port';
import { LocalRedis, startRedisServer } from '../../../src/platform/infra/local-redis';
import { RedisThrottlerStorage } from '../../../src/platform/http/redis-throttler.storage';
import { expectProblem } from '../../support/problem';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';

/**
 * HTTP rate limits live in Redis (@nestjs/throttler with RedisThrottlerStorage):
 * one limit holds across every API process, and a Redis outage lets requests
 * through instead of failing them.
 */
const refresh = (t: TestApp, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: 'x'.repeat(43) }, remoteAddress: ip });

describe('rate limits shared through Redis', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    // Two API instances of one deployment: the same Redis and the same key prefix.
    const shared = { AUTH_RATE_LIMIT_MAX: '4', AUTH_RATE_LIMIT_TTL_MS: '60000', QUEUE_PREFIX: `revsync-test-rl-${randomBytes(4).toString('hex')}` };
    first = await createTestApp({ config: testConfig(shared) });
    second = await createTestApp({ config: testConfig(shared) });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('counts the hits of both instances against one limit', async () => {
    const ip = '10.50.0.1';
    const remaining: string[] = [];
    for (const t of [first, second, first, second]) {
      const res = await refresh(t, ip);
      expect(res.statusCode).not.toBe(429);
      remaining.push(String(res.headers['x-ratelimit-remaining-auth']));
    }
    expect(remaining).toEqual(['3', '2', '1', '0']);
    const limited = await refresh(first, ip);
    expectProblem(limited, 429, 'HTTP.RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expectProblem(await refresh(second, ip), 429, 'HTTP.RATE_LIMITED');
    // Another client is not affected.
    expect((await refresh(second, '10.50.0.2')).statusCode).not.toBe(429);
  });
});

describe('RedisThrottlerStorage', () => {
  let redis: LocalRedis;
  let storage: RedisThrottlerStorage;
  beforeAll(async () => {
    const binary = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
    redis = await startRedisServer(binary, await freePort());
    storage = new RedisThrottlerStorage(testConfig({ REDIS_URL: redis.url, QUEUE_PREFIX: 'revsync-rl-storage' }));
    await storage.onModuleInit();
  });
  afterAll(async () => {
    await storage?.onApplicationShutdown();
    await redis?.stop();
  });

  it('counts hits in a window, blocks past the limit, and starts afresh when the block ends', async () => {
    const hit = () => storage.increment('ip-1', 1500, 2, 1500, 'auth');
    expect(await hit()).toEqual(expect.objectContaining({ totalHits: 1, isBlocked: false }));
    expect(await hit()).toEqual(expect.objectContaining({ totalHits: 2, isBlocked: false }));
    const blocked = await hit();
    expect(blocked).toEqual(expect.objectContaining({ totalHits: 3, isBlocked: true, timeToBlockExpire: 2 }));
    // A hit during the block is not counted.
    expect(await hit()).toEqual(expect.objectContaining({ totalHits: 3, isBlocked: true }));
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(await hit()).toEqual(expect.objectContaining({ totalHits: 1, isBlocked: false }));
  });

  it('keeps keys and throttler names apart', async () => {
    await storage.increment('ip-2', 1000, 1, 1000, 'auth');
    expect((await storage.increment('ip-2', 1000, 1, 1000, 'auth')).isBlocked).toBe(true);
    expect((await storage.increment('ip-3', 1000, 1, 1000, 'auth')).isBlocked).toBe(false);
    expect((await storage.increment('ip-2', 1000, 1, 1000, 'default')).isBlocked).toBe(false);
  });

  describe('a large limit, counted in leases', () => {
    let other: RedisThrottlerStorage;
    beforeAll(async () => {
      // A second API process of the same deployment.
      other = new RedisThrottlerStorage(testConfig({ REDIS_URL: redis.url, QUEUE_PREFIX: 'revsync-rl-storage' }));
      await other.onModuleInit();
    });
    afterAll(() => other?.onApplicationShutdown());

    const evalCalls = async (): Promise<number> => {
      const client = new Redis(redis.url);
      try {
        const stats = await client.info('commandstats');
        return Number(/cmdstat_evalsha:calls=(\d+)/.exec(stats)?.[1] ?? 0) + Number(/cmdstat_eval:calls=(\d+)/.exec(stats)?.[1] ?? 0);
      } finally {
        client.disconnect();
      }
    };

    it('hands out hits in order from each process lease', async () => {
      // limit 100: leases of 2 hits.
      const hit = (s: RedisThrottlerStorage) => s.increment('ip-lease-order', 60_000, 100, 60_000, 'default');
      const totals: number[] = [];
      for (const s of [storage, other, storage, other, storage]) totals.push((await hit(s)).totalHits);
      expect(totals).toEqual([1, 3, 2, 4, 5]);
    });

    it('never lets two processes past the limit together, with one Redis call per lease', async () => {
      const limit = 505; // leases of 10 hits, the last one short
      const before = await evalCalls();
      const results = await Promise.all(
        Array.from({ length: 650 }, (_, i) => (i % 2 === 0 ? storage : other).increment('ip-lease-shared', 60_000, limit, 60_000, 'default')),
      );
      const allowedHits = results.filter((r) => !r.isBlocked).length;
      expect(allowedHits).toBeLessThanOrEqual(limit);
      // Each process holds back at most one lease short of its last hit.
      expect(allowedHits).toBeGreaterThanOrEqual(limit - 2 * 9);
      expect(results.slice(-10).every((r) => r.isBlocked && r.timeToBlockExpire > 0)).toBe(true);
      const calls = (await evalCalls()) - before;
      expect(calls).toBeLessThanOrEqual(Math.ceil(limit / 10) + 4);
      // Blocked in both processes, for every later request, without asking Redis again.
      const blockedCalls = await evalCalls();
      for (const s of [storage, other]) expect((await s.increment('ip-lease-shared', 60_000, limit, 60_000, 'default')).isBlocked).toBe(true);
      expect(await evalCalls()).toBe(blockedCalls);
    });

    it('starts afresh when the window ends', async () => {
      const hit = () => storage.increment('ip-lease-window', 1200, 100, 1200, 'default');
      expect((await hit()).totalHits).toBe(1);
      expect((await hit()).totalHits).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 1300));
      expect(await hit()).toEqual(expect.objectContaining({ totalHits: 1, isBlocked: false }));
    });
  });

  it('fails open: with Redis down every hit is allowed, quickly', async () => {
    await storage.increment('ip-4', 60_000, 1, 60_000, 'auth');
    expect((await storage.increment('ip-4', 60_000, 1, 60_000, 'auth')).isBlocked).toBe(true);
    await redis.stop();
    const started = Date.now();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await storage.increment('ip-4', 60_000, 1, 60_000, 'auth')).toEqual({ totalHits: 0, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
