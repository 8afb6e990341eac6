import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import type { AppConfig } from '../config/config.schema';
import { entryKey, versionKey } from './cache-keys';
import { CacheStore } from './cache.store';

/**
 * Against the run's real redis-server (REDIS_URL from the jest global setup),
 * each test with its own key prefix; and against a port where nothing answers.
 */
async function storeOn(url: string | undefined): Promise<{ store: CacheStore; prefix: string }> {
  const prefix = `cache-spec-${randomBytes(4).toString('hex')}`;
  const store = new CacheStore({ redis: { url, keyPrefix: prefix } } as AppConfig);
  await store.onModuleInit();
  return { store, prefix };
}

beforeAll(() => Logger.overrideLogger(false));

function counter(value = 'v') {
  const calls = { count: 0 };
  const load = async () => {
    calls.count += 1;
    return `${value}${calls.count}`;
  };
  return { calls, load };
}

describe('CacheStore with Redis', () => {
  let store: CacheStore;
  let prefix: string;
  let redis: Redis;

  beforeEach(async () => {
    ({ store, prefix } = await storeOn(process.env.REDIS_URL));
    redis = new Redis(process.env.REDIS_URL!, { lazyConnect: true });
  });
  afterEach(async () => {
    await store.onApplicationShutdown();
    redis.disconnect();
  });

  it('loads once, then answers from Redis with the TTL it was given', async () => {
    const { calls, load } = counter();
    expect(await store.rememberString('things', 'a', 60, load)).toBe('v1');
    await new Promise((resolve) => setTimeout(resolve, 20)); // the write after a miss is not awaited
    expect(await store.rememberString('things', 'a', 60, load)).toBe('v1');
    expect(calls.count).toBe(1);
    const version = await redis.get(versionKey(prefix, 'things'));
    const ttl = await redis.pttl(entryKey(prefix, 'things', version!, 'a'));
    expect(ttl).toBeGreaterThan(59_000);
  });

  it('invalidates a whole namespace with one counter, leaving others alone', async () => {
    const things = counter('t');
    const others = counter('o');
    await store.rememberString('things', 'a', 60, things.load);
    await store.rememberString('things', 'b', 60, things.load);
    await store.rememberString('others', 'a', 60, others.load);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.invalidate('things');
    expect(await store.rememberString('things', 'a', 60, things.load)).toBe('t3');
    expect(await store.rememberString('others', 'a', 60, others.load)).toBe('o1');
  });

  it('never stores a value loaded before an invalidation where later reads look', async () => {
    let release!: () => void;
    const slow = store.rememberString('things', 'a', 60, () => new Promise<string>((resolve) => (release = () => resolve('stale'))));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.invalidate('things');
    release();
    expect(await slow).toBe('stale');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.rememberString('things', 'a', 60, async () => 'fresh')).toBe('fresh');
  });

  it('shares one load between concurrent misses', async () => {
    const { calls, load } = counter();
    const results = await Promise.all(Array.from({ length: 10 }, () => store.rememberString('things', 'a', 60, load)));
    expect(new Set(results)).toEqual(new Set(['v1']));
    expect(calls.count).toBe(1);
  });

  it('does not cache a failed load', async () => {
    await expect(store.rememberString('things', 'a', 60, () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await store.rememberString('things', 'a', 60, async () => 'ok')).toBe('ok');
  });

  it('starts a lost version counter above every old one, so old entries stay unreachable', async () => {
    await store.rememberString('things', 'a', 60, async () => 'old');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const old = await redis.get(versionKey(prefix, 'things'));
    await redis.del(versionKey(prefix, 'things'));
    expect(await store.rememberString('things', 'a', 60, async () => 'new')).toBe('new');
    expect(BigInt((await redis.get(versionKey(prefix, 'things')))!)).toBeGreaterThan(BigInt(old!));
  });

  it('round-trips JSON', async () => {
    await store.setJson('things', 'j', { n: 1, list: ['a'] }, 60);
    expect(await store.getJson('things', 'j')).toEqual({ n: 1, list: ['a'] });
    expect(await store.getJson('things', 'missing')).toBeUndefined();
    expect(await store.rememberJson('things', 'k', 60, async () => ({ ok: true }))).toEqual({ ok: true });
    await store.invalidate('things');
    expect(await store.getJson('things', 'j')).toBeUndefined();
  });

  it('refuses namespaces that could collide with the key layout', async () => {
    await expect(store.rememberString('Bad:Name', 'a', 60, async () => 'x')).rejects.toThrow(/namespace/);
  });
});

describe('CacheStore without a usable Redis', () => {
  it('falls through to the loader at once when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const { store } = await storeOn(`redis://127.0.0.1:${port}`);
    try {
      const { calls, load } = counter();
      const started = Date.now();
      expect(await store.rememberString('things', 'a', 60, load)).toBe('v1');
      expect(await store.rememberString('things', 'a', 60, load)).toBe('v2');
      expect(calls.count).toBe(2);
      expect(await store.getJson('things', 'a')).toBeUndefined();
      await expect(store.setJson('things', 'a', 1, 60)).resolves.toBeUndefined();
      await expect(store.invalidate('things')).resolves.toBeUndefined();
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      await store.onApplicationShutdown();
    }
  });

  it('falls through when Redis accepts connections but does not answer', async () => {
    // A TCP server that never speaks RESP: every command times out.
    const sockets = new Set<import('node:net').Socket>();
    const server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const prefix = `cache-spec-${randomBytes(4).toString('hex')}`;
    const store = new CacheStore({ redis: { url: `redis://127.0.0.1:${port}`, keyPrefix: prefix } } as AppConfig);
    // Skip the ready wait: the connection never becomes ready.
    void store.onModuleInit();
    try {
      const started = Date.now();
      expect(await store.rememberString('things', 'a', 60, async () => 'from the database')).toBe('from the database');
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await store.onApplicationShutdown();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('is off, not broken, without REDIS_URL', async () => {
    const { store } = await storeOn(undefined);
    const { calls, load } = counter();
    await store.rememberString('things', 'a', 60, load);
    await store.rememberString('things', 'a', 60, load);
    expect(calls.count).toBe(2);
    await store.invalidate('things');
  });
});
