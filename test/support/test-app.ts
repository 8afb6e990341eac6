import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { AppModule, AppModuleOptions } from '../../src/app.module';
import type { AppConfig } from '../../src/platform/config/config.schema';
import { createHttpApp } from '../../src/platform/http/http-app';
import { createRootLogger } from '../../src/platform/observability/logger';
import { testConfig } from './test-config';
import { assertHygienic } from './response-hygiene';

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
  const app = await createHttpApp(AppModule, config, logger, {
    processJobs: options.processJobs ?? false,
    serveHttp: true,
    extraImports: options.extraImports,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app: checkEveryResponse(app), config, close: () => app.close() };
}

/** Every response of every suite goes through inject here and is scanned for leaks. */
function checkEveryResponse(app: NestFastifyApplication): NestFastifyApplication {
  const inject = app.inject.bind(app) as (options: unknown) => Promise<{ statusCode: number; body: string }>;
  const checkedInject = async (options: unknown) => {
    const response = await inject(options);
    const { method = 'GET', url = '' } = (typeof options === 'string' ? { url: options } : options) as { method?: string; url?: string };
    assertHygienic(method, url, response.statusCode, response.body);
    return response;
  };
  return new Proxy(app, {
    get: (target, property, receiver) => (property === 'inject' ? checkedInject : Reflect.get(target, property, receiver)),
  });
}
