import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { RequestContext } from '../../../../platform/kernel';
import { DashboardQuery } from '../../application/dashboard.query';
import { AdminModeration } from '../../application/moderation';
import {
  DashboardDto,
  DashboardQueryDto,
  ListingDecisionDto,
  ListingUnderReviewDto,
  AdminModeratedListingDto,
  ModeratedListingPageDto,
  ModerationVerdictDto,
} from './admin.dto';

const NOT_FOUND = 'No such listing (MARKETPLACE.LISTING_NOT_FOUND)';

/** The operators' console's own operations (the console also uses organizations', users', catalog and audit routes). */
@ApiTags('admin')
@Controller('admin')
@Roles(PLATFORM_ADMIN)
export class AdminController {
  constructor(
    private readonly dashboardQuery: DashboardQuery,
    private readonly moderation: AdminModeration,
  ) {}

  @Get('dashboard')
  @ApiOperation({
    operationId: 'admin_dashboard',
    summary:
      'Sign-ups, orders paid and revenue, bookings, listings created, failed jobs per UTC day over a range; listings waiting for review (platform admins)',
  })
  @ApiOkResponse({ type: DashboardDto })
  @ApiProblemResponse(400, 'A bad range: from after to, or more than 90 days (ADMIN.INVALID_RANGE)')
  @ApiProblemResponse(403, 'Not a platform admin')
  async dashboard(@Ctx() ctx: RequestContext, @Query() query: DashboardQueryDto): Promise<DashboardDto> {
    return DashboardDto.from(await this.dashboardQuery.execute(ctx, { days: query.days, from: query.from, to: query.to }));
  }

  @Get('moderation/listings')
  @ApiOperation({ operationId: 'admin_moderation_listings', summary: 'Listings waiting for a human (needs_human), oldest first (platform admins)' })
  @ApiOkResponse({ type: ModeratedListingPageDto })
  @ApiProblemResponse(403, 'Not a platform admin')
  async queue(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto): Promise<ModeratedListingPageDto> {
    return ModeratedListingPageDto.from(await this.moderation.queue(ctx, query.toPageRequest()));
  }

  @Get('moderation/listings/:listingId')
  @ApiOperation({ operationId: 'admin_moderation_listing', summary: 'A listing with its verdicts, the AI gate’s beside the humans’ (platform admins)' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: ListingUnderReviewDto })
  @ApiProblemResponse(403, 'Not a platform admin')
  @ApiProblemResponse(404, NOT_FOUND)
  async listing(@Ctx() ctx: RequestContext, @UuidParam('listingId') listingId: string): Promise<ListingUnderReviewDto> {
    const { listing, verdicts } = await this.moderation.listing(ctx, listingId);
    return { listing: AdminModeratedListingDto.from(listing), verdicts: verdicts.map(ModerationVerdictDto.from) };
  }

  @Post('moderation/listings/:listingId/decision')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin_moderation_decide',
    summary: 'Approve or reject a listing waiting for a human, with a reason (platform admins; audited as marketplace.listing_verdict_overridden)',
  })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: AdminModeratedListingDto })
  @ApiProblemResponse(403, 'Not a platform admin')
  @ApiProblemResponse(404, NOT_FOUND)
  @ApiProblemResponse(409, 'The listing is not waiting for a decision (MARKETPLACE.INVALID_TRANSITION)')
  async decide(@Ctx() ctx: RequestContext, @UuidParam('listingId') listingId: string, @Body() body: ListingDecisionDto): Promise<AdminModeratedListingDto> {
    return AdminModeratedListingDto.from(await this.moderation.decide(ctx, { listingId, verdict: body.verdict, reason: body.reason }));
  }
}
