import { Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import type { RequestContext } from '../../../../platform/kernel';
import { AdminCatalog } from '../../application/catalog';
import {
  AdminBrandListQueryDto,
  AdminCatalogListQueryDto,
  AdminCreateVehicleBrandDto,
  AdminCreateVehicleModelDto,
  AdminCreateVehicleTypeDto,
  AdminModelListQueryDto,
  AdminUpdateVehicleBrandDto,
  AdminUpdateVehicleModelDto,
  AdminUpdateVehicleTypeDto,
  AdminVehicleBrandDto,
  AdminVehicleBrandPageDto,
  AdminVehicleModelDto,
  AdminVehicleModelPageDto,
  AdminVehicleTypeDto,
  AdminVehicleTypePageDto,
} from './admin-catalog.dto';

const NOT_ADMIN = 'Not a platform admin (AUTH.FORBIDDEN)';
const INVALID = 'Invalid fields (HTTP.VALIDATION_FAILED, CATALOG.VALIDATION_FAILED)';
const NO_TYPE = 'No vehicle type has this id (CATALOG.VEHICLE_TYPE_NOT_FOUND)';
const NO_BRAND = 'No vehicle brand has this id (CATALOG.VEHICLE_BRAND_NOT_FOUND)';
const NO_MODEL = 'No vehicle model has this id (CATALOG.VEHICLE_MODEL_NOT_FOUND)';
const BAD_TYPES = 'A vehicle type is unknown or retired (CATALOG.UNKNOWN_VEHICLE_TYPE, CATALOG.VEHICLE_TYPE_RETIRED)';
const BAD_MODEL_REFS =
  'The brand or type is unknown or retired, or the brand does not make the type (CATALOG.UNKNOWN_VEHICLE_BRAND, CATALOG.VEHICLE_BRAND_RETIRED, CATALOG.UNKNOWN_VEHICLE_TYPE, CATALOG.VEHICLE_TYPE_RETIRED, CATALOG.VEHICLE_TYPE_NOT_OFFERED_BY_BRAND)';

/**
 * The catalog in the operators' console: the catalog's own use cases (the same as the /catalog write routes), with
 * retired entries listed on request and reads never cached. Every write is audited as `catalog.*`.
 */
@ApiTags('admin')
@Controller('admin/catalog')
@Roles(PLATFORM_ADMIN)
export class AdminCatalogController {
  constructor(private readonly catalog: AdminCatalog) {}

  // ---------------------------------------------------------------- vehicle types

  @Get('vehicle-types')
  @ApiOperation({ operationId: 'admin_catalog_vehicle_types_list', summary: 'Vehicle types by name, searched, active, retired or all (platform admins)' })
  @ApiOkResponse({ type: AdminVehicleTypePageDto })
  @ApiProblemResponse(400, INVALID)
  @ApiProblemResponse(403, NOT_ADMIN)
  async listTypes(@Ctx() ctx: RequestContext, @Query() query: AdminCatalogListQueryDto): Promise<AdminVehicleTypePageDto> {
    return AdminVehicleTypePageDto.from(await this.catalog.listTypes(ctx, { search: query.q || undefined, status: query.status }, query.toPageRequest()));
  }

  @Get('vehicle-types/:id')
  @ApiOperation({ operationId: 'admin_catalog_vehicle_types_get', summary: 'A vehicle type, retired ones included (platform admins)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AdminVehicleTypeDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_TYPE)
  async getType(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<AdminVehicleTypeDto> {
    return AdminVehicleTypeDto.from(await this.catalog.getType(ctx, id));
  }

  @Post('vehicle-types')
  @ApiOperation({ operationId: 'admin_catalog_vehicle_types_create', summary: 'Add a vehicle type (platform admins; audited as catalog.vehicle_type_created)' })
  @ApiCreatedResponse({ type: AdminVehicleTypeDto })
  @ApiProblemResponse(400, INVALID)
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(409, 'Another vehicle type has this slug (CATALOG.VEHICLE_TYPE_SLUG_TAKEN)')
  async createType(@Ctx() ctx: RequestContext, @Body() body: AdminCreateVehicleTypeDto): Promise<AdminVehicleTypeDto> {
    return AdminVehicleTypeDto.from(await this.catalog.createType(ctx, { name: body.name, slug: body.slug ?? undefined }));
  }

  @Patch('vehicle-types/:id')
  @ApiOperation({
    operationId: 'admin_catalog_vehicle_types_update',
    summary: 'Rename a vehicle type or change its slug (platform admins; audited as catalog.vehicle_type_updated)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AdminVehicleTypeDto })
  @ApiProblemResponse(400, INVALID)
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_TYPE)
  @ApiProblemResponse(409, 'Another vehicle type has this slug (CATALOG.VEHICLE_TYPE_SLUG_TAKEN)')
  async updateType(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: AdminUpdateVehicleTypeDto): Promise<AdminVehicleTypeDto> {
    return AdminVehicleTypeDto.from(await this.catalog.updateType(ctx, id, { name: body.name, slug: body.slug }));
  }

  @Post('vehicle-types/:id/retire')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin_catalog_vehicle_types_retire',
    summary:
      'Retire a vehicle type: it leaves the public lists but still resolves by id. Idempotent (platform admins; audited as catalog.vehicle_type_retired)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AdminVehicleTypeDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_TYPE)
  async retireType(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<AdminVehicleTypeDto> {
    return AdminVehicleTypeDto.from(await this.catalog.retireType(ctx, id));
  }

  // ---------------------------------------------------------------- vehicle brands

  @Get('vehicle-brands')
  @ApiOperation({
    operationId: 'admin_catalog_vehicle_brands_list',
    summary: 'Vehicle brands by name, searched, by vehicle type, active, retired or all (platform admins)',
  })
  @ApiOkResponse({ type: AdminVehicleBrandPageDto })
  @ApiProblemResponse(400, INVALID)
  @ApiProblemResponse(403, NOT_ADMIN)
  async listBrands(@Ctx() ctx: RequestContext, @Query() query: AdminBrandListQueryDto): Promise<AdminVehicleBrandPageDto> {
    const filter = { search: query.q || undefined, status: query.status, vehicleTypeId: query.vehicle_type };
    return AdminVehicleBrandPageDto.from(await this.catalog.listBrands(ctx, filter, query.toPageRequest()));
  }

  @Get('vehicle-brands/:id')
  @ApiOperation({ operationId: 'admin_catalog_vehicle_brands_get', summary: 'A vehicle brand, retired ones included (platform admins)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AdminVehicleBrandDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_BRAND)
  async getBrand(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<AdminVehicleBrandDto> {
    return AdminVehicleBrandDto.fromBrand(await this.catalog.getBrand(ctx, id));
  }

  @Post('vehicle-brands')
  @ApiOperation({
    operationId: 'admin_catalog_vehicle_brands_create',
    summary: 'Add a vehicle brand with the vehicle types it makes (platform admins; audited as catalog.vehicle_brand_created)',
  })
  @ApiCreatedResponse({ type: AdminVehicleBrandDto })
  @ApiProblemResponse(400, INVALID)
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(409, 'Another vehicle brand has this slug (CATALOG.VEHICLE_BRAND_SLUG_TAKEN)')
  @ApiProblemResponse(422, BAD_TYPES)
  async createBrand(@Ctx() ctx: RequestContext, @Body() body: AdminCreateVehicleBrandDto): Promise<AdminVehicleBrandDto> {
    return AdminVehicleBrandDto.fromBrand(
      await this.catalog.createBrand(ctx, { name: body.name, slug: body.slug ?? undefined, vehicleTypeIds: body.vehicle_type_ids }),
    );
  }

  @Patch('vehicle-brands/:id')
  @ApiOperation({
    operationId: 'admin_catalog_vehicle_brands_update',
    summary: 'Rename a vehicle brand, change its slug or its vehicle types (platform admins; audited as catalog.vehicle_brand_updated)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AdminVehicleBrandDto })
  @ApiProblemResponse(400, INVALID)
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_BRAND)
  @ApiProblemResponse(409, 'The slug is taken (CATALOG.VEHICLE_BRAND_SLUG_TAKEN), or a removed type is still used by its models (CATALOG.VEHICLE_TYPE_IN_USE)')
  @ApiProblemResponse(422, BAD_TYPES)
  async updateBrand(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: AdminUpdateVehicleBrandDto): Promise<AdminVehicleBrandDto> {
    return AdminVehicleBrandDto.fromBrand(await this.catalog.updateBrand(ctx, id, { name: body.name, slug: body.slug, vehicleTypeIds: body.vehicle_type_ids }));
  }

  @Post('vehicle-brands/:id/retire')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin_catalog_vehicle_brands_retire',
    summary: 'Retire a vehicle brand: it and its models leave the public lists. Idempotent (platform admins; audited as catalog.vehicle_brand_retired)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AdminVehicleBrandDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_BRAND)
  async retireBrand(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<AdminVehicleBrandDto> {
    return AdminVehicleBrandDto.fromBrand(await this.catalog.retireBrand(ctx, id));
  }

  // ---------------------------------------------------------------- vehicle models

  @Get('vehicle-models')
  @ApiOperation({
    operationId: 'admin_catalog_vehicle_models_list',
    summary: 'Vehicle models by brand then name, searched, by brand or type, active, retired or all (platform admins)',
  })
  @ApiOkResponse({ type: AdminVehicleModelPageDto })
  @ApiProblemResponse(400, INVALID)
  @ApiProblemResponse(403, NOT_ADMIN)
  async listModels(@Ctx() ctx: RequestContext, @Query() query: AdminModelListQueryDto): Promise<AdminVehicleModelPageDto> {
    const filter = { search: query.q || undefined, status: query.status, vehicleBrandId: query.vehicle_brand, vehicleTypeId: query.vehicle_type };
    return AdminVehicleModelPageDto.from(await this.catalog.listModels(ctx, filter, query.toPageRequest()));
  }

  @Get('vehicle-models/:id')
  @ApiOperation({ operationId: 'admin_catalog_vehicle_models_get', summary: 'A vehicle model, retired ones included (platform admins)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AdminVehicleModelDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_MODEL)
  async getModel(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<AdminVehicleModelDto> {
    return AdminVehicleModelDto.fromModel(await this.catalog.getModel(ctx, id));
  }

  @Post('vehicle-models')
  @ApiOperation({
    operationId: 'admin_catalog_vehicle_models_create',
    summary: 'Add a vehicle model (platform admins; audited as catalog.vehicle_model_created)',
  })
  @ApiCreatedResponse({ type: AdminVehicleModelDto })
  @ApiProblemResponse(400, INVALID)
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(409, 'The brand already has a model with this slug (CATALOG.VEHICLE_MODEL_SLUG_TAKEN)')
  @ApiProblemResponse(422, BAD_MODEL_REFS)
  async createModel(@Ctx() ctx: RequestContext, @Body() body: AdminCreateVehicleModelDto): Promise<AdminVehicleModelDto> {
    return AdminVehicleModelDto.fromModel(
      await this.catalog.createModel(ctx, {
        brandId: body.vehicle_brand_id,
        typeId: body.vehicle_type_id,
        name: body.name,
        slug: body.slug ?? undefined,
        firstYear: body.first_year,
        lastYear: body.last_year,
        engineCc: body.engine_cc,
      }),
    );
  }

  @Patch('vehicle-models/:id')
  @ApiOperation({
    operationId: 'admin_catalog_vehicle_models_update',
    summary: 'Change a vehicle model’s name, slug, type, years or engine size (platform admins; audited as catalog.vehicle_model_updated)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AdminVehicleModelDto })
  @ApiProblemResponse(400, INVALID)
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_MODEL)
  @ApiProblemResponse(409, 'The brand already has a model with this slug (CATALOG.VEHICLE_MODEL_SLUG_TAKEN)')
  @ApiProblemResponse(422, BAD_MODEL_REFS)
  async updateModel(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: AdminUpdateVehicleModelDto): Promise<AdminVehicleModelDto> {
    return AdminVehicleModelDto.fromModel(
      await this.catalog.updateModel(ctx, id, {
        typeId: body.vehicle_type_id,
        name: body.name,
        slug: body.slug ?? undefined,
        firstYear: body.first_year,
        lastYear: body.last_year,
        engineCc: body.engine_cc,
      }),
    );
  }

  @Post('vehicle-models/:id/retire')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin_catalog_vehicle_models_retire',
    summary:
      'Retire a vehicle model: it leaves the public lists but still resolves by id. Idempotent (platform admins; audited as catalog.vehicle_model_retired)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AdminVehicleModelDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, NO_MODEL)
  async retireModel(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<AdminVehicleModelDto> {
    return AdminVehicleModelDto.fromModel(await this.catalog.retireModel(ctx, id));
  }
}
