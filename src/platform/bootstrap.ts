import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger as PinoLogger } from 'pino';
import type { AppModuleOptions, ApplicationRoot } from './application-root';
import { AppConfig, ConfigError, loadConfig } from './config/config.schema';
import { createHttpApp } from './http/http-app';
import { createRootLogger, PinoNestLogger } from './observability/logger';
import { QueueMonitor } from './queues/queue-monitor';
import { startMetricsServer } from './observability/metrics-server';

export interface RunningProcess {
  config: AppConfig;
  url?: string;
  stop(signal?: string): Promise<void>;
}

/** Reads and validates configuration, or exits naming every bad variable. */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/**
 * Starts the API (and, when `processJobs`, the Bull processors in the same process).
 * Shutdown order matters: stop accepting requests and let in-flight ones finish,
 * then let active jobs finish, and only then close the database and Redis.
 */
export async function startApi(
  root: ApplicationRoot,
  config: AppConfig,
  logger: PinoLogger = createRootLogger(config.log.level),
  extraImports: AppModuleOptions['extraImports'] = [],
): Promise<RunningProcess> {
  const processJobs = config.processRole === 'all';
  const app = await createHttpApp(root, config, logger, { processJobs, serveHttp: true, extraImports });
  try {
    await app.listen({ port: config.http.port, host: config.http.host });
  } catch (error) {
    // Initialized but not listening (the port is taken): its relays, schedulers and processors already run; stop
    // them before the caller stops the Postgres and Redis under them.
    await app.close().catch(() => undefined);
    throw error;
  }
  const url = await app.getUrl();
  logger.info({ url, process_role: config.processRole }, 'api listening');
  const stop = once(async (signal?: string) => {
    logger.info({ signal }, 'shutting down: draining HTTP');
    await app.getHttpAdapter().close();
    logger.info('http drained');
    await app.get(QueueMonitor).drain();
    logger.info('queues drained');
    await app.close();
    logger.info('shutdown complete');
  });
  return { config, url: url.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost'), stop };
}

export async function startWorker(root: ApplicationRoot, config: AppConfig, logger: PinoLogger = createRootLogger(config.log.level)): Promise<RunningProcess> {
  const context: INestApplicationContext = await NestFactory.createApplicationContext(root.register(config, { processJobs: true, serveHttp: false }), {
    logger: new PinoNestLogger(logger),
  });
  await context.init();
  const monitor = context.get(QueueMonitor);
  const metrics = config.queues.workerMetricsPort
    ? await startMetricsServer(config.http.host, config.queues.workerMetricsPort, () => monitor.refreshDepths())
    : undefined;
  logger.info({ process_role: 'worker', metrics_port: config.queues.workerMetricsPort || undefined }, 'worker processing jobs');
  const stop = once(async (signal?: string) => {
    logger.info({ signal }, 'shutting down: finishing active jobs');
    metrics?.close();
    await monitor.drain();
    await context.close();
    logger.info('shutdown complete');
  });
  return { config, stop };
}

/** SIGTERM/SIGINT run `stop` once, then exit; a second signal forces the exit. */
export function exitOnSignals(running: RunningProcess, logger: PinoLogger): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    const force = setTimeout(() => {
      logger.error({ signal }, 'shutdown grace period elapsed: exiting');
      process.exit(1);
    }, running.config.queues.shutdownGraceMs + 5000);
    force.unref();
    running
      .stop(signal)
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}

function once<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  let running: Promise<void> | undefined;
  return (...args: A) => (running ??= fn(...args));
}
