import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger as PinoLogger } from 'pino';
import type { AppConfig } from '../../../../platform/config/config.schema';
import { PinoNestLogger } from '../../../../platform/observability/logger';
import { PlatformModule } from '../../../../platform/platform.module';
import { IdentityModule } from '../../../identity';
import { OrganizationsModule } from '../../organizations.module';
import { DemoDataSeeder } from './demo-data.seeder';

/**
 * Seeds the local demo data (see DemoDataSeeder) in a short-lived application
 * context with just what it needs, after migrations. `npm run dev` calls it;
 * it refuses to run in production.
 */
export async function seedDemoData(config: AppConfig, logger: PinoLogger): Promise<{ accountsCreated: number; organizationsCreated: number }> {
  if (config.nodeEnv === 'production') throw new Error('The demo data is for local use: it never runs in production.');

  @Module({
    imports: [
      PlatformModule.forRoot(config, { processJobs: false }),
      IdentityModule.register({ processJobs: false, serveHttp: false }),
      OrganizationsModule.register({ serveHttp: false }),
    ],
  })
  class DemoSeedModule {}

  const context = await NestFactory.createApplicationContext(DemoSeedModule, { logger: new PinoNestLogger(logger) });
  try {
    return await context.get(DemoDataSeeder).run();
  } finally {
    await context.close();
  }
}
