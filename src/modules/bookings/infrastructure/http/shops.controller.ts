import { Controller, Get, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AcceptsApiKey } from '../../../../platform/auth/api-key.decorator';
import { Public } from '../../../../platform/auth/public.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Roles } from '../../../../platform/auth/roles.decorator';
import { ApiOrganizationHeader } from '../../../../platform/auth/tenant.decorator';
import { ORG_MANAGER, ORG_STAFF } from '../../../organizations';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import type { RequestContext } from '../../../../platform/kernel';
import { ShopQueries } from '../../application/queries/shop.queries';
import { ShopAdminService } from '../../application/shop-admin.service';
import { SHOP_LIST_CACHE_NAMESPACE, shopCacheNamespace } from '../cache/shop-cache';
import { CreateBayDto, ListShopsQueryDto, SaveShopInfoDto, ShopQueryDto, UpdateBayDto } from './bookings.request.dto';
import { BayDto, BayListDto, ShopDto, ShopInfoDto, ShopPageDto } from './bookings.response.dto';
import { ApiCachedRead, MODEL_UNKNOWN, ROLE_403, SHOP_NOT_FOUND } from './shop-http';
import { SHOP_INFO_TTL_SECONDS, ShopResponses } from './shop-responses';

@ApiTags('bookings')
@Controller()
export class ShopsController {
  constructor(
    private readonly queries: ShopQueries,
    private readonly admin: ShopAdminService,
    private readonly responses: ShopResponses,
  ) {}

  @Get('shops')
  @Public()
  @ApiOperation({ operationId: 'bookings_list_shops', summary: 'Repair shops to choose from, by name; filtered by city and by a vehicle model they work on' })
  @ApiCachedRead(ShopPageDto, [422, MODEL_UNKNOWN])
  async list(@Ctx() ctx: RequestContext, @Query() query: ListShopsQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const page = query.toPageRequest();
    const key = `shops?city=${encodeURIComponent(query.city?.toLowerCase() ?? '')}&model=${query.vehicle_model_id ?? ''}&page=${page.page}&limit=${page.limit}`;
    await this.responses.send(request, reply, SHOP_LIST_CACHE_NAMESPACE, key, SHOP_INFO_TTL_SECONDS, async () =>
      ShopPageDto.from(await this.queries.listShops(ctx, { city: query.city, vehicleModelId: query.vehicle_model_id }, page)),
    );
  }

  @Get('shop-info')
  @Public()
  @ApiOperation({ operationId: 'bookings_get_shop_info', summary: 'A shop’s address, phone, time zone, weekly hours, closures, service locations and bays' })
  @ApiCachedRead(ShopInfoDto, [404, SHOP_NOT_FOUND])
  async info(@Ctx() ctx: RequestContext, @Query() query: ShopQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.responses.send(request, reply, shopCacheNamespace(query.shop_id), 'shop-info', SHOP_INFO_TTL_SECONDS, async () =>
      ShopInfoDto.fromInfo(await this.queries.shopInfo(ctx, query.shop_id)),
    );
  }

  @Put('shop-info')
  @Roles(ORG_MANAGER)
  @ApiOrganizationHeader()
  @ApiOperation({
    operationId: 'bookings_save_shop_info',
    summary: 'Publish or replace the shop’s profile, hours, closures, service locations and booking rules (repair shops only)',
  })
  @ApiOkResponse({ type: ShopDto })
  @ApiProblemResponse(400, 'Invalid fields, hours, time zone or phone (BOOKINGS.VALIDATION_FAILED)')
  @ApiProblemResponse(403, `${ROLE_403}, or the organization is not a repair shop (BOOKINGS.NOT_A_REPAIR_SHOP)`)
  async save(@Ctx() ctx: RequestContext, @Body() body: SaveShopInfoDto): Promise<ShopDto> {
    const shop = await this.admin.saveProfile(ctx, {
      name: body.name,
      addressLine: body.address_line,
      city: body.city,
      postalCode: body.postal_code,
      countryCode: body.country_code,
      callingCode: body.calling_code,
      phone: body.phone,
      email: body.email?.toLowerCase() ?? null,
      timeZone: body.time_zone,
      currency: body.currency,
      weeklyHours: body.weekly_hours.map((entry) => ({ day: entry.day, open: entry.open, close: entry.close })),
      closures: body.closures.map((closure) => ({ date: closure.date, reason: closure.reason })),
      serviceLocations: body.service_locations,
      homeServicePostalCodes: body.home_service_postal_codes,
      homeServiceCities: body.home_service_cities,
      vehicleTypeIds: body.vehicle_type_ids,
      slotStepMinutes: body.slot_step_minutes,
      bufferMinutes: body.buffer_minutes,
      minNoticeMinutes: body.min_notice_minutes,
      cancelNoticeMinutes: body.cancel_notice_minutes,
    });
    return ShopDto.from(shop);
  }

  @Get('shop/bays')
  @Roles(ORG_STAFF)
  @AcceptsApiKey()
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'bookings_list_bays', summary: 'The shop’s bays, inactive ones included' })
  @ApiOkResponse({ type: BayListDto })
  @ApiProblemResponse(403, ROLE_403)
  async bays(@Ctx() ctx: RequestContext): Promise<BayListDto> {
    return BayListDto.from(await this.admin.listBays(ctx));
  }

  @Post('shop/bays')
  @Roles(ORG_MANAGER)
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'bookings_add_bay', summary: 'Add a bay (a place work is done on: one job at a time)' })
  @ApiCreatedResponse({ type: BayDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, 'The shop has not published its profile yet (BOOKINGS.SHOP_NOT_FOUND)')
  @ApiProblemResponse(409, 'Another bay has this name (BOOKINGS.NAME_TAKEN)')
  async addBay(@Ctx() ctx: RequestContext, @Body() body: CreateBayDto): Promise<BayDto> {
    return BayDto.from(await this.admin.addBay(ctx, { name: body.name, active: body.active ?? true }));
  }

  @Patch('shop/bays/:id')
  @Roles(ORG_MANAGER)
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'bookings_update_bay', summary: 'Rename a bay or take it out of (or back into) service; its bookings stay' })
  @ApiOkResponse({ type: BayDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, 'No such bay in this shop (BOOKINGS.BAY_NOT_FOUND)')
  @ApiProblemResponse(409, 'Another bay has this name (BOOKINGS.NAME_TAKEN)')
  async updateBay(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: UpdateBayDto): Promise<BayDto> {
    return BayDto.from(await this.admin.updateBay(ctx, id, { name: body.name, active: body.active }));
  }
}
