import { DynamicModule, Module } from '@nestjs/common';
import { DashboardQuery } from './application/dashboard.query';
import { AdminAuditLog } from './application/audit-log';
import { AdminModeration } from './application/moderation';
import { AdminUsers } from './application/users';
import { AdminCatalog } from './application/catalog';
import { AdminFlags } from './application/flags';
import { AdminCatalogController } from './infrastructure/http/admin-catalog.controller';
import { AdminModerationController } from './infrastructure/http/admin-moderation.controller';
import { AdminController } from './infrastructure/http/admin.controller';
import { AdminUsersController } from './infrastructure/http/admin-users.controller';
import { ADMIN_OPS_CONTROLLERS, ADMIN_OPS_PROVIDERS } from './admin-ops.providers';

/**
 * The operators' context: the admin API the console (admin-console/, served at /admin) calls. It owns no
 * table: it reads and acts through the other contexts' facades, whose use cases validate, audit and publish.
 */
@Module({})
export class AdminModule {
  static register(options: { processJobs: boolean; serveHttp: boolean }): DynamicModule {
    return {
      module: AdminModule,
      controllers: options.serveHttp
        ? [AdminController, AdminUsersController, AdminModerationController, AdminCatalogController, ...ADMIN_OPS_CONTROLLERS]
        : [],
      providers: [DashboardQuery, AdminModeration, AdminUsers, AdminAuditLog, AdminFlags, AdminCatalog, ...ADMIN_OPS_PROVIDERS],
    };
  }
}
