import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '../../src/platform/config/config.schema';

/** The run's configuration plus overrides; each call gets its own queue prefix unless one is given. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    QUEUE_PREFIX: `${process.env.QUEUE_PREFIX ?? 'revsync-test'}-${randomBytes(4).toString('hex')}`,
    QUEUE_BACKOFF_MS: '50',
    // Uploaded files of the test runs stay out of the working tree.
    STORAGE_LOCAL_DIR: process.env.STORAGE_LOCAL_DIR ?? join(tmpdir(), 'revsync-test-storage'),
    ...overrides,
  });
}

export function testEnv(config: AppConfig, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    // Spawned processes log at info: tests wait for their start-up lines.
    LOG_LEVEL: 'info',
    DATABASE_URL: config.database.url ?? '',
    REDIS_URL: config.redis.url ?? '',
    QUEUE_PREFIX: config.redis.keyPrefix,
    QUEUE_BACKOFF_MS: String(config.queues.backoffMs),
    ...overrides,
  };
}
