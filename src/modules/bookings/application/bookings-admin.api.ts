import { Inject, Injectable } from '@nestjs/common';
import { PLATFORM_ADMIN } from '../../../platform/auth/roles.decorator';
import { DomainError, type Page, type PageRequest, type RequestContext } from '../../../platform/kernel';
import type { BookingState } from '../domain/booking';
import { BookingsErrors } from '../domain/bookings-errors';
import type { Service } from '../domain/shop';
import {
  ADMIN_BOOKING_SORTS,
  ADMIN_SERVICE_SORTS,
  BOOKINGS_UNIT_OF_WORK,
  BookingsUnitOfWork,
  type AdminBookingFilter,
  type AdminBookingSort,
  type AdminServiceFilter,
  type AdminServiceRow,
  type AdminServiceSort,
} from './ports';
import { ShopAdminService } from './shop-admin.service';

export { ADMIN_BOOKING_SORTS, ADMIN_SERVICE_SORTS };
export type { AdminBookingFilter, AdminBookingSort, AdminServiceFilter, AdminServiceRow, AdminServiceSort };
export type AdminBookingView = BookingState;
export type AdminServiceChanges = Partial<Omit<Service, 'id' | 'orgId'>>;

export interface AdminServiceDetail {
  service: AdminServiceRow;
  /** Per-model prices overriding the base price. */
  modelPrices: Array<{ vehicleModelId: string; priceMinor: number }>;
}

function requireAdmin(ctx: RequestContext): void {
  if (ctx.apiKeyId || !ctx.roles.includes(PLATFORM_ADMIN)) throw new DomainError('AUTH.FORBIDDEN', 'forbidden', 'Only a platform admin can do this.');
}

/**
 * The bookings context's front door for the operators' console: every shop's bookings and services, and editing a
 * service and its per-model prices through the shop's own use cases (ShopAdminService: same validation, cache
 * invalidation and audit as the shop's managers get, recorded with the operator as the actor).
 */
@Injectable()
export class BookingsAdminApi {
  constructor(
    @Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork,
    private readonly shops: ShopAdminService,
  ) {}

  async bookings(ctx: RequestContext, filter: AdminBookingFilter, sort: AdminBookingSort, page: PageRequest): Promise<Page<AdminBookingView>> {
    requireAdmin(ctx);
    const bookings = await this.uow.repos.bookings.listAll(filter, sort, page);
    return { ...bookings, data: bookings.data.map((booking) => booking.snapshot()) };
  }

  async booking(ctx: RequestContext, bookingId: string): Promise<AdminBookingView> {
    requireAdmin(ctx);
    const booking = await this.uow.repos.bookings.findAny(bookingId);
    if (!booking) throw BookingsErrors.bookingNotFound();
    return booking.snapshot();
  }

  services(ctx: RequestContext, filter: AdminServiceFilter, sort: AdminServiceSort, page: PageRequest): Promise<Page<AdminServiceRow>> {
    requireAdmin(ctx);
    return this.uow.repos.services.listAll(filter, sort, page);
  }

  async service(ctx: RequestContext, serviceId: string): Promise<AdminServiceDetail> {
    requireAdmin(ctx);
    const service = await this.find(serviceId);
    return { service, modelPrices: await this.uow.repos.services.modelPrices(service.orgId, service.id) };
  }

  /** Same rules as the shop's PATCH: a category of the same shop, a name unique in the shop. */
  async updateService(ctx: RequestContext, serviceId: string, changes: AdminServiceChanges): Promise<AdminServiceDetail> {
    requireAdmin(ctx);
    const service = await this.find(serviceId);
    await this.shops.updateService(this.inShop(ctx, service.orgId), serviceId, changes);
    return this.service(ctx, serviceId);
  }

  /** The service's price for one vehicle model (BOOKINGS.UNKNOWN_VEHICLE_MODEL for a retired or unknown model). */
  async setModelPrice(ctx: RequestContext, serviceId: string, vehicleModelId: string, priceMinor: number): Promise<AdminServiceDetail> {
    requireAdmin(ctx);
    const service = await this.find(serviceId);
    await this.shops.setModelPrice(this.inShop(ctx, service.orgId), serviceId, vehicleModelId, priceMinor);
    return this.service(ctx, serviceId);
  }

  async removeModelPrice(ctx: RequestContext, serviceId: string, vehicleModelId: string): Promise<AdminServiceDetail> {
    requireAdmin(ctx);
    const service = await this.find(serviceId);
    await this.shops.removeModelPrice(this.inShop(ctx, service.orgId), serviceId, vehicleModelId);
    return this.service(ctx, serviceId);
  }

  private async find(serviceId: string): Promise<AdminServiceRow> {
    const service = await this.uow.repos.services.findAny(serviceId);
    if (!service) throw BookingsErrors.serviceNotFound();
    return service;
  }

  /** The operator acts in the service's shop: the shop's use cases scope every read and write to it (and audit there). */
  private inShop(ctx: RequestContext, orgId: string): RequestContext {
    return { ...ctx, orgId };
  }
}
