import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/platform/config/config.schema';
import { runMigrations } from '../../src/platform/database/migrate';
import { freePort } from '../../src/platform/infra/free-port';
import { ensureDatabase, startEmbeddedPostgres } from '../../src/platform/infra/local-postgres';
import { provideRedis } from '../../src/platform/infra/local-redis';

export interface TestInfra {
  stop(): Promise<void>;
}

/**
 * One database and one Redis per test run, so parallel runs and a dev server
 * never share rows or steal each other's jobs. Postgres is an embedded server in
 * a throw-away folder unless TEST_DATABASE_URL points at one (then a fresh
 * database in it); Redis is a fresh redis-server unless TEST_REDIS_URL is given
 * (then a unique key prefix). Workers inherit the resulting environment.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const stops: Array<() => Promise<void>> = [];
  let adminUrl = process.env.TEST_DATABASE_URL;
  let dataDir: string | undefined;
  if (!adminUrl) {
    mkdirSync(resolve('.tmp'), { recursive: true });
    dataDir = mkdtempSync(join(resolve('.tmp'), 'pg-'));
    chmodSync(dataDir, 0o755); // the server runs as the postgres user when we are root
    const postgres = await startEmbeddedPostgres(join(dataDir, 'data'), await freePort(), { durable: false });
    adminUrl = postgres.adminUrl;
    stops.push(() => postgres.stop());
  }
  const databaseName = `revsync_test_${runId}`;
  await ensureDatabase(adminUrl, databaseName);
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${databaseName}`;

  const redis = await provideRedis(process.env.TEST_REDIS_URL);
  stops.unshift(() => redis.stop());

  await runMigrations(loadConfig({ NODE_ENV: 'test' }), databaseUrl.toString());

  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL = databaseUrl.toString();
  process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
  process.env.TEST_DATABASE_NAME = databaseName;
  process.env.REDIS_URL = redis.url;
  process.env.QUEUE_PREFIX = `revsync-test-${runId}`;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  (globalThis as { __TEST_INFRA__?: TestInfra }).__TEST_INFRA__ = {
    stop: async () => {
      for (const stop of stops) await stop().catch(() => undefined);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
