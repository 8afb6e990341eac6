import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { PageMetaDto, PageQueryDto } from '../../../../platform/http/pagination.dto';
import { sortChoices, toSortOrder, type Page, type RequestContext } from '../../../../platform/kernel';
import { FEATURED_SORTS, type FeaturedPlacement, type FeaturedSort } from '../../../marketplace';
import { AdminFeatured } from '../../application/featured';
import { AdminOptionalReasonDto } from './admin-commerce.dto';

const STATES = ['scheduled', 'running', 'ended'] as const;
const NOT_ADMIN = 'Not a platform admin (AUTH.FORBIDDEN)';

export class AdminFeaturedQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATES, description: 'Where the window stands now' }) @IsOptional() @IsIn(STATES) state?: (typeof STATES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() listing_id?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The seller' }) @IsOptional() @IsUUID() organization_id?: string;
  @ApiPropertyOptional({ enum: sortChoices(FEATURED_SORTS), description: 'The order: a field, descending with a leading "-" (default -created_at)' })
  @IsOptional()
  @IsIn(sortChoices(FEATURED_SORTS))
  sort?: string;
}

export class AdminFeatureDto {
  @ApiProperty({ format: 'uuid', description: 'A published listing' }) @IsUUID() listing_id: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) starts_at: string;
  @ApiProperty({ format: 'date-time', description: 'After starts_at' }) @IsISO8601({ strict: true }) ends_at: string;
  @ApiProperty({ minimum: 1, maximum: 1000, description: '1 shows first' }) @Type(() => Number) @IsInt() @Min(1) @Max(1000) rank: number;
}

export class AdminFeaturedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) listing_id: string;
  @ApiProperty() listing_title: string;
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty({ format: 'date-time' }) starts_at: string;
  @ApiProperty({ format: 'date-time' }) ends_at: string;
  @ApiProperty({ minimum: 1, maximum: 1000 }) rank: number;
  @ApiProperty({ enum: STATES }) state: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) created_by: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;

  static from(p: FeaturedPlacement): AdminFeaturedDto {
    return {
      id: p.id,
      listing_id: p.listingId,
      listing_title: p.listingTitle,
      org_id: p.orgId,
      starts_at: p.startsAt.toISOString(),
      ends_at: p.endsAt.toISOString(),
      rank: p.rank,
      state: p.state,
      created_by: p.createdBy,
      created_at: p.createdAt.toISOString(),
    };
  }
}

export class AdminFeaturedPageDto {
  @ApiProperty({ type: [AdminFeaturedDto] }) data: AdminFeaturedDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<FeaturedPlacement>): AdminFeaturedPageDto {
    return { data: page.data.map(AdminFeaturedDto.from), meta: page.meta };
  }
}

/** Featured placements of marketplace listings in the operators' console. */
@ApiTags('admin')
@Controller('admin/featured-placements')
@Roles(PLATFORM_ADMIN)
export class AdminFeaturedController {
  constructor(private readonly featured: AdminFeatured) {}

  @Get()
  @ApiOperation({
    operationId: 'admin_featured_placements_list',
    summary: 'Featured placements, filtered by state (scheduled, running, ended), listing and seller, sorted (default newest first) (platform admins)',
  })
  @ApiOkResponse({ type: AdminFeaturedPageDto })
  @ApiProblemResponse(400, 'A filter or sort outside the allowed values (HTTP.VALIDATION_FAILED)')
  @ApiProblemResponse(403, NOT_ADMIN)
  async list(@Ctx() ctx: RequestContext, @Query() query: AdminFeaturedQueryDto): Promise<AdminFeaturedPageDto> {
    const filter = { state: query.state, listingId: query.listing_id, orgId: query.organization_id };
    const sort = toSortOrder(query.sort, { field: 'created_at', descending: true }) as FeaturedSort;
    return AdminFeaturedPageDto.from(await this.featured.list(ctx, filter, sort, query.toPageRequest()));
  }

  @Get(':placementId')
  @ApiOperation({ operationId: 'admin_featured_placements_get', summary: 'A featured placement (platform admins)' })
  @ApiOkResponse({ type: AdminFeaturedDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, 'No such placement (MARKETPLACE.LISTING_NOT_FOUND)')
  async get(@Ctx() ctx: RequestContext, @UuidParam('placementId') placementId: string): Promise<AdminFeaturedDto> {
    return AdminFeaturedDto.from(await this.featured.get(ctx, placementId));
  }

  @Post()
  @ApiOperation({
    operationId: 'admin_featured_placements_create',
    summary: 'Feature a published listing in a window [starts_at, ends_at) with a rank (platform admins; audited as marketplace.listing_featured)',
  })
  @ApiCreatedResponse({ type: AdminFeaturedDto })
  @ApiProblemResponse(400, 'ends_at not after starts_at, or a bad field')
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, 'No such published listing')
  async create(@Ctx() ctx: RequestContext, @Body() body: AdminFeatureDto): Promise<AdminFeaturedDto> {
    const input = { listingId: body.listing_id, startsAt: new Date(body.starts_at), endsAt: new Date(body.ends_at), rank: body.rank };
    return AdminFeaturedDto.from(await this.featured.create(ctx, input));
  }

  @Post(':placementId/end')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin_featured_placements_end',
    summary: 'End a scheduled or running placement now (platform admins; audited as admin.featured_placement_ended)',
  })
  @ApiOkResponse({ type: AdminFeaturedDto })
  @ApiProblemResponse(403, NOT_ADMIN)
  @ApiProblemResponse(404, 'No such placement, or it has ended already')
  async end(@Ctx() ctx: RequestContext, @UuidParam('placementId') placementId: string, @Body() body: AdminOptionalReasonDto): Promise<AdminFeaturedDto> {
    return AdminFeaturedDto.from(await this.featured.end(ctx, placementId, body.reason));
  }
}
