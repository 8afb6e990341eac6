import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../platform/kernel';
import type { VehicleBrandView, VehicleModelView, VehicleTypeView } from '../domain/vehicle-catalog';
import {
  VEHICLE_BRAND_REPOSITORY,
  VEHICLE_MODEL_REPOSITORY,
  VEHICLE_TYPE_REPOSITORY,
  VehicleBrandRepository,
  VehicleModelRepository,
  VehicleTypeRepository,
} from './ports';

/**
 * What other contexts (bookings, marketplace) ask the catalog. Lookups resolve
 * retired entries too, so an old booking or listing keeps its vehicle; check
 * `retiredAt` before accepting a retired entry for something new.
 */
@Injectable()
export class CatalogApi {
  constructor(
    @Inject(VEHICLE_TYPE_REPOSITORY) private readonly types: VehicleTypeRepository,
    @Inject(VEHICLE_BRAND_REPOSITORY) private readonly brands: VehicleBrandRepository,
    @Inject(VEHICLE_MODEL_REPOSITORY) private readonly models: VehicleModelRepository,
  ) {}

  vehicleType(_ctx: RequestContext, id: string): Promise<VehicleTypeView | undefined> {
    return this.types.find(id);
  }

  vehicleBrand(_ctx: RequestContext, id: string): Promise<VehicleBrandView | undefined> {
    return this.brands.find(id);
  }

  vehicleModel(_ctx: RequestContext, id: string): Promise<VehicleModelView | undefined> {
    return this.models.find(id);
  }
}
