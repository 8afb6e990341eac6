import { Inject, Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { BookingsErrors } from '../../domain/bookings-errors';
import { priceFor } from '../../domain/pricing';
import type { Bay, Service, ServiceCategory, ShopProfile } from '../../domain/shop';
import { BOOKINGS_UNIT_OF_WORK, BookingsUnitOfWork, VEHICLE_MODELS, VehicleModels } from '../ports';

export interface ShopInfoView {
  shop: ShopProfile;
  bays: Bay[];
}

export interface ModelPricingView {
  vehicleModel: { id: string; name: string; brandName: string };
  currency: string;
  services: Array<Service & { priceMinor: number; modelPriceMinor: number | null }>;
}

/** The public reads of shops and their catalogs (cached by the HTTP layer). */
@Injectable()
export class ShopQueries {
  constructor(
    @Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork,
    @Inject(VEHICLE_MODELS) private readonly models: VehicleModels,
  ) {}

  async listShops(ctx: RequestContext, filter: { city?: string; vehicleModelId?: string }, page: PageRequest): Promise<Page<ShopProfile>> {
    let vehicleTypeId: string | undefined;
    if (filter.vehicleModelId) {
      const model = await this.models.find(ctx, filter.vehicleModelId);
      if (!model || model.retired) throw BookingsErrors.unknownVehicleModel();
      vehicleTypeId = model.typeId;
    }
    return this.uow.repos.shops.list({ city: filter.city?.trim(), vehicleTypeId }, page);
  }

  async shopInfo(_ctx: RequestContext, orgId: string): Promise<ShopInfoView> {
    const shop = await this.shop(orgId);
    return { shop, bays: (await this.uow.repos.bays.list(orgId)).filter((bay) => bay.active) };
  }

  async categories(_ctx: RequestContext, orgId: string): Promise<{ shop: ShopProfile; categories: ServiceCategory[] }> {
    const shop = await this.shop(orgId);
    return { shop, categories: await this.uow.repos.categories.list(orgId, false) };
  }

  async services(_ctx: RequestContext, orgId: string, categoryId?: string): Promise<{ shop: ShopProfile; services: Service[] }> {
    const shop = await this.shop(orgId);
    return { shop, services: await this.uow.repos.services.list(orgId, { categoryId, includeInactive: false }) };
  }

  async pricingForModel(ctx: RequestContext, orgId: string, vehicleModelId: string): Promise<ModelPricingView> {
    const shop = await this.shop(orgId);
    const model = await this.models.find(ctx, vehicleModelId);
    if (!model || model.retired) throw BookingsErrors.unknownVehicleModel();
    const services = await this.uow.repos.services.pricedForModel(orgId, vehicleModelId);
    return {
      vehicleModel: { id: model.id, name: model.name, brandName: model.brandName },
      currency: shop.currency,
      services: services.map((service) => ({ ...service, priceMinor: priceFor(service) })),
    };
  }

  async currency(_ctx: RequestContext, orgId: string): Promise<string> {
    return (await this.shop(orgId)).currency;
  }

  private async shop(orgId: string): Promise<ShopProfile> {
    const shop = await this.uow.repos.shops.find(orgId);
    if (!shop) throw BookingsErrors.shopNotFound();
    return shop;
  }
}
