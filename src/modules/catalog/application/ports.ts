import type { Page, PageRequest } from '../../../platform/kernel';
import type { VehicleBrandView, VehicleModelView, VehicleTypeView } from '../domain/vehicle-catalog';

/**
 * Public lists show active entries only; `find` resolves retired ones too, so
 * old references (bookings, listings) keep working. Slug conflicts and broken
 * references found by the database are raised as the matching CatalogErrors.
 */
export interface VehicleTypeRepository {
  listActive(page: PageRequest): Promise<Page<VehicleTypeView>>;
  find(id: string): Promise<VehicleTypeView | undefined>;
  findMany(ids: string[]): Promise<VehicleTypeView[]>;
  insert(input: NewVehicleType): Promise<VehicleTypeView>;
  update(id: string, changes: VehicleTypeChanges): Promise<VehicleTypeView | undefined>;
  retire(id: string): Promise<VehicleTypeView | undefined>;
}

export interface VehicleBrandRepository {
  listActive(filter: BrandListFilter, page: PageRequest): Promise<Page<VehicleBrandView>>;
  find(id: string): Promise<VehicleBrandView | undefined>;
  insert(input: NewVehicleBrand): Promise<VehicleBrandView>;
  /** Replaces the brand's types when `vehicleTypeIds` is given; removing a type its models use is VEHICLE_TYPE_IN_USE. */
  update(id: string, changes: VehicleBrandChanges): Promise<VehicleBrandView | undefined>;
  retire(id: string): Promise<VehicleBrandView | undefined>;
}

export interface VehicleModelRepository {
  listActive(filter: ModelListFilter, page: PageRequest): Promise<Page<VehicleModelView>>;
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

export interface BrandListFilter {
  vehicleTypeId?: string;
  /** Free text, folded by the database (case, accents, spaces and punctuation ignored). */
  search?: string;
}

export interface ModelListFilter {
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
