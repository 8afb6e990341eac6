import { Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../../../platform/auth/public.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import type { RequestContext } from '../../../../platform/kernel';
import { VehicleTypesService } from '../../application/vehicle-types.service';
import { ApiCachedRead } from './catalog-http';
import { CatalogResponses } from './catalog-responses';
import { CreateVehicleTypeDto, ListVehicleTypesQueryDto, UpdateVehicleTypeDto } from './catalog.request.dto';
import { VehicleTypeDto, VehicleTypePageDto } from './catalog.response.dto';
import { cacheKey } from './http-cache';

@ApiTags('catalog')
@Controller('catalog/vehicle-types')
export class VehicleTypesController {
  constructor(
    private readonly types: VehicleTypesService,
    private readonly responses: CatalogResponses,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ operationId: 'catalog_list_vehicle_types', summary: 'Active vehicle types (scooter, motorcycle, car…), by name' })
  @ApiCachedRead(VehicleTypePageDto)
  async list(@Ctx() ctx: RequestContext, @Query() query: ListVehicleTypesQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const page = query.toPageRequest();
    await this.responses.send(request, reply, cacheKey('types', { page: page.page, limit: page.limit }), async () =>
      VehicleTypePageDto.from(await this.types.list(ctx, {}, page)),
    );
  }

  @Get(':id')
  @Public()
  @ApiOperation({ operationId: 'catalog_get_vehicle_type', summary: 'One vehicle type, retired ones included' })
  @ApiCachedRead(VehicleTypeDto, 'No vehicle type has this id (CATALOG.VEHICLE_TYPE_NOT_FOUND)')
  async get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.responses.send(request, reply, cacheKey(`types/${id}`), async () => VehicleTypeDto.from(await this.types.get(ctx, id)));
  }

  @Post()
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({ operationId: 'catalog_create_vehicle_type', summary: 'Add a vehicle type' })
  @ApiCreatedResponse({ type: VehicleTypeDto })
  @ApiProblemResponse(409, 'Another vehicle type has this slug (CATALOG.VEHICLE_TYPE_SLUG_TAKEN)')
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateVehicleTypeDto): Promise<VehicleTypeDto> {
    return VehicleTypeDto.from(await this.types.create(ctx, { name: body.name, slug: body.slug }));
  }

  @Patch(':id')
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({ operationId: 'catalog_update_vehicle_type', summary: 'Rename a vehicle type or change its slug' })
  @ApiOkResponse({ type: VehicleTypeDto })
  @ApiProblemResponse(404, 'No vehicle type has this id (CATALOG.VEHICLE_TYPE_NOT_FOUND)')
  @ApiProblemResponse(409, 'Another vehicle type has this slug (CATALOG.VEHICLE_TYPE_SLUG_TAKEN)')
  async update(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: UpdateVehicleTypeDto): Promise<VehicleTypeDto> {
    return VehicleTypeDto.from(await this.types.update(ctx, id, { name: body.name, slug: body.slug }));
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({
    operationId: 'catalog_retire_vehicle_type',
    summary: 'Retire a vehicle type: it leaves the public lists (with its brands’ models of that type) but still resolves by id. Idempotent.',
  })
  @ApiOkResponse({ type: VehicleTypeDto })
  @ApiProblemResponse(404, 'No vehicle type has this id (CATALOG.VEHICLE_TYPE_NOT_FOUND)')
  async retire(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<VehicleTypeDto> {
    return VehicleTypeDto.from(await this.types.retire(ctx, id));
  }
}
