import { DataSource, QueryRunner } from 'typeorm';
import { expectProblem } from '../../support/problem';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';

/**
 * With every pool connection busy, a request waits DATABASE_ACQUIRE_TIMEOUT_MS
 * for one and is then answered 503 DATABASE.BUSY with Retry-After: never a
 * hang, never a 500. Once a connection is free again, requests are served.
 */
describe('database pool exhausted', () => {
  let t: TestApp;
  let held: QueryRunner | undefined;
  beforeAll(async () => {
    t = await createTestApp({
      config: testConfig({ DATABASE_POOL_MAX: '1', DATABASE_ACQUIRE_TIMEOUT_MS: '300', AUTH_RATE_LIMIT_MAX: '100000' }),
    });
  });
  afterAll(async () => {
    await held?.release();
    await t.close();
  });

  const login = () => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody-pool@example.test', password: 'Wrong#Pass99' } });

  it('answers 503 with Retry-After within the acquire timeout, then recovers', async () => {
    held = t.app.get(DataSource).createQueryRunner();
    await held.connect();
    const started = Date.now();
    const busy = await login();
    expect(Date.now() - started).toBeLessThan(3000);
    expectProblem(busy, 503, 'DATABASE.BUSY');
    expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
    await held.release();
    held = undefined;
    expectProblem(await login(), 401);
  });
});
