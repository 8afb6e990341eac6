import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import type { AppModuleOptions } from '../../src/app.module';
import type { AppConfig } from '../../src/platform/config/config.schema';
import { createHttpApp } from '../../src/platform/http/http-app';
import { createRootLogger } from '../../src/platform/observability/logger';
import { testConfig } from './test-config';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  close(): Promise<void>;
}

/** The real HTTP application on the run's Postgres and Redis, driven with fastify's inject. */
export async function createTestApp(
  options: { config?: AppConfig; processJobs?: boolean; logs?: pino.DestinationStream; extraImports?: AppModuleOptions['extraImports'] } = {},
): Promise<TestApp> {
  const config = options.config ?? testConfig();
  const logger = createRootLogger(options.logs ? 'info' : config.log.level, options.logs);
  const app = await createHttpApp(config, logger, { processJobs: options.processJobs ?? false, serveHttp: true, extraImports: options.extraImports });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, config, close: () => app.close() };
}
