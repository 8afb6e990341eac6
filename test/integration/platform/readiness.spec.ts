import { execFileSync } from 'node:child_process';
import { freePort } from '../../../src/platform/infra/free-port';
import { LocalRedis, startRedisServer } from '../../../src/platform/infra/local-redis';
import { expectProblem } from '../../support/problem';
import { waitFor } from '../../support/processes';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';

const redisBinary = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();

describe('readiness follows its dependencies', () => {
  let redis: LocalRedis;
  let port: number;
  let t: TestApp;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedisServer(redisBinary, port);
    t = await createTestApp({ config: testConfig({ REDIS_URL: `redis://127.0.0.1:${port}` }) });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  const ready = () => t.app.inject({ method: 'GET', url: '/api/v1/health/ready' });

  it('is ready when database, Redis and queues answer', async () => {
    const res = await ready();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up', queue: 'up' } });
  });

  it('turns 503 naming Redis when Redis stops, keeps serving other routes, and recovers without a restart', async () => {
    await redis.stop();
    const down = await waitFor(
      async () => {
        const res = await ready();
        return res.statusCode === 503 && res;
      },
      10_000,
      'readiness to report 503',
    );
    const body = expectProblem(down, 503, 'HEALTH.NOT_READY');
    expect(body.detail).toMatch(/redis/);
    expect(body.detail).not.toMatch(/database/);
    expect(body.checks).toEqual({ database: 'up', redis: 'down', queue: 'down' });

    const live = await t.app.inject({ method: 'GET', url: '/api/v1/health/live' });
    expect(live.statusCode).toBe(200);

    redis = await startRedisServer(redisBinary, port);
    const up = await waitFor(
      async () => {
        const res = await ready();
        return res.statusCode === 200 && res;
      },
      20_000,
      'readiness to return to 200',
    );
    expect(up.json().checks).toEqual({ database: 'up', redis: 'up', queue: 'up' });
  });
});
