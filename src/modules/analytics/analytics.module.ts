import { DynamicModule, Module } from '@nestjs/common';
import { moduleConfigProvider } from '../../platform/config/config.module';
import { OrganizationAnalyticsQuery } from './application/organization-analytics.query';
import { BackfillAnalyticsUseCase } from './application/backfill-analytics.use-case';
import {
  ANALYTICS_AUDIT,
  ANALYTICS_ORGANIZATIONS,
  ANALYTICS_SETTINGS,
  ANALYTICS_SOURCES,
  AnalyticsSettings,
  LISTING_VIEWS,
  REPORT_CACHE,
} from './application/ports';
import { RecordActivityUseCase } from './application/record-activity.use-case';
import {
  FacadeAnalyticsOrganizations,
  FacadeAnalyticsSources,
  MarketplaceListingViews,
  OrganizationsAnalyticsAudit,
  RedisReportCache,
} from './infrastructure/adapters/facade-adapters';
import { AnalyticsEventHandlers } from './infrastructure/events/analytics-event-handlers';
import { AdminAnalyticsController, OrganizationAnalyticsController } from './infrastructure/http/analytics.controller';
import { analyticsUnitOfWork } from './infrastructure/persistence/sql-analytics.repository';
import { AnalyticsDemoSeeder } from './infrastructure/seed/analytics-demo.seeder';

/**
 * The analytics context: per-organization figures by day, rolled up by its
 * handlers of marketplace, commerce, bookings and ai events into its own
 * tables, plus listing views read through the marketplace's facade.
 */
@Module({})
export class AnalyticsModule {
  static register(options: { processJobs: boolean; serveHttp: boolean }): DynamicModule {
    return {
      module: AnalyticsModule,
      controllers: options.serveHttp ? [OrganizationAnalyticsController, AdminAnalyticsController] : [],
      providers: [
        analyticsUnitOfWork,
        moduleConfigProvider<AnalyticsSettings>(ANALYTICS_SETTINGS, (read) => ({
          cacheTtlSeconds: read.int('ANALYTICS_CACHE_TTL_SECONDS', 60, 1, 3600),
        })),
        { provide: LISTING_VIEWS, useClass: MarketplaceListingViews },
        { provide: ANALYTICS_ORGANIZATIONS, useClass: FacadeAnalyticsOrganizations },
        { provide: REPORT_CACHE, useClass: RedisReportCache },
        { provide: ANALYTICS_SOURCES, useClass: FacadeAnalyticsSources },
        { provide: ANALYTICS_AUDIT, useClass: OrganizationsAnalyticsAudit },
        RecordActivityUseCase,
        BackfillAnalyticsUseCase,
        AnalyticsDemoSeeder,
        OrganizationAnalyticsQuery,
        // Registered in every process: the relay needs to know who subscribes.
        AnalyticsEventHandlers,
      ],
    };
  }
}
