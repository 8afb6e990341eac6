import { Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../platform/kernel';
import {
  BrandListFilter,
  CatalogApi,
  CreateVehicleBrandInput,
  CreateVehicleModelInput,
  CreateVehicleTypeInput,
  ModelListFilter,
  TypeListFilter,
  UpdateVehicleBrandInput,
  UpdateVehicleModelInput,
  UpdateVehicleTypeInput,
  VehicleBrandView,
  VehicleModelView,
  VehicleTypeView,
} from '../../catalog';
import { requirePlatformAdmin } from './access';

/**
 * The catalog in the operators' console: vehicle types, brands and models, retired ones included. The catalog's
 * use cases validate, drop the public cache and write the audit log (`catalog.*`); this layer checks the operator.
 */
@Injectable()
export class AdminCatalog {
  constructor(private readonly catalog: CatalogApi) {}

  listTypes(ctx: RequestContext, filter: TypeListFilter, page: PageRequest): Promise<Page<VehicleTypeView>> {
    requirePlatformAdmin(ctx);
    return this.catalog.listVehicleTypes(ctx, filter, page);
  }

  getType(ctx: RequestContext, id: string): Promise<VehicleTypeView> {
    requirePlatformAdmin(ctx);
    return this.catalog.getVehicleType(ctx, id);
  }

  createType(ctx: RequestContext, input: CreateVehicleTypeInput): Promise<VehicleTypeView> {
    requirePlatformAdmin(ctx);
    return this.catalog.createVehicleType(ctx, input);
  }

  updateType(ctx: RequestContext, id: string, input: UpdateVehicleTypeInput): Promise<VehicleTypeView> {
    requirePlatformAdmin(ctx);
    return this.catalog.updateVehicleType(ctx, id, input);
  }

  retireType(ctx: RequestContext, id: string): Promise<VehicleTypeView> {
    requirePlatformAdmin(ctx);
    return this.catalog.retireVehicleType(ctx, id);
  }

  listBrands(ctx: RequestContext, filter: BrandListFilter, page: PageRequest): Promise<Page<VehicleBrandView>> {
    requirePlatformAdmin(ctx);
    return this.catalog.listVehicleBrands(ctx, filter, page);
  }

  getBrand(ctx: RequestContext, id: string): Promise<VehicleBrandView> {
    requirePlatformAdmin(ctx);
    return this.catalog.getVehicleBrand(ctx, id);
  }

  createBrand(ctx: RequestContext, input: CreateVehicleBrandInput): Promise<VehicleBrandView> {
    requirePlatformAdmin(ctx);
    return this.catalog.createVehicleBrand(ctx, input);
  }

  updateBrand(ctx: RequestContext, id: string, input: UpdateVehicleBrandInput): Promise<VehicleBrandView> {
    requirePlatformAdmin(ctx);
    return this.catalog.updateVehicleBrand(ctx, id, input);
  }

  retireBrand(ctx: RequestContext, id: string): Promise<VehicleBrandView> {
    requirePlatformAdmin(ctx);
    return this.catalog.retireVehicleBrand(ctx, id);
  }

  listModels(ctx: RequestContext, filter: ModelListFilter, page: PageRequest): Promise<Page<VehicleModelView>> {
    requirePlatformAdmin(ctx);
    return this.catalog.listVehicleModels(ctx, filter, page);
  }

  getModel(ctx: RequestContext, id: string): Promise<VehicleModelView> {
    requirePlatformAdmin(ctx);
    return this.catalog.getVehicleModel(ctx, id);
  }

  createModel(ctx: RequestContext, input: CreateVehicleModelInput): Promise<VehicleModelView> {
    requirePlatformAdmin(ctx);
    return this.catalog.createVehicleModel(ctx, input);
  }

  updateModel(ctx: RequestContext, id: string, input: UpdateVehicleModelInput): Promise<VehicleModelView> {
    requirePlatformAdmin(ctx);
    return this.catalog.updateVehicleModel(ctx, id, input);
  }

  retireModel(ctx: RequestContext, id: string): Promise<VehicleModelView> {
    requirePlatformAdmin(ctx);
    return this.catalog.retireVehicleModel(ctx, id);
  }
}
