import { Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../../../platform/auth/public.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { VehicleModelsService } from '../../application/vehicle-models.service';
import { ApiCachedRead } from './catalog-http';
import { CatalogResponses } from './catalog-responses';
import { CreateVehicleModelDto, ListVehicleModelsQueryDto, UpdateVehicleModelDto } from './catalog.request.dto';
import { VehicleModelDto, VehicleModelPageDto } from './catalog.response.dto';
import { cacheKey } from './http-cache';

const NOT_FOUND = 'No vehicle model has this id (CATALOG.VEHICLE_MODEL_NOT_FOUND)';
const SLUG_TAKEN = 'The brand already has a model with this slug (CATALOG.VEHICLE_MODEL_SLUG_TAKEN)';
const BAD_REFERENCES =
  'The brand or type is unknown or retired, or the brand does not make that type ' +
  '(CATALOG.UNKNOWN_VEHICLE_BRAND, CATALOG.VEHICLE_BRAND_RETIRED, CATALOG.UNKNOWN_VEHICLE_TYPE, CATALOG.VEHICLE_TYPE_RETIRED, CATALOG.VEHICLE_TYPE_NOT_OFFERED_BY_BRAND)';

@ApiTags('catalog')
@Controller('catalog/vehicle-models')
export class VehicleModelsController {
  constructor(
    private readonly models: VehicleModelsService,
    private readonly responses: CatalogResponses,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'catalog_list_vehicle_models',
    summary: 'Active vehicle models by brand and name, filtered by brand, type, model year and name search',
  })
  @ApiCachedRead(VehicleModelPageDto)
  async list(@Ctx() ctx: RequestContext, @Query() query: ListVehicleModelsQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const page = query.toPageRequest();
    const filter = { vehicleBrandId: query.vehicle_brand, vehicleTypeId: query.vehicle_type, year: query.year, search: query.q };
    const key = cacheKey('models', {
      vehicle_brand: query.vehicle_brand,
      vehicle_type: query.vehicle_type,
      year: query.year,
      q: query.q,
      page: page.page,
      limit: page.limit,
    });
    await this.responses.send(request, reply, key, async () => VehicleModelPageDto.from(await this.models.list(ctx, filter, page)));
  }

  @Get(':id')
  @Public()
  @ApiOperation({ operationId: 'catalog_get_vehicle_model', summary: 'One vehicle model, retired ones included' })
  @ApiCachedRead(VehicleModelDto, NOT_FOUND)
  async get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.responses.send(request, reply, cacheKey(`models/${id}`), async () => VehicleModelDto.from(await this.models.get(ctx, id)));
  }

  @Post()
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({ operationId: 'catalog_create_vehicle_model', summary: 'Add a vehicle model to a brand' })
  @ApiCreatedResponse({ type: VehicleModelDto })
  @ApiProblemResponse(409, SLUG_TAKEN)
  @ApiProblemResponse(422, BAD_REFERENCES)
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateVehicleModelDto): Promise<VehicleModelDto> {
    const model = await this.models.create(ctx, {
      brandId: body.vehicle_brand_id,
      typeId: body.vehicle_type_id,
      name: body.name,
      slug: body.slug,
      firstYear: body.first_year,
      lastYear: body.last_year,
      engineCc: body.engine_cc,
    });
    return VehicleModelDto.from(model);
  }

  @Patch(':id')
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({ operationId: 'catalog_update_vehicle_model', summary: 'Change a vehicle model; null clears last_year (still made) or engine_cc' })
  @ApiOkResponse({ type: VehicleModelDto })
  @ApiProblemResponse(404, NOT_FOUND)
  @ApiProblemResponse(409, SLUG_TAKEN)
  @ApiProblemResponse(422, BAD_REFERENCES)
  async update(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: UpdateVehicleModelDto): Promise<VehicleModelDto> {
    const model = await this.models.update(ctx, id, {
      typeId: body.vehicle_type_id,
      name: body.name,
      slug: body.slug,
      firstYear: body.first_year,
      lastYear: body.last_year,
      engineCc: body.engine_cc,
    });
    return VehicleModelDto.from(model);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({
    operationId: 'catalog_retire_vehicle_model',
    summary: 'Retire a vehicle model: it leaves the public lists but still resolves by id. Idempotent.',
  })
  @ApiOkResponse({ type: VehicleModelDto })
  @ApiProblemResponse(404, NOT_FOUND)
  async retire(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<VehicleModelDto> {
    return VehicleModelDto.from(await this.models.retire(ctx, id));
  }
}
