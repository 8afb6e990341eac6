import { Controller, Delete, Get, HttpCode, Patch, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { toSortOrder, type RequestContext } from '../../../../platform/kernel';
import type { AdminBookingSort, AdminServiceSort } from '../../../bookings';
import { AdminBookings } from '../../application/bookings';
import {
  AdminBookingDto,
  AdminBookingPageDto,
  AdminBookingsQueryDto,
  AdminModelPriceQueryDto,
  AdminServicesQueryDto,
  AdminSetModelPriceDto,
  AdminShopServiceDetailDto,
  AdminShopServicePageDto,
  AdminUpdateServiceDto,
} from './admin-bookings.dto';

const NOT_ADMIN = 'Not a platform admin (AUTH.FORBIDDEN)';
const BAD_QUERY = 'A filter or sort outside the allowed values (HTTP.VALIDATION_FAILED)';
const NO_SERVICE = 'No such service (BOOKINGS.SERVICE_NOT_FOUND)';

/** Bookings in the operators' console: every shop's bookings, services and per-model prices. */
@ApiTags('admin')
@Controller('admin')
@Roles(PLATFORM_ADMIN)
export class AdminBookingsController {
  constructor(private readonly bookings: AdminBookings) {}

  @Get('bookings')
  @ApiOperation({
    operationId: 'admin_bookings_list',
    summary: 'Every shop’s bookings, filtered by shop, status and start time, sorted (default latest start first) (platform admins)',
  })
  @ApiOkResponse({ type: AdminBookingPageDto })
  @ApiProblemResponse(400, BAD_QUERY)
  @ApiProblemResponse(403, NOT_ADMIN)
  async list(@Ctx() ctx: RequestContext, @Query() query: AdminBookingsQueryDto): Promise<AdminBookingPageDto> {
    const filter = {
      orgId: query.shop_id,
      status: query.status,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    };
    const sort = toSortOrder(query.sort, { field: 'starts_at', descending: true }) as AdminBookingSort;
    return AdminBookingPageDto.from(await this.bookings.list(ctx, filter, sort, query.toPageRequest()));
  }

  @Get('bookings/:bookingId')
  @ApiOperation({ operationId: 'admin_bookings_get', summary: 'A booking of any shop (platform admins)' })
  @ApiOkResponse({ type: AdminBookingDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, 'No such booking (BOOKINGS.BOOKING_NOT_FOUND)')
  async get(@Ctx() ctx: RequestContext, @UuidParam('bookingId') bookingId: string): Promise<AdminBookingDto> {
    return AdminBookingDto.from(await this.bookings.get(ctx, bookingId));
  }

  @Get('shop-services')
  @ApiOperation({
    operationId: 'admin_shop_services_list',
    summary: 'Every shop’s services, filtered by shop, state and part of the name, sorted (default by name) (platform admins)',
  })
  @ApiOkResponse({ type: AdminShopServicePageDto })
  @ApiProblemResponse(400, BAD_QUERY)
  @ApiProblemResponse(403, NOT_ADMIN)
  async services(@Ctx() ctx: RequestContext, @Query() query: AdminServicesQueryDto): Promise<AdminShopServicePageDto> {
    const filter = { orgId: query.shop_id, active: query.active, q: query.q || undefined };
    const sort = toSortOrder(query.sort, { field: 'name', descending: false }) as AdminServiceSort;
    return AdminShopServicePageDto.from(await this.bookings.services(ctx, filter, sort, query.toPageRequest()));
  }

  @Get('shop-services/:serviceId')
  @ApiOperation({ operationId: 'admin_shop_services_get', summary: 'A shop’s service with its per-model prices (platform admins)' })
  @ApiOkResponse({ type: AdminShopServiceDetailDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_SERVICE)
  async service(@Ctx() ctx: RequestContext, @UuidParam('serviceId') serviceId: string): Promise<AdminShopServiceDetailDto> {
    return AdminShopServiceDetailDto.fromDetail(await this.bookings.service(ctx, serviceId));
  }

  @Patch('shop-services/:serviceId')
  @ApiOperation({
    operationId: 'admin_shop_services_update',
    summary:
      'Change a shop’s service with the shop’s own rules; bookings already made keep their price (platform admins; audited as admin.shop_service_updated and bookings.service_updated)',
  })
  @ApiOkResponse({ type: AdminShopServiceDetailDto })
  @ApiProblemResponse(400, 'A bad field, or category_id is not a category of the shop (BOOKINGS.VALIDATION_FAILED)')
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_SERVICE)
  @ApiProblemResponse(409, 'The shop has a service of this name already')
  async updateService(
    @Ctx() ctx: RequestContext,
    @UuidParam('serviceId') serviceId: string,
    @Body() body: AdminUpdateServiceDto,
  ): Promise<AdminShopServiceDetailDto> {
    const changes = {
      categoryId: body.category_id,
      name: body.name,
      description: body.description,
      durationMinutes: body.duration_minutes,
      basePriceMinor: body.base_price_minor,
      active: body.active,
    };
    return AdminShopServiceDetailDto.fromDetail(await this.bookings.updateService(ctx, serviceId, changes, body.reason));
  }

  @Put('shop-services/:serviceId/prices')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin_shop_services_set_price',
    summary: 'Set a service’s price for one vehicle model, overriding its base price (platform admins; audited as admin.shop_service_price_set)',
  })
  @ApiOkResponse({ type: AdminShopServiceDetailDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_SERVICE)
  @ApiProblemResponse(422, 'No such vehicle model, or it is retired (BOOKINGS.UNKNOWN_VEHICLE_MODEL)')
  async setPrice(
    @Ctx() ctx: RequestContext,
    @UuidParam('serviceId') serviceId: string,
    @Body() body: AdminSetModelPriceDto,
  ): Promise<AdminShopServiceDetailDto> {
    const input = { vehicleModelId: body.vehicle_model_id, priceMinor: body.price_minor };
    return AdminShopServiceDetailDto.fromDetail(await this.bookings.setModelPrice(ctx, serviceId, input, body.reason));
  }

  @Delete('shop-services/:serviceId/prices')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin_shop_services_remove_price',
    summary: 'Remove a vehicle model’s price: the model pays the base price again (platform admins; audited as admin.shop_service_price_removed)',
  })
  @ApiOkResponse({ type: AdminShopServiceDetailDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, 'No such service, or no price for this model (BOOKINGS.SERVICE_NOT_FOUND)')
  async removePrice(
    @Ctx() ctx: RequestContext,
    @UuidParam('serviceId') serviceId: string,
    @Query() query: AdminModelPriceQueryDto,
  ): Promise<AdminShopServiceDetailDto> {
    return AdminShopServiceDetailDto.fromDetail(await this.bookings.removeModelPrice(ctx, serviceId, query.vehicle_model_id, undefined));
  }
}
