import { Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../../../platform/auth/public.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { VehicleBrandsService } from '../../application/vehicle-brands.service';
import { ApiCachedRead } from './catalog-http';
import { CatalogResponses } from './catalog-responses';
import { CreateVehicleBrandDto, ListVehicleBrandsQueryDto, UpdateVehicleBrandDto } from './catalog.request.dto';
import { VehicleBrandDto, VehicleBrandPageDto } from './catalog.response.dto';
import { cacheKey } from './http-cache';

const NOT_FOUND = 'No vehicle brand has this id (CATALOG.VEHICLE_BRAND_NOT_FOUND)';
const SLUG_TAKEN = 'Another vehicle brand has this slug (CATALOG.VEHICLE_BRAND_SLUG_TAKEN)';
const BAD_TYPES = 'A vehicle type is unknown or retired (CATALOG.UNKNOWN_VEHICLE_TYPE, CATALOG.VEHICLE_TYPE_RETIRED)';

@ApiTags('catalog')
@Controller('catalog/vehicle-brands')
export class VehicleBrandsController {
  constructor(
    private readonly brands: VehicleBrandsService,
    private readonly responses: CatalogResponses,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'catalog_list_vehicle_brands',
    summary: 'Active vehicle brands by name, optionally those making one vehicle type or matching a search',
  })
  @ApiCachedRead(VehicleBrandPageDto)
  async list(@Ctx() ctx: RequestContext, @Query() query: ListVehicleBrandsQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const page = query.toPageRequest();
    const key = cacheKey('brands', { vehicle_type: query.vehicle_type, q: query.q, page: page.page, limit: page.limit });
    await this.responses.send(request, reply, key, async () =>
      VehicleBrandPageDto.from(await this.brands.list(ctx, { vehicleTypeId: query.vehicle_type, search: query.q }, page)),
    );
  }

  @Get(':id')
  @Public()
  @ApiOperation({ operationId: 'catalog_get_vehicle_brand', summary: 'One vehicle brand, retired ones included' })
  @ApiCachedRead(VehicleBrandDto, NOT_FOUND)
  async get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.responses.send(request, reply, cacheKey(`brands/${id}`), async () => VehicleBrandDto.from(await this.brands.get(ctx, id)));
  }

  @Post()
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({ operationId: 'catalog_create_vehicle_brand', summary: 'Add a vehicle brand with the vehicle types it makes' })
  @ApiCreatedResponse({ type: VehicleBrandDto })
  @ApiProblemResponse(409, SLUG_TAKEN)
  @ApiProblemResponse(422, BAD_TYPES)
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateVehicleBrandDto): Promise<VehicleBrandDto> {
    return VehicleBrandDto.from(await this.brands.create(ctx, { name: body.name, slug: body.slug, vehicleTypeIds: body.vehicle_type_ids }));
  }

  @Patch(':id')
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({ operationId: 'catalog_update_vehicle_brand', summary: 'Rename a vehicle brand, change its slug or the vehicle types it makes' })
  @ApiOkResponse({ type: VehicleBrandDto })
  @ApiProblemResponse(404, NOT_FOUND)
  @ApiProblemResponse(409, `${SLUG_TAKEN}, or a removed type is still used by its models (CATALOG.VEHICLE_TYPE_IN_USE)`)
  @ApiProblemResponse(422, BAD_TYPES)
  async update(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: UpdateVehicleBrandDto): Promise<VehicleBrandDto> {
    return VehicleBrandDto.from(await this.brands.update(ctx, id, { name: body.name, slug: body.slug, vehicleTypeIds: body.vehicle_type_ids }));
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({
    operationId: 'catalog_retire_vehicle_brand',
    summary: 'Retire a vehicle brand: it and its models leave the public lists but still resolve by id. Idempotent.',
  })
  @ApiOkResponse({ type: VehicleBrandDto })
  @ApiProblemResponse(404, NOT_FOUND)
  async retire(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<VehicleBrandDto> {
    return VehicleBrandDto.from(await this.brands.retire(ctx, id));
  }
}
