import { DynamicModule, Module } from '@nestjs/common';
import { CatalogApi } from './application/catalog.api';
import { CATALOG_AUDIT_LOG, CATALOG_CHANGES, VEHICLE_BRAND_REPOSITORY, VEHICLE_MODEL_REPOSITORY, VEHICLE_TYPE_REPOSITORY } from './application/ports';
import { VehicleBrandsService } from './application/vehicle-brands.service';
import { VehicleModelsService } from './application/vehicle-models.service';
import { VehicleTypesService } from './application/vehicle-types.service';
import { OrganizationsCatalogAuditLog } from './infrastructure/adapters/organizations-audit-log';
import { CacheCatalogChanges } from './infrastructure/cache/cache-catalog-changes';
import { CatalogResponses } from './infrastructure/http/catalog-responses';
import { VehicleBrandsController } from './infrastructure/http/vehicle-brands.controller';
import { VehicleModelsController } from './infrastructure/http/vehicle-models.controller';
import { VehicleTypesController } from './infrastructure/http/vehicle-types.controller';
import { TypeOrmVehicleBrandRepository } from './infrastructure/persistence/typeorm-vehicle-brand.repository';
import { TypeOrmVehicleModelRepository } from './infrastructure/persistence/typeorm-vehicle-model.repository';
import { TypeOrmVehicleTypeRepository } from './infrastructure/persistence/typeorm-vehicle-type.repository';

/**
 * The catalog context: vehicle types, brands and models, the reference data
 * bookings and the marketplace point at. Reads are public and cached in Redis
 * (platform CacheStore); writes are for platform admins, audited as `catalog.*`. Its tables are
 * written with SQL (generated search and year-range columns, arrays), so it
 * registers no TypeORM entities. Global, so other contexts (bookings,
 * marketplace) inject CatalogApi without registering the module again.
 */
@Module({})
export class CatalogModule {
  static register(options: { serveHttp: boolean }): DynamicModule {
    return {
      module: CatalogModule,
      // Global so other contexts (ai, marketplace, bookings) inject CatalogApi without a second instance of the module.
      global: true,
      controllers: options.serveHttp ? [VehicleTypesController, VehicleBrandsController, VehicleModelsController] : [],
      providers: [
        { provide: VEHICLE_TYPE_REPOSITORY, useClass: TypeOrmVehicleTypeRepository },
        { provide: VEHICLE_BRAND_REPOSITORY, useClass: TypeOrmVehicleBrandRepository },
        { provide: VEHICLE_MODEL_REPOSITORY, useClass: TypeOrmVehicleModelRepository },
        { provide: CATALOG_CHANGES, useClass: CacheCatalogChanges },
        { provide: CATALOG_AUDIT_LOG, useClass: OrganizationsCatalogAuditLog },
        VehicleTypesService,
        VehicleBrandsService,
        VehicleModelsService,
        CatalogResponses,
        CatalogApi,
      ],
      exports: [CatalogApi],
    };
  }
}
