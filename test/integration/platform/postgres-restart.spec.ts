import { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/platform/config/config.schema';
import { runMigrations } from '../../../src/platform/database/migrate';
import { freePort } from '../../../src/platform/infra/free-port';
import { ensureDatabase } from '../../../src/platform/infra/local-postgres';
import { PostgresCluster } from '../../support/postgres-cluster';
import { expectProblem } from '../../support/problem';
import { waitFor } from '../../support/processes';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';

describe('Postgres restart', () => {
  let cluster: PostgresCluster;
  let t: TestApp;

  beforeAll(async () => {
    cluster = new PostgresCluster(await freePort());
    await cluster.start();
    await ensureDatabase(cluster.url(), 'revsync_restart');
    await runMigrations(loadConfig({ NODE_ENV: 'test' }), cluster.url('revsync_restart'));
    t = await createTestApp({ config: testConfig({ DATABASE_URL: cluster.url('revsync_restart') }) });
  });
  afterAll(async () => {
    await t?.close();
    await cluster?.destroy();
  });

  const ready = () => t.app.inject({ method: 'GET', url: '/api/v1/health/ready' });

  it('reports the database down while it is stopped, then the pool recovers without an app restart', async () => {
    expect((await ready()).statusCode).toBe(200);
    await cluster.stop();
    const down = await waitFor(
      async () => {
        const res = await ready();
        return res.statusCode === 503 && res;
      },
      10_000,
      'readiness to report the database down',
    );
    expect(expectProblem(down, 503, 'HEALTH.NOT_READY').checks).toEqual(expect.objectContaining({ database: 'down' }));

    await cluster.start();
    await waitFor(async () => (await ready()).statusCode === 200, 20_000, 'readiness to recover');
    const db = t.app.get(DataSource);
    for (let i = 0; i < 20; i += 1) {
      expect(await db.query('SELECT count(*)::int AS n FROM outbox_messages')).toEqual([{ n: expect.any(Number) }]);
    }
  });
});
