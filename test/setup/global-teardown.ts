import { dropDatabase } from '../../src/platform/infra/local-postgres';
import type { TestInfra } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  const name = process.env.TEST_DATABASE_NAME;
  if (adminUrl && name) await dropDatabase(adminUrl, name).catch(() => undefined);
  await (globalThis as { __TEST_INFRA__?: TestInfra }).__TEST_INFRA__?.stop();
}
