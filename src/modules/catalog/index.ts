/** The catalog context's public surface: nothing else is imported from outside. */
export { CatalogModule } from './catalog.module';
export { CatalogApi } from './application/catalog.api';
export type {
  BrandListFilter,
  CatalogListStatus,
  CreateVehicleBrandInput,
  CreateVehicleModelInput,
  CreateVehicleTypeInput,
  ModelListFilter,
  TypeListFilter,
  UpdateVehicleBrandInput,
  UpdateVehicleModelInput,
  UpdateVehicleTypeInput,
} from './application/catalog.api';
export type { CatalogRef, CatalogStatus, VehicleBrandView, VehicleModelView, VehicleTypeView } from './domain/vehicle-catalog';
export { CATALOG_ERRORS } from './domain/catalog-errors';
export type { CatalogErrorCode } from './domain/catalog-errors';
