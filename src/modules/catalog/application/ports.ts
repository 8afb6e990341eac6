import type { Page, PageRequest, RequestContext } from '../../../platform/kernel';
import type { VehicleBrandView, VehicleModelView, VehicleTypeView } from '../domain/vehicle-catalog';

/**
 * Lists show active entries unless the filter asks for retired ones or all
 * (the operators' console); public lists show active entries only; `find` resolves retired ones too, so
 * old references (bookings, listings) keep working. Slug conflicts and broken
 * references found by the database are raised as the matching CatalogErrors.
 */
export interface VehicleTypeRepository {
  list(filter: TypeListFilter, page: PageRequest): Promise<Page<VehicleTypeView>>;
  find(id: string): Promise<VehicleTypeView | undefined>;
  findMany(ids: string[]): Promise<VehicleTypeView[]>;
  insert(input: NewVehicleType): Promise<VehicleTypeView>;
  update(id: string, changes: VehicleTypeChanges): Promise<VehicleTypeView | undefined>;
  retire(id: string): Promise<VehicleTypeView | undefined>;
}

export interface VehicleBrandRepository {
  list(filter: BrandListFilter, page: PageRequest): Promise<Page<VehicleBrandView>>;
  find(id: string): Promise<VehicleBrandView | undefined>;
  insert(input: NewVehicleBrand): Promise<VehicleBrandView>;
  /** Replaces the brand's types when `vehicleTypeIds` is given; removing a type its models use is VEHICLE_TYPE_IN_USE. */
  update(id: string, changes: VehicleBrandChanges): Promise<VehicleBrandView | undefined>;
  retire(id: string): Promise<VehicleBrandView | undefined>;
}

export interface VehicleModelRepository {
  list(filter: ModelListFilter, page: PageRequest): Promise<Page<VehicleModelView>>;
  find(id: string): Promise<VehicleModelView | undefined>;
  insert(input: NewVehicleModel): Promise<VehicleModelView>;
  update(id: string, changes: VehicleModelChanges): Promise<VehicleModelView | undefined>;
  retire(id: string): Promise<VehicleModelView | undefined>;
}

/** Told after every committed change, so cached reads are dropped at once. */
export interface CatalogChangeNotifier {
  changed(): Promise<void>;
}

export const VEHICLE_TYPE_REPOSITORY = Symbol('VEHICLE_TYPE_REPOSITORY');
export const VEHICLE_BRAND_REPOSITORY = Symbol('VEHICLE_BRAND_REPOSITORY');
export const VEHICLE_MODEL_REPOSITORY = Symbol('VEHICLE_MODEL_REPOSITORY');
export const CATALOG_CHANGES = Symbol('CATALOG_CHANGES');

/** The platform's audit log (kept by the organizations context): every catalog write is recorded as its actor's. */
export const CATALOG_AUDIT_LOG = Symbol('CATALOG_AUDIT_LOG');
export interface CatalogAuditLog {
  record(
    ctx: RequestContext,
    entry: {
      action: `catalog.${string}`;
      targetType: 'vehicle_type' | 'vehicle_brand' | 'vehicle_model';
      targetId: string;
      metadata?: Record<string, unknown>;
    },
  ): Promise<void>;
}

/** Which entries a list shows: active ones (the default, and all public lists), retired ones, or both. */
export type CatalogListStatus = 'active' | 'retired' | 'all';

export interface TypeListFilter {
  search?: string;
  status?: CatalogListStatus;
}

export interface BrandListFilter {
  status?: CatalogListStatus;
  vehicleTypeId?: string;
  /** Free text, folded by the database (case, accents, spaces and punctuation ignored). */
  search?: string;
}

export interface ModelListFilter {
  /** active: the model, its brand and its type are active; retired: the model itself is retired. */
  status?: CatalogListStatus;
  vehicleBrandId?: string;
  vehicleTypeId?: string;
  /** Models made in this model year. */
  year?: number;
  search?: string;
}

export interface NewVehicleType {
  name: string;
  slug: string;
}

export type VehicleTypeChanges = Partial<NewVehicleType>;

export interface NewVehicleBrand {
  name: string;
  slug: string;
  vehicleTypeIds: string[];
}

export type VehicleBrandChanges = Partial<NewVehicleBrand>;

export interface NewVehicleModel {
  brandId: string;
  typeId: string;
  name: string;
  slug: string;
  firstYear: number;
  lastYear: number | null;
  engineCc: number | null;
}

export type VehicleModelChanges = Partial<Omit<NewVehicleModel, 'brandId'>>;
