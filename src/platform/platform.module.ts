import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard';
import { RolesGuard } from './auth/roles.guard';
import { TenantGuard } from './auth/tenant.guard';
import { CacheModule } from './cache/cache.module';
import { ConfigModule } from './config/config.module';
import type { AppConfig } from './config/config.schema';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { RateLimitModule } from './http/rate-limit';
import { RateLimitGuard } from './http/rate-limit.guard';
import { MediaTypeGuard } from './http/media-type.guard';
import { NotificationsModule } from './notifications/notifications.module';
import { QueuesModule } from './queues/queues.module';
import { StorageModule } from './storage/storage.module';

/** Shared plumbing every context stands on. `processJobs` loads the Bull processors. */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, options: { processJobs: boolean }): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        QueuesModule,
        CacheModule,
        RateLimitModule,
        NotificationsModule.register(options),
        EventsModule.register(options),
        HealthModule,
        StorageModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: MediaTypeGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: TenantGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
