import Redis from 'ioredis';
import { freePort } from '../../../src/platform/infra/free-port';
import { closeRedis } from '../../../src/platform/infra/close-redis';
import { testConfig } from '../../support/test-config';

/**
 * Closing a Redis client leaves nothing running: closeRedis resolves once the
 * connection is gone (status `end`), so an application that closed has no
 * ioredis timer keeping its process (or a Jest worker) alive.
 */
describe('closeRedis', () => {
  const url = testConfig().redis.url!;

  it('a connected client: resolves with the connection closed and nothing left waiting', async () => {
    const redis = new Redis(url, { lazyConnect: true });
    await redis.connect();
    await redis.subscribe('close-redis-test');
    const timersBefore = process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;
    await closeRedis(redis);
    expect(redis.status).toBe('end');
    expect(process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length).toBeLessThanOrEqual(timersBefore);
  });

  it('a client that cannot connect: returns at once and stops reconnecting', async () => {
    const redis = new Redis(`redis://127.0.0.1:${await freePort()}`, { retryStrategy: () => 50, maxRetriesPerRequest: 0 });
    redis.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const started = Date.now();
    await closeRedis(redis);
    expect(Date.now() - started).toBeLessThan(500);
    let attempts = 0;
    redis.on('connecting', () => (attempts += 1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(attempts).toBe(0);
  });

  it('nothing to close: undefined, null or an ended client', async () => {
    await expect(closeRedis(undefined)).resolves.toBeUndefined();
    await expect(closeRedis(null)).resolves.toBeUndefined();
    const redis = new Redis(url, { lazyConnect: true });
    await redis.connect();
    await closeRedis(redis);
    await expect(closeRedis(redis)).resolves.toBeUndefined();
  });
});
