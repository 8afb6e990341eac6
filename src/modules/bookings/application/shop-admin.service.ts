import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../platform/kernel';
import { BookingsErrors } from '../domain/bookings-errors';
import { normalizePhone } from '../domain/phone';
import type { Bay, Service, ServiceCategory, ShopProfile } from '../domain/shop';
import { normalizedHours, scheduleErrors } from '../domain/shop-schedule';
import { isValidTimeZone } from '../domain/zoned-time';
import { activeOrg, assertRepairShop, shopOf } from './shop-access';
import {
  BOOKINGS_UNIT_OF_WORK,
  BookingsUnitOfWork,
  SHOP_CHANGES,
  SHOP_ORGANIZATIONS,
  ShopChanges,
  ShopOrganizations,
  VEHICLE_MODELS,
  VehicleModels,
} from './ports';

export type ShopProfileInput = Omit<ShopProfile, 'orgId' | 'updatedAt'>;

/**
 * What a shop's managers change: the profile (hours, closures, locations,
 * rules), bays, categories, services and per-model prices. Plain reference
 * data of the shop; every committed change drops the shop's cached public
 * reads at once.
 */
@Injectable()
export class ShopAdminService {
  constructor(
    @Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork,
    @Inject(SHOP_ORGANIZATIONS) private readonly organizations: ShopOrganizations,
    @Inject(SHOP_CHANGES) private readonly changes: ShopChanges,
    @Inject(VEHICLE_MODELS) private readonly models: VehicleModels,
  ) {}

  async saveProfile(ctx: RequestContext, input: ShopProfileInput): Promise<ShopProfile> {
    const orgId = activeOrg(ctx);
    await assertRepairShop(ctx, this.organizations, orgId);
    const errors = scheduleErrors(input.weeklyHours, input.closures);
    if (!isValidTimeZone(input.timeZone)) errors.time_zone = ['time_zone must be an IANA time zone such as Asia/Kolkata or America/New_York'];
    const phone = normalizePhone(input.phone, input.callingCode);
    if (!phone) errors.phone = ['phone must be a phone number in E.164 or of the shop’s country'];
    if (Object.keys(errors).length > 0) throw BookingsErrors.validation(errors);
    const closures = [...new Map(input.closures.map((closure) => [closure.date, closure])).values()].sort((a, b) => a.date.localeCompare(b.date));
    const profile: ShopProfile = {
      ...input,
      orgId,
      phone: phone!,
      weeklyHours: normalizedHours(input.weeklyHours),
      closures,
      serviceLocations: [...new Set(input.serviceLocations)],
      vehicleTypeIds: [...new Set(input.vehicleTypeIds)],
      updatedAt: new Date(),
    };
    await this.uow.repos.shops.upsert(profile);
    await this.changed(ctx, orgId, 'bookings.shop_updated', orgId, {});
    return profile;
  }

  async addBay(ctx: RequestContext, input: { name: string; active: boolean }): Promise<Bay> {
    const orgId = activeOrg(ctx);
    await shopOf(this.uow.repos, orgId);
    const bay: Bay = { id: randomUUID(), orgId, name: input.name.trim(), active: input.active };
    await this.uow.repos.bays.insert(bay);
    await this.changed(ctx, orgId, 'bookings.bay_added', bay.id, { name: bay.name });
    return bay;
  }

  async updateBay(ctx: RequestContext, id: string, input: { name?: string; active?: boolean }): Promise<Bay> {
    const orgId = activeOrg(ctx);
    const bay = (await this.uow.repos.bays.update(orgId, id, { name: input.name?.trim(), active: input.active })) ?? throwIt(BookingsErrors.bayNotFound());
    await this.changed(ctx, orgId, 'bookings.bay_updated', id, { name: bay.name, active: bay.active });
    return bay;
  }

  listBays(ctx: RequestContext): Promise<Bay[]> {
    return this.uow.repos.bays.list(activeOrg(ctx));
  }

