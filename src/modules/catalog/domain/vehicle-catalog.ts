/**
 * The catalog's reference data as the rest of the application sees it. Plain
 * CRUD data: the few rules it has live in catalog-rules.ts and in the schema.
 */
export type CatalogStatus = 'active' | 'retired';

/** How another catalog entry is named inside a model (enough for a label or a link). */
export interface CatalogRef {
  id: string;
  slug: string;
  name: string;
}

interface Lifecycle {
  /** Retired entries leave the public lists but still resolve by id, for history. */
  retiredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface VehicleTypeView extends CatalogRef, Lifecycle {}

export interface VehicleBrandView extends CatalogRef, Lifecycle {
  /** The types of vehicle the brand makes; a model's type must be one of them. */
  vehicleTypeIds: string[];
}

export interface VehicleModelView extends CatalogRef, Lifecycle {
  brand: CatalogRef;
  type: CatalogRef;
  firstYear: number;
  /** Null while the model is still made. */
  lastYear: number | null;
  /** Engine displacement in cubic centimetres; null where it does not apply (electric). */
  engineCc: number | null;
}

export function catalogStatus(entry: { retiredAt: Date | null }): CatalogStatus {
  return entry.retiredAt ? 'retired' : 'active';
}
