import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { RequestContext } from '../../../../platform/kernel';
import { ListingQueries } from '../../application/queries/listing.queries';
import { OverrideVerdictUseCase, ReReviewUseCase } from '../../application/use-cases/moderation.use-case';
import { ListingDto, ListingPageDto, VerdictDto } from './listings.response.dto';

const REASON = /^(?:[^\p{Cc}\p{Cf}]|\r?\n)*$/u;
const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class ReasonDto {
  @ApiProperty({ minLength: 3, maxLength: 1000, description: 'Why (kept in the listing’s history and the audit log)' })
  @Trim()
  @IsString()
  @Length(3, 1000)
  @Matches(REASON, { message: 'reason must not contain control characters' })
  reason: string;
}

export class OverrideDto extends ReasonDto {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsIn(['approved', 'rejected'])
  verdict: 'approved' | 'rejected';
}

export class ModeratedListingDto {
  @ApiProperty({ type: ListingDto }) listing: ListingDto;
  @ApiProperty({ type: [VerdictDto] }) verdicts: VerdictDto[];
}

const NOT_FOUND = 'No such listing (MARKETPLACE.LISTING_NOT_FOUND)';

/** Platform admins moderate listings: the queue of listings waiting for a human, overrides and re-reviews (audited). */
@ApiTags('marketplace')
@Controller('moderation/listings')
@Roles(PLATFORM_ADMIN)
export class ModerationController {
  constructor(
    private readonly queries: ListingQueries,
    private readonly override: OverrideVerdictUseCase,
    private readonly reReview: ReReviewUseCase,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'moderation_listings_queue', summary: 'Listings waiting for a human, oldest first (platform admins)' })
  @ApiOkResponse({ type: ListingPageDto })
  @ApiProblemResponse(403, 'Not a platform admin')
  async queue(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto): Promise<ListingPageDto> {
    return ListingPageDto.from(await this.queries.moderationQueue(ctx, query.toPageRequest()));
  }

  @Get(':listingId')
  @ApiOperation({ operationId: 'moderation_listings_get', summary: 'Any listing, in any status, with its verdict history (platform admins)' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: ModeratedListingDto })
  @ApiProblemResponse(403, 'Not a platform admin')
  @ApiProblemResponse(404, NOT_FOUND)
  async one(@Ctx() ctx: RequestContext, @UuidParam('listingId') listingId: string): Promise<ModeratedListingDto> {
    const { view, verdicts } = await this.queries.forModerator(ctx, listingId);
    return { listing: ListingDto.from(view), verdicts: verdicts.map(VerdictDto.from) };
  }

  @Post(':listingId/decision')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'moderation_listings_decide',
    summary: 'Approve or reject a listing waiting for a human, or approve a rejected one (override); the reason is recorded and audited',
  })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: ListingDto })
  @ApiProblemResponse(403, 'Not a platform admin')
  @ApiProblemResponse(404, NOT_FOUND)
  @ApiProblemResponse(409, 'The listing is not waiting for a decision (MARKETPLACE.INVALID_TRANSITION)')
  async decide(@Ctx() ctx: RequestContext, @UuidParam('listingId') listingId: string, @Body() body: OverrideDto): Promise<ListingDto> {
    return ListingDto.from({ listing: await this.override.execute(ctx, { listingId, verdict: body.verdict, reason: body.reason }), owner: true });
  }

  @Post(':listingId/re-review')
  @HttpCode(200)
  @ApiOperation({ operationId: 'moderation_listings_re_review', summary: 'Send a tune through the safety gate again (audited)' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: ListingDto })
  @ApiProblemResponse(403, 'Not a platform admin')
  @ApiProblemResponse(404, NOT_FOUND)
  @ApiProblemResponse(409, 'Not a tune, or its status does not allow a review (MARKETPLACE.INVALID_TRANSITION)')
  async again(@Ctx() ctx: RequestContext, @UuidParam('listingId') listingId: string, @Body() body: ReasonDto): Promise<ListingDto> {
    return ListingDto.from({ listing: await this.reReview.execute(ctx, { listingId, reason: body.reason }), owner: true });
  }
}
