import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/platform/config/config.schema';
import { runMigrations } from '../../src/platform/database/migrate';
import { ensureDatabase } from '../../src/platform/infra/local-postgres';

/**
 * Gives the calling test file a freshly migrated database of its own in the
 * run's Postgres, for suites that assert on what a whole-database job does
 * (the demo seeders count what they create) and so cannot share rows with
 * files running beside them. Call it first inside `describe`: its hooks must
 * run before the suite boots an app, which reads DATABASE_URL then.
 */
export function useOwnDatabase(label: string): void {
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  const previous = process.env.DATABASE_URL;
  const name = `${process.env.TEST_DATABASE_NAME ?? 'revsync_test'}_${label}_${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    if (!adminUrl) throw new Error('TEST_ADMIN_DATABASE_URL is not set: run the tests through jest (global setup)');
    await ensureDatabase(adminUrl, name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    await runMigrations(loadConfig({ NODE_ENV: 'test' }), url.toString());
    process.env.DATABASE_URL = url.toString();
  }, 120_000);

  // The global teardown drops it with the run's database (its name starts with the run's):
  // dropping it here could cut the suite's own app off before its afterAll closes it.
  afterAll(() => {
    process.env.DATABASE_URL = previous;
  });
}
