import { Inject, Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../platform/kernel';
import type { VehicleBrandView, VehicleModelView, VehicleTypeView } from '../domain/vehicle-catalog';
import {
  BrandListFilter,
  ModelListFilter,
  TypeListFilter,
  VEHICLE_BRAND_REPOSITORY,
  VEHICLE_MODEL_REPOSITORY,
  VEHICLE_TYPE_REPOSITORY,
  VehicleBrandRepository,
  VehicleModelRepository,
  VehicleTypeRepository,
} from './ports';
import { CreateVehicleBrandInput, UpdateVehicleBrandInput, VehicleBrandsService } from './vehicle-brands.service';
import { CreateVehicleModelInput, UpdateVehicleModelInput, VehicleModelsService } from './vehicle-models.service';
import { CreateVehicleTypeInput, UpdateVehicleTypeInput, VehicleTypesService } from './vehicle-types.service';

export type { CatalogListStatus, BrandListFilter, ModelListFilter, TypeListFilter } from './ports';
export type { CreateVehicleBrandInput, UpdateVehicleBrandInput } from './vehicle-brands.service';
export type { CreateVehicleModelInput, UpdateVehicleModelInput } from './vehicle-models.service';
export type { CreateVehicleTypeInput, UpdateVehicleTypeInput } from './vehicle-types.service';

/**
 * What other contexts (bookings, marketplace, admin) ask the catalog. Lookups resolve
 * retired entries too, so an old booking or listing keeps its vehicle; check
 * `retiredAt` before accepting a retired entry for something new. The writes are the
 * catalog's own use cases (validated, cache dropped, audited as `catalog.*`); the
 * caller checks that the actor is a platform admin (the admin context does).
 */
@Injectable()
export class CatalogApi {
  constructor(
    @Inject(VEHICLE_TYPE_REPOSITORY) private readonly types: VehicleTypeRepository,
    @Inject(VEHICLE_BRAND_REPOSITORY) private readonly brands: VehicleBrandRepository,
    @Inject(VEHICLE_MODEL_REPOSITORY) private readonly models: VehicleModelRepository,
    private readonly typesService: VehicleTypesService,
    private readonly brandsService: VehicleBrandsService,
    private readonly modelsService: VehicleModelsService,
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

  // ---------------------------------------------------------------- the operators' console (uncached, retired entries on request)

  listVehicleTypes(ctx: RequestContext, filter: TypeListFilter, page: PageRequest): Promise<Page<VehicleTypeView>> {
    return this.typesService.list(ctx, filter, page);
  }

  getVehicleType(ctx: RequestContext, id: string): Promise<VehicleTypeView> {
    return this.typesService.get(ctx, id);
  }

  createVehicleType(ctx: RequestContext, input: CreateVehicleTypeInput): Promise<VehicleTypeView> {
    return this.typesService.create(ctx, input);
  }

  updateVehicleType(ctx: RequestContext, id: string, input: UpdateVehicleTypeInput): Promise<VehicleTypeView> {
    return this.typesService.update(ctx, id, input);
  }

  retireVehicleType(ctx: RequestContext, id: string): Promise<VehicleTypeView> {
    return this.typesService.retire(ctx, id);
  }

  listVehicleBrands(ctx: RequestContext, filter: BrandListFilter, page: PageRequest): Promise<Page<VehicleBrandView>> {
    return this.brandsService.list(ctx, filter, page);
  }

  getVehicleBrand(ctx: RequestContext, id: string): Promise<VehicleBrandView> {
    return this.brandsService.get(ctx, id);
  }

  createVehicleBrand(ctx: RequestContext, input: CreateVehicleBrandInput): Promise<VehicleBrandView> {
    return this.brandsService.create(ctx, input);
  }

  updateVehicleBrand(ctx: RequestContext, id: string, input: UpdateVehicleBrandInput): Promise<VehicleBrandView> {
    return this.brandsService.update(ctx, id, input);
  }

  retireVehicleBrand(ctx: RequestContext, id: string): Promise<VehicleBrandView> {
    return this.brandsService.retire(ctx, id);
  }

  listVehicleModels(ctx: RequestContext, filter: ModelListFilter, page: PageRequest): Promise<Page<VehicleModelView>> {
    return this.modelsService.list(ctx, filter, page);
  }

  getVehicleModel(ctx: RequestContext, id: string): Promise<VehicleModelView> {
    return this.modelsService.get(ctx, id);
  }

  createVehicleModel(ctx: RequestContext, input: CreateVehicleModelInput): Promise<VehicleModelView> {
    return this.modelsService.create(ctx, input);
  }

  updateVehicleModel(ctx: RequestContext, id: string, input: UpdateVehicleModelInput): Promise<VehicleModelView> {
    return this.modelsService.update(ctx, id, input);
  }

  retireVehicleModel(ctx: RequestContext, id: string): Promise<VehicleModelView> {
    return this.modelsService.retire(ctx, id);
  }
}
