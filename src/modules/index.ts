import type { DynamicModule, Type } from '@nestjs/common';
import type { AppModuleOptions } from '../platform/application-root';
import { AdminModule } from './admin';
import { AiModule } from './ai';
import { AnalyticsModule } from './analytics';
import { BookingsModule } from './bookings';
import { CatalogModule } from './catalog';
import { CommerceModule } from './commerce';
import { CommunityModule } from './community';
import { IdentityModule } from './identity';
import { MessagingModule } from './messaging';
import { MarketplaceModule } from './marketplace';
import { OrganizationsModule } from './organizations';

/**
 * The bounded contexts loaded by the application. A context registers here with
 * a function that receives whether this process serves HTTP and processes jobs.
 */
export type ContextModuleFactory = (options: AppModuleOptions) => DynamicModule | Type;

export const CONTEXT_MODULES: ContextModuleFactory[] = [
  (options) => IdentityModule.register(options),
  (options) => CatalogModule.register(options),
  (options) => OrganizationsModule.register(options),
  (options) => AiModule.register(options),
  (options) => MarketplaceModule.register(options),
  (options) => CommerceModule.register(options),
  (options) => BookingsModule.register(options),
  (options) => MessagingModule.register(options),
  (options) => CommunityModule.register(options),
  (options) => AdminModule.register(options),
  (options) => AnalyticsModule.register(options),
];
