import { Client } from 'pg';
import { dropDatabase } from '../../src/platform/infra/local-postgres';
import type { TestInfra } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  const name = process.env.TEST_DATABASE_NAME;
  if (adminUrl && name) {
    // The run's database and those test files made for themselves (test/support/own-database.ts).
    const databases = await ownedDatabases(adminUrl, name).catch(() => [name]);
    for (const database of databases) await dropDatabase(adminUrl, database).catch(() => undefined);
  }
  await (globalThis as { __TEST_INFRA__?: TestInfra }).__TEST_INFRA__?.stop();
}

async function ownedDatabases(adminUrl: string, name: string): Promise<string[]> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $2)', [name, `${name}_`]);
    return found.rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}
