import { Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../platform/kernel';
import {
  AdminBookingFilter,
  AdminBookingSort,
  AdminBookingView,
  AdminServiceChanges,
  AdminServiceDetail,
  AdminServiceFilter,
  AdminServiceRow,
  AdminServiceSort,
  BookingsAdminApi,
} from '../../bookings';
import { OrganizationsApi } from '../../organizations';
import { requirePlatformAdmin } from './access';

/**
 * Bookings in the console: every shop's bookings and services. Service edits go through the shop's use cases
 * (audited there as bookings.service_updated / bookings.price_set / bookings.price_removed with the operator as the
 * actor) and are also recorded as the operator's act (`admin.shop_service_*`) with the reason given.
 */
@Injectable()
export class AdminBookings {
  constructor(
    private readonly bookings: BookingsAdminApi,
    private readonly organizations: OrganizationsApi,
  ) {}

  list(ctx: RequestContext, filter: AdminBookingFilter, sort: AdminBookingSort, page: PageRequest): Promise<Page<AdminBookingView>> {
    requirePlatformAdmin(ctx);
    return this.bookings.bookings(ctx, filter, sort, page);
  }

  get(ctx: RequestContext, bookingId: string): Promise<AdminBookingView> {
    requirePlatformAdmin(ctx);
    return this.bookings.booking(ctx, bookingId);
  }

  services(ctx: RequestContext, filter: AdminServiceFilter, sort: AdminServiceSort, page: PageRequest): Promise<Page<AdminServiceRow>> {
    requirePlatformAdmin(ctx);
    return this.bookings.services(ctx, filter, sort, page);
  }

  service(ctx: RequestContext, serviceId: string): Promise<AdminServiceDetail> {
    requirePlatformAdmin(ctx);
    return this.bookings.service(ctx, serviceId);
  }

  async updateService(ctx: RequestContext, serviceId: string, changes: AdminServiceChanges, reason: string | undefined): Promise<AdminServiceDetail> {
    requirePlatformAdmin(ctx);
    const detail = await this.bookings.updateService(ctx, serviceId, changes);
    const changed = Object.keys(changes).filter((key) => changes[key as keyof AdminServiceChanges] !== undefined);
    await this.audit(ctx, 'admin.shop_service_updated', detail, { changed, ...(reason ? { reason } : {}) });
    return detail;
  }

  async setModelPrice(
    ctx: RequestContext,
    serviceId: string,
    input: { vehicleModelId: string; priceMinor: number },
    reason: string | undefined,
  ): Promise<AdminServiceDetail> {
    requirePlatformAdmin(ctx);
    const detail = await this.bookings.setModelPrice(ctx, serviceId, input.vehicleModelId, input.priceMinor);
    await this.audit(ctx, 'admin.shop_service_price_set', detail, {
      vehicle_model_id: input.vehicleModelId,
      price_minor: input.priceMinor,
      ...(reason ? { reason } : {}),
    });
    return detail;
  }

  async removeModelPrice(ctx: RequestContext, serviceId: string, vehicleModelId: string, reason: string | undefined): Promise<AdminServiceDetail> {
    requirePlatformAdmin(ctx);
    const detail = await this.bookings.removeModelPrice(ctx, serviceId, vehicleModelId);
    await this.audit(ctx, 'admin.shop_service_price_removed', detail, { vehicle_model_id: vehicleModelId, ...(reason ? { reason } : {}) });
    return detail;
  }

  private audit(ctx: RequestContext, action: `admin.${string}`, detail: AdminServiceDetail, metadata: Record<string, unknown>): Promise<void> {
    return this.organizations.recordAudit(ctx, { orgId: detail.service.orgId, action, targetType: 'service', targetId: detail.service.id, metadata });
  }
}