  async addCategory(ctx: RequestContext, input: Omit<ServiceCategory, 'id' | 'orgId'>): Promise<ServiceCategory> {
    const orgId = activeOrg(ctx);
    await shopOf(this.uow.repos, orgId);
    const category: ServiceCategory = { ...input, name: input.name.trim(), id: randomUUID(), orgId };
    await this.uow.repos.categories.insert(category);
    await this.changed(ctx, orgId, 'bookings.category_added', category.id, { name: category.name });
    return category;
  }

  async updateCategory(ctx: RequestContext, id: string, input: Partial<Omit<ServiceCategory, 'id' | 'orgId'>>): Promise<ServiceCategory> {
    const orgId = activeOrg(ctx);
    const category = (await this.uow.repos.categories.update(orgId, id, { ...input, name: input.name?.trim() })) ?? throwIt(BookingsErrors.categoryNotFound());
    await this.changed(ctx, orgId, 'bookings.category_updated', id, {});
    return category;
  }

  async addService(ctx: RequestContext, input: Omit<Service, 'id' | 'orgId'>): Promise<Service> {
    const orgId = activeOrg(ctx);
    await this.checkCategory(orgId, input.categoryId);
    const service: Service = { ...input, name: input.name.trim(), id: randomUUID(), orgId };
    await this.uow.repos.services.insert(service);
    await this.changed(ctx, orgId, 'bookings.service_added', service.id, { name: service.name, base_price_minor: service.basePriceMinor });
    return service;
  }

  async updateService(ctx: RequestContext, id: string, input: Partial<Omit<Service, 'id' | 'orgId'>>): Promise<Service> {
    const orgId = activeOrg(ctx);
    if (input.categoryId) await this.checkCategory(orgId, input.categoryId);
    const service = (await this.uow.repos.services.update(orgId, id, { ...input, name: input.name?.trim() })) ?? throwIt(BookingsErrors.serviceNotFound());
    await this.changed(ctx, orgId, 'bookings.service_updated', id, { base_price_minor: service.basePriceMinor });
    return service;
  }

  async getService(ctx: RequestContext, id: string): Promise<{ service: Service; modelPrices: Array<{ vehicleModelId: string; priceMinor: number }> }> {
    const orgId = activeOrg(ctx);
    const service = (await this.uow.repos.services.find(orgId, id)) ?? throwIt(BookingsErrors.serviceNotFound());
    return { service, modelPrices: await this.uow.repos.services.modelPrices(orgId, id) };
  }

  /** The service's price for one vehicle model, overriding its base price. */
  async setModelPrice(ctx: RequestContext, serviceId: string, vehicleModelId: string, priceMinor: number): Promise<void> {
    const orgId = activeOrg(ctx);
    if (!(await this.uow.repos.services.find(orgId, serviceId))) throw BookingsErrors.serviceNotFound();
    const model = await this.models.find(ctx, vehicleModelId);
    if (!model || model.retired) throw BookingsErrors.unknownVehicleModel();
    await this.uow.repos.services.setModelPrice(orgId, serviceId, vehicleModelId, priceMinor);
    await this.changed(ctx, orgId, 'bookings.price_set', serviceId, { vehicle_model_id: vehicleModelId, price_minor: priceMinor });
  }

  async removeModelPrice(ctx: RequestContext, serviceId: string, vehicleModelId: string): Promise<void> {
    const orgId = activeOrg(ctx);
    if (!(await this.uow.repos.services.removeModelPrice(orgId, serviceId, vehicleModelId))) throw BookingsErrors.serviceNotFound();
    await this.changed(ctx, orgId, 'bookings.price_removed', serviceId, { vehicle_model_id: vehicleModelId });
  }

  private async checkCategory(orgId: string, categoryId: string): Promise<void> {
    if (!(await this.uow.repos.categories.find(orgId, categoryId))) {
      throw BookingsErrors.validation({ category_id: ['category_id does not name a category of this shop'] });
    }
  }

  private async changed(ctx: RequestContext, orgId: string, action: `bookings.${string}`, targetId: string, metadata: Record<string, unknown>): Promise<void> {
    await this.changes.changed(orgId);
    await this.organizations.audit(ctx, { orgId, action, targetId, metadata });
  }
}

function throwIt(error: Error): never {
  throw error;
}
