import '../platform/infra/thread-pool.init';
import 'reflect-metadata';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { DemoSeeds } from '../platform/demo/demo-seed';
import { PinoNestLogger } from '../platform/observability/logger';
import { configOrExit, exitOnSignals, startApi } from '../platform/bootstrap';
import { runMigrations } from '../platform/database/migrate';
import { freePort } from '../platform/infra/free-port';
import { EmbeddedPostgresError, startEmbeddedPostgres } from '../platform/infra/local-postgres';
import { provideRedis, RedisUnavailableError } from '../platform/infra/local-redis';
import { createRootLogger } from '../platform/observability/logger';
import { collectProcessMetrics } from '../platform/observability/metrics';
import { QUEUE_DASHBOARD_PATH } from '../platform/queues/queue-dashboard';

const DEV_DATABASE = 'revsync_dev';

/** A start-up problem explained to the person at the terminal: printed as is, without a stack. */
class StartError extends Error {}

/** What this run started, stopped last-first: on Ctrl+C, and when the start fails half way. */
const started: Array<{ name: string; stop: () => Promise<void> }> = [];
async function stopEverything(): Promise<void> {
  while (started.length > 0) {
    const { stop } = started.pop()!;
    await stop().catch(() => undefined);
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.once('error', () => resolvePort(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolvePort(true)));
  });
}

/** postgres://user:***@host/db: the URL of a database someone else runs, without its password. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * `npm run dev`: one process with the API and the worker, on embedded Postgres
 * (data kept in .data/) unless DATABASE_URL is set, and on Redis from REDIS_URL
 * or a local redis-server. Migrates, seeds the demo data, then prints where
 * everything is. Listens on 127.0.0.1 unless HOST is set.
 */
async function main(): Promise<void> {
  const base = configOrExit({ PROCESS_ROLE: 'all', HOST: '127.0.0.1', ...process.env });
  collectProcessMetrics();
  const logger = createRootLogger(base.log.level, undefined, base.log.format);
  let databaseUrl = base.database.url;
  let embeddedPort: number | undefined;
  if (!databaseUrl) {
    embeddedPort = base.database.embeddedPort;
    if (!(await portIsFree(embeddedPort))) {
      if (process.env.EMBEDDED_PG_PORT) {
        throw new StartError(
          `Port ${embeddedPort} (EMBEDDED_PG_PORT) is already in use, so the embedded Postgres cannot listen on it.\n` +
            `Stop the program using it (\`lsof -i :${embeddedPort}\`), set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use a Postgres you run.`,
        );
      }
      const busy = embeddedPort;
      // The data directory does not depend on the port: the same data, served on another port this time.
      embeddedPort = await freePort();
      logger.warn(
        { busy_port: busy, port: embeddedPort },
        `port ${busy} is in use: embedded postgres uses port ${embeddedPort} this time (EMBEDDED_PG_PORT sets it)`,
      );
    }
    const postgres = await startEmbeddedPostgres(resolve(base.database.embeddedDir), embeddedPort, { durable: true, ownProcessGroup: true });
    started.push({ name: 'postgres', stop: () => postgres.stop() });
    await postgres.ensureDatabase(DEV_DATABASE);
    databaseUrl = postgres.databaseUrl(DEV_DATABASE);
    logger.info({ data_dir: base.database.embeddedDir, port: embeddedPort }, 'embedded postgres running');
  }
  const redis = await provideRedis(base.redis.url, (line) => logger.info(line), { ownProcessGroup: true });
  started.push({ name: 'redis', stop: () => redis.stop() });
  logger.info({ url: redis.url }, 'redis running');
  const config = {
    ...base,
    database: { ...base.database, url: databaseUrl, embeddedPort: embeddedPort ?? base.database.embeddedPort },
    redis: { ...base.redis, url: redis.url },
  };
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

  const api = await startApi(AppModule, config, logger);
  started.push({ name: 'api', stop: () => api.stop() });
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
      `  Database         ${embeddedPort ? databaseUrl : withoutPassword(databaseUrl)}  (psql "<this URL>")`,
      `  Redis            ${redis.url}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  exitOnSignals({ config, stop: stopEverything }, logger);
}

main().catch(async (error: unknown) => {
  const known = error instanceof StartError || error instanceof RedisUnavailableError || error instanceof EmbeddedPostgresError;
  const message = known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`dev environment failed to start: ${message}\n`);
  // Nothing this run started outlives it: a rejection left over from the failed start must not end the process
  // (Node's default) before Postgres and Redis are stopped.
  process.on('unhandledRejection', (reason) => process.stderr.write(`while stopping: ${reason instanceof Error ? reason.message : String(reason)}\n`));
  await stopEverything();
  process.exit(1);
});
