import { Controller, Delete, Get, HttpCode, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { shopCacheNamespace } from '../cache/shop-cache';
import {
  CreateCategoryDto,
  CreateServiceDto,
  ListServicesQueryDto,
  ModelPriceQueryDto,
  PricingQueryDto,
  SetModelPriceDto,
  ShopQueryDto,
  UpdateCategoryDto,
  UpdateServiceDto,
} from './bookings.request.dto';
import { CategoryDto, CategoryListDto, ModelPricingDto, ServiceDto, ServiceListDto, ServicePricesDto } from './bookings.response.dto';
import { ApiCachedRead, MODEL_UNKNOWN, ROLE_403, SHOP_NOT_FOUND } from './shop-http';
import { CATALOG_TTL_SECONDS, PRICING_TTL_SECONDS, ShopResponses } from './shop-responses';

const SERVICE_NOT_FOUND = 'No such service in this shop (BOOKINGS.SERVICE_NOT_FOUND)';
const CATEGORY_NOT_FOUND = 'No such category in this shop (BOOKINGS.CATEGORY_NOT_FOUND)';
const NAME_TAKEN = 'The shop already has one with this name (BOOKINGS.NAME_TAKEN)';

/** Seed 004's service catalog, per shop: categories, services and prices per vehicle model. */
@ApiTags('bookings')
@Controller()
export class ServiceCatalogController {
  constructor(
    private readonly queries: ShopQueries,
    private readonly admin: ShopAdminService,
    private readonly responses: ShopResponses,
  ) {}

  @Get('service-categories')
  @Public()
  @ApiOperation({ operationId: 'bookings_list_service_categories', summary: 'A shop’s active service categories' })
  @ApiCachedRead(CategoryListDto, [404, SHOP_NOT_FOUND])
  async categories(@Ctx() ctx: RequestContext, @Query() query: ShopQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.responses.send(request, reply, shopCacheNamespace(query.shop_id), 'categories', CATALOG_TTL_SECONDS, async () => {
      const { categories } = await this.queries.categories(ctx, query.shop_id);
      return { data: categories.map(CategoryDto.from) };
    });
  }

  @Post('service-categories')
  @Roles(ORG_MANAGER)
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'bookings_create_service_category', summary: 'Add a service category' })
  @ApiCreatedResponse({ type: CategoryDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, 'The shop has not published its profile yet (BOOKINGS.SHOP_NOT_FOUND)')
  @ApiProblemResponse(409, NAME_TAKEN)
  async createCategory(@Ctx() ctx: RequestContext, @Body() body: CreateCategoryDto): Promise<CategoryDto> {
    const category = await this.admin.addCategory(ctx, {
      name: body.name,
      description: body.description ?? '',
      position: body.position ?? 0,
      active: body.active ?? true,
    });
    return CategoryDto.from(category);
  }

  @Patch('service-categories/:id')
  @Roles(ORG_MANAGER)
  @ApiOrganizationHeader()
  @ApiOperation({
    operationId: 'bookings_update_service_category',
    summary: 'Change a service category; inactive ones (and their services) leave the public lists',
  })
  @ApiOkResponse({ type: CategoryDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, CATEGORY_NOT_FOUND)
  @ApiProblemResponse(409, NAME_TAKEN)
  async updateCategory(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: UpdateCategoryDto): Promise<CategoryDto> {
    return CategoryDto.from(
      await this.admin.updateCategory(ctx, id, { name: body.name, description: body.description, position: body.position, active: body.active }),
    );
  }

  @Get('services')
  @Public()
  @ApiOperation({ operationId: 'bookings_list_services', summary: 'A shop’s active services with duration and base price, optionally of one category' })
  @ApiCachedRead(ServiceListDto, [404, SHOP_NOT_FOUND])
  async services(@Ctx() ctx: RequestContext, @Query() query: ListServicesQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.responses.send(
      request,
      reply,
      shopCacheNamespace(query.shop_id),
      `services?category=${query.category_id ?? ''}`,
      CATALOG_TTL_SECONDS,
      async () => {
        const { shop, services } = await this.queries.services(ctx, query.shop_id, query.category_id);
        return { data: services.map((service) => ServiceDto.from(service, shop.currency)) };
      },
    );
  }

  @Post('services')
  @Roles(ORG_MANAGER)
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'bookings_create_service', summary: 'Add a service with its duration and base price' })
  @ApiCreatedResponse({ type: ServiceDto })
  @ApiProblemResponse(400, 'category_id is not a category of this shop (BOOKINGS.VALIDATION_FAILED)')
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, 'The shop has not published its profile yet (BOOKINGS.SHOP_NOT_FOUND)')
  @ApiProblemResponse(409, NAME_TAKEN)
  async createService(@Ctx() ctx: RequestContext, @Body() body: CreateServiceDto): Promise<ServiceDto> {
    const service = await this.admin.addService(ctx, {
      categoryId: body.category_id,
      name: body.name,
      description: body.description ?? '',
      durationMinutes: body.duration_minutes,
      basePriceMinor: body.base_price_minor,
      active: body.active ?? true,
    });
    return this.withCurrency(ctx, service);
  }

  @Patch('services/:id')
  @Roles(ORG_MANAGER)
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'bookings_update_service', summary: 'Change a service; bookings already made keep the price they were quoted' })
  @ApiOkResponse({ type: ServiceDto })
  @ApiProblemResponse(400, 'category_id is not a category of this shop (BOOKINGS.VALIDATION_FAILED)')
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, SERVICE_NOT_FOUND)
  @ApiProblemResponse(409, NAME_TAKEN)
  async updateService(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: UpdateServiceDto): Promise<ServiceDto> {
    const service = await this.admin.updateService(ctx, id, {
      categoryId: body.category_id,
      name: body.name,
      description: body.description,
      durationMinutes: body.duration_minutes,
      basePriceMinor: body.base_price_minor,
      active: body.active,
    });
    return this.withCurrency(ctx, service);
  }

  @Get('services/:id/prices')
  @Roles(ORG_STAFF)
  @AcceptsApiKey()
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'bookings_get_service_prices', summary: 'A service with its prices per vehicle model' })
  @ApiOkResponse({ type: ServicePricesDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, SERVICE_NOT_FOUND)
  async prices(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<ServicePricesDto> {
    const { service, modelPrices } = await this.admin.getService(ctx, id);
    const base = await this.withCurrency(ctx, service);
    return { ...base, model_prices: modelPrices.map((entry) => ({ vehicle_model_id: entry.vehicleModelId, price_minor: entry.priceMinor })) };
  }

  @Put('services/:id/prices')
  @HttpCode(204)
  @Roles(ORG_MANAGER)
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'bookings_set_service_model_price', summary: 'Set the service’s price for one vehicle model (overrides the base price)' })
  @ApiNoContentResponse({ description: 'Saved' })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, SERVICE_NOT_FOUND)
  @ApiProblemResponse(422, MODEL_UNKNOWN)
  async setPrice(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: SetModelPriceDto): Promise<void> {
    await this.admin.setModelPrice(ctx, id, body.vehicle_model_id, body.price_minor);
  }

  @Delete('services/:id/prices')
  @HttpCode(204)
  @Roles(ORG_MANAGER)
  @ApiOrganizationHeader()
  @ApiOperation({ operationId: 'bookings_remove_service_model_price', summary: 'Remove a vehicle model’s price: the model pays the base price again' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, 'No such service, or no price for this model (BOOKINGS.SERVICE_NOT_FOUND)')
  async removePrice(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Query() query: ModelPriceQueryDto): Promise<void> {
    await this.admin.removeModelPrice(ctx, id, query.vehicle_model_id);
  }

  @Get('service-pricing/by-vehicle')
  @Public()
  @ApiOperation({ operationId: 'bookings_pricing_by_vehicle', summary: 'Every active service of a shop with its price for one vehicle model' })
  @ApiCachedRead(ModelPricingDto, [404, SHOP_NOT_FOUND], [422, MODEL_UNKNOWN])
  async pricing(@Ctx() ctx: RequestContext, @Query() query: PricingQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.responses.send(request, reply, shopCacheNamespace(query.shop_id), `pricing?model=${query.vehicle_model_id}`, PRICING_TTL_SECONDS, async () =>
      ModelPricingDto.from(await this.queries.pricingForModel(ctx, query.shop_id, query.vehicle_model_id)),
    );
  }

  private async withCurrency(ctx: RequestContext, service: Parameters<typeof ServiceDto.from>[0]): Promise<ServiceDto> {
    return ServiceDto.from(service, await this.queries.currency(ctx, service.orgId));
  }
}
