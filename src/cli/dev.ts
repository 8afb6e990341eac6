import '../platform/infra/thread-pool.init';
import 'reflect-metadata';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { DemoSeeds } from '../platform/demo/demo-seed';
import { PinoNestLogger } from '../platform/observability/logger';
import { configOrExit, exitOnSignals, startApi } from '../platform/bootstrap';
import { runMigrations } from '../platform/database/migrate';
import { LocalPostgres, startEmbeddedPostgres } from '../platform/infra/local-postgres';
import { provideRedis, RedisUnavailableError } from '../platform/infra/local-redis';
import { createRootLogger } from '../platform/observability/logger';
import { QUEUE_DASHBOARD_PATH } from '../platform/queues/queue-dashboard';

const DEV_DATABASE = 'revsync_dev';

/**
 * `npm run dev`: one process with the API and the worker, on embedded Postgres
 * (data kept in .data/) unless DATABASE_URL is set, and on Redis from REDIS_URL
 * or a local redis-server. Migrates, then prints where everything is.
 */
async function main(): Promise<void> {
  const base = configOrExit({ PROCESS_ROLE: 'all', ...process.env });
  const logger = createRootLogger(base.log.level);
  let postgres: LocalPostgres | undefined;
  let databaseUrl = base.database.url;
  if (!databaseUrl) {
    postgres = await startEmbeddedPostgres(resolve(base.database.embeddedDir), base.database.embeddedPort, { durable: true });
    await postgres.ensureDatabase(DEV_DATABASE);
    databaseUrl = postgres.databaseUrl(DEV_DATABASE);
    logger.info({ data_dir: base.database.embeddedDir, port: base.database.embeddedPort }, 'embedded postgres running');
  }
  const redis = await provideRedis(base.redis.url, (line) => logger.info(line));
  const config = { ...base, database: { ...base.database, url: databaseUrl }, redis: { ...base.redis, url: redis.url } };
  const applied = await runMigrations(config, databaseUrl);
  logger.info({ applied }, applied.length ? 'migrations applied' : 'database is up to date');
  // Every module's demo data (README "Demo accounts"); idempotent, and never in production.
  if (config.nodeEnv !== 'production') {
    const seeding = await NestFactory.createApplicationContext(AppModule.register(config, { processJobs: false, serveHttp: false }), {
      logger: new PinoNestLogger(logger),
    });
    try {
      await seeding.get(DemoSeeds).runAll(false);
    } finally {
      await seeding.close();
    }
  }

  const api = await startApi(config, logger);
  const url = api.url ?? config.http.publicUrl;
  process.stdout.write(
    [
      '',
      'RevSync is running (API + worker in one process)',
      `  API              ${url}/api/v1`,
      `  API docs         ${url}/api/docs`,
      `  OpenAPI JSON     ${url}/api/openapi.json`,
      `  Queue dashboard  ${url}${QUEUE_DASHBOARD_PATH}  (platform admins: open it once with ?access_token=<token>)`,
      `  Metrics          ${url}/metrics`,
      `  Health           ${url}/api/v1/health/ready`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  exitOnSignals(
    {
      config,
      stop: async (signal?: string) => {
        await api.stop(signal);
        await redis.stop();
        await postgres?.stop();
      },
    },
    logger,
  );
}

main().catch((error: unknown) => {
  const message = error instanceof RedisUnavailableError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`dev environment failed to start: ${message}\n`);
  process.exit(1);
});
