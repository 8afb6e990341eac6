import { Controller, Get, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { OrganizationFromPath } from '../../../../platform/auth/tenant.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Query, UuidParam } from '../../../../platform/http/params';
import type { RequestContext } from '../../../../platform/kernel';
import { ORG_STAFF } from '../../../organizations';
import { BackfillAnalyticsUseCase } from '../../application/backfill-analytics.use-case';
import { OrganizationAnalyticsQuery } from '../../application/organization-analytics.query';
import { AnalyticsBackfillDto, OrganizationAnalyticsDto, OrganizationAnalyticsQueryDto } from './analytics.dto';

const NO_CACHE = {
  name: 'Cache-Control',
  required: false,
  description: '`no-cache` recomputes the figures instead of serving them from the short-lived cache (ANALYTICS_CACHE_TTL_SECONDS)',
};
const RANGE_400 = 'from or to is not a date, to is before from, or the range covers more than 366 days (ANALYTICS.VALIDATION_FAILED, HTTP.VALIDATION_FAILED)';
const fresh = (cacheControl: string | undefined) => /(^|,)\s*(no-cache|no-store|max-age=0)\s*(,|$)/i.test(cacheControl ?? '');

@ApiTags('analytics')
@Controller('organizations/:orgId/analytics')
@OrganizationFromPath()
@Roles(ORG_STAFF)
export class OrganizationAnalyticsController {
  constructor(private readonly analytics: OrganizationAnalyticsQuery) {}

  @Get()
  @ApiOperation({
    operationId: 'analytics_organization',
    summary:
      'Figures by UTC day: listings created and their review outcomes, listing views, paid orders and revenue per currency, bookings, AI training sessions and average scores per member. Principals see the whole organization; managers and staff their own.',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiHeader(NO_CACHE)
  @ApiOkResponse({ type: OrganizationAnalyticsDto })
  @ApiProblemResponse(400, RANGE_400)
  @ApiProblemResponse(403, 'The organization is suspended')
  @ApiProblemResponse(404, 'No such organization, or the caller is not a member of it')
  async organization(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @Query() query: OrganizationAnalyticsQueryDto,
    @Headers('cache-control') cacheControl?: string,
  ): Promise<OrganizationAnalyticsDto> {
    return OrganizationAnalyticsDto.from(await this.analytics.execute(ctx, { orgId, from: query.from, to: query.to, fresh: fresh(cacheControl) }));
  }
}

@ApiTags('analytics')
@Controller('admin/organizations/:orgId/analytics')
@Roles(PLATFORM_ADMIN)
export class AdminAnalyticsController {
  constructor(
    private readonly analytics: OrganizationAnalyticsQuery,
    private readonly backfillUseCase: BackfillAnalyticsUseCase,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'analytics_admin_organization', summary: 'Any organization’s figures by day, as its principals see them (platform admins)' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiHeader(NO_CACHE)
  @ApiOkResponse({ type: OrganizationAnalyticsDto })
  @ApiProblemResponse(400, RANGE_400)
  @ApiProblemResponse(404, 'No such organization (ANALYTICS.NOT_FOUND)')
  async organization(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @Query() query: OrganizationAnalyticsQueryDto,
    @Headers('cache-control') cacheControl?: string,
  ): Promise<OrganizationAnalyticsDto> {
    return OrganizationAnalyticsDto.from(
      await this.analytics.execute(ctx, { orgId, from: query.from, to: query.to, fresh: fresh(cacheControl), asPlatformAdmin: true }),
    );
  }

  @Post('backfill')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'analytics_admin_backfill',
    summary:
      'Recompute an organization’s roll-ups from the owning contexts (listings and review outcomes, paid orders and refunds, bookings, training sessions): for the time before the analytics handlers ran. Idempotent, audited (analytics.backfilled); who handled an order or a booking is known only from events and is kept.',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: AnalyticsBackfillDto })
  @ApiProblemResponse(404, 'No such organization (ANALYTICS.NOT_FOUND)')
  async backfill(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string): Promise<AnalyticsBackfillDto> {
    return AnalyticsBackfillDto.from(await this.backfillUseCase.execute(ctx, { orgId }));
  }
}
