import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Public } from '../../../../platform/auth/public.decorator';
import { PLATFORM_ADMIN, Roles } from '../../../../platform/auth/roles.decorator';
import { ORG_STAFF } from '../../../organizations';
import { OrganizationFromPath } from '../../../../platform/auth/tenant.decorator';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { PageMetaDto, PageQueryDto } from '../../../../platform/http/pagination.dto';
import { DomainError, type RequestContext } from '../../../../platform/kernel';
import type { ReviewRecord, SearchHit } from '../../application/ports';
import {
  AnalyticsQuery,
  FavouritesUseCases,
  FeatureListingUseCase,
  ReviewsUseCases,
  SearchListingsQuery,
} from '../../application/use-cases/engagement.use-case';
import { LISTING_KINDS, ListingKind } from '../../domain';
import { ListingDto, ListingPageDto } from './listings.response.dto';
import { ReasonDto } from './moderation.controller';

const TEXT = /^(?:[^\p{Cc}\p{Cf}]|\r?\n)*$/u;
const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const SORTS = ['relevance', 'newest', 'price_asc', 'price_desc', 'rating'] as const;
const FEATURED_SLOTS = 3;

function ratingAverage(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round((sum / count) * 100) / 100;
}

export class SearchListingsQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Full-text search (typos tolerated on titles)' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  @Matches(TEXT)
  q?: string;

  @ApiPropertyOptional({ enum: LISTING_KINDS }) @IsOptional() @IsIn(LISTING_KINDS) kind?: ListingKind;
  @ApiPropertyOptional({ format: 'uuid', description: 'Seller organization' }) @IsOptional() @IsUUID() org_id?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Catalog model (targets or fits it)' }) @IsOptional() @IsUUID() model_id?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Catalog brand (of a model the listing targets, fits or is)' })
  @IsOptional()
  @IsUUID()
  brand_id?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Catalog vehicle type (of a model the listing targets, fits or is)' })
  @IsOptional()
  @IsUUID()
  vehicle_type_id?: string;
  @ApiPropertyOptional({ description: 'new, used, refurbished, certified_pre_owned, or a tune stage' })
  @IsOptional()
  @IsIn(['new', 'used', 'refurbished', 'certified_pre_owned', 'stage1', 'stage2', 'stage3', 'custom'])
  condition?: string;
  @ApiPropertyOptional({ example: 'EUR' }) @IsOptional() @Matches(/^[A-Z]{3}$/) currency?: string;
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100_000_000_000) price_min?: number;
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100_000_000_000) price_max?: number;
  @ApiPropertyOptional({ minimum: 1886, maximum: 2100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1886) @Max(2100) year_min?: number;
  @ApiPropertyOptional({ minimum: 1886, maximum: 2100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1886) @Max(2100) year_max?: number;
  @ApiPropertyOptional({ enum: SORTS, default: 'relevance', description: 'relevance needs q (otherwise newest)' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: (typeof SORTS)[number];
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional({ description: 'next_cursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  @Matches(/^[A-Za-z0-9_-]+$/)
  cursor?: string;
}

export class SearchItemDto extends ListingDto {
  @ApiProperty({ description: 'Active featured placement (premium)' }) featured: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Average of visible reviews, 2 decimals' }) rating_average: number | null;
  @ApiProperty() rating_count: number;

  static fromHit(hit: SearchHit): SearchItemDto {
    return {
      ...ListingDto.from({ listing: hit.listing, owner: false }),
      featured: hit.featured,
      rating_average: ratingAverage(hit.ratingSum, hit.ratingCount),
      rating_count: hit.ratingCount,
    };
  }
}

export class SearchPageDto {
  @ApiProperty({ type: [SearchItemDto], description: 'Featured listings first (first page only), then results' }) data: SearchItemDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null at the end' }) next_cursor: string | null;
}

export class CreateReviewDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) rating: number;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) @Matches(TEXT) body?: string;
}

export class ReplyDto {
  @ApiProperty({ maxLength: 4000 }) @Trim() @IsString() @Length(1, 4000) @Matches(TEXT) text: string;
}

export class ReviewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) listing_id: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating: number;
  @ApiProperty() body: string;
  @ApiProperty({ description: 'Reviews come from verified buyers only' }) verified_buyer: boolean;
  @ApiProperty({ nullable: true, type: String }) seller_reply: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) replied_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;

  static from(r: ReviewRecord): ReviewDto {
    return {
      id: r.id,
      listing_id: r.listingId,
      rating: r.rating,
      body: r.body,
      verified_buyer: true,
      seller_reply: r.sellerReply,
      replied_at: r.repliedAt ? r.repliedAt.toISOString() : null,
      created_at: r.createdAt.toISOString(),
    };
  }
}

export class ReviewPageDto {
  @ApiProperty({ type: [ReviewDto] }) data: ReviewDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
  @ApiProperty({ nullable: true, type: Number }) rating_average: number | null;
  @ApiProperty() rating_count: number;
}

export class FeatureDto {
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) starts_at: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) ends_at: string;
  @ApiProperty({ minimum: 1, maximum: 1000, description: '1 shows first' }) @IsInt() @Min(1) @Max(1000) rank: number;
}

export class FeaturedSlotDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) listing_id: string;
  @ApiProperty({ format: 'date-time' }) starts_at: string;
  @ApiProperty({ format: 'date-time' }) ends_at: string;
  @ApiProperty() rank: number;
}

export class AnalyticsQueryDto {
  @ApiProperty({ example: '2026-12-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) from: string;
  @ApiProperty({ example: '2026-12-31' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) to: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() listing_id?: string;
}

export class DailyStatsDto {
  @ApiProperty({ format: 'uuid' }) listing_id: string;
  @ApiProperty({ example: '2026-12-01' }) day: string;
  @ApiProperty() views: number;
  @ApiProperty() saves: number;
  @ApiProperty() purchases: number;
  @ApiProperty({ nullable: true, type: Number, description: 'purchases / views, 4 decimals' }) conversion: number | null;
}

export class AnalyticsDto {
  @ApiProperty({ type: [DailyStatsDto], description: 'Per listing and day' }) data: DailyStatsDto[];
  @ApiProperty({ type: [DailyStatsDto], description: 'Per day, the organization’s listings together (listing_id empty)' }) by_day: DailyStatsDto[];
  @ApiProperty({ type: [DailyStatsDto], description: 'Per listing over the period (day empty)' }) by_listing: DailyStatsDto[];
  @ApiProperty({ type: DailyStatsDto, description: 'Totals of the period (listing_id and day empty)' }) totals: DailyStatsDto;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function decodeCursor(cursor: string | undefined): { value: string | number; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; i?: unknown };
    const value = parsed.v;
    const validValue =
      typeof value === 'number' ? Number.isFinite(value) : typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
    if (validValue && typeof parsed.i === 'string' && UUID.test(parsed.i)) {
      return { value: value as string | number, id: parsed.i };
    }
  } catch {
    // falls through
  }
  throw new DomainError('MARKETPLACE.VALIDATION_FAILED', 'validation', 'The cursor is invalid.', { errors: { cursor: ['cursor is invalid'] } });
}

const conversion = (views: number, purchases: number) => (views === 0 ? null : Math.round((purchases / views) * 10_000) / 10_000);

/** The public marketplace: search, reviews; signed-in buyers' reviews and favourites. */
@ApiTags('marketplace')
@Controller()
export class MarketplaceEngagementController {
  constructor(
    private readonly search: SearchListingsQuery,
    private readonly reviews: ReviewsUseCases,
    private readonly favourites: FavouritesUseCases,
    private readonly featured: FeatureListingUseCase,
    private readonly analytics: AnalyticsQuery,
  ) {}

  @Get('listings')
  @Public()
  @ApiOperation({
    operationId: 'listings_search',
    summary: 'Search published listings: full text with typo tolerance, filters, sorts, keyset pagination; active featured listings first, marked',
  })
  @ApiOkResponse({ type: SearchPageDto })
  @ApiProblemResponse(400, 'Invalid filters or cursor')
  async searchListings(@Query() query: SearchListingsQueryDto): Promise<SearchPageDto> {
    const cursor = decodeCursor(query.cursor);
    const sort = query.sort ?? (query.q ? 'relevance' : 'newest');
    // A cursor carries the sort's value: a timestamp for newest (and relevance without text), a number otherwise.
    const byDate = sort === 'newest' || (sort === 'relevance' && !query.q);
    if (cursor && (typeof cursor.value === 'string') !== byDate) throw decodeCursor('x');
    if (cursor && (sort === 'price_asc' || sort === 'price_desc') && !Number.isSafeInteger(cursor.value)) throw decodeCursor('x');
    const page = await this.search.execute(
      { requestId: '', roles: [] },
      {
        q: query.q,
        kind: query.kind,
        orgId: query.org_id,
        modelId: query.model_id,
        brandId: query.brand_id,
        vehicleTypeId: query.vehicle_type_id,
        condition: query.condition,
        currency: query.currency,
        priceMin: query.price_min,
        priceMax: query.price_max,
        yearMin: query.year_min,
        yearMax: query.year_max,
        sort,
        limit: query.limit ?? 20,
        cursor,
        featuredSlots: FEATURED_SLOTS,
      },
    );
    return {
      data: [...page.featured, ...page.data].map(SearchItemDto.fromHit),
      next_cursor: page.next ? Buffer.from(JSON.stringify({ v: page.next.value, i: page.next.id })).toString('base64url') : null,
    };
  }

  @Get('listings/:listingId/reviews')
  @Public()
  @ApiOperation({ operationId: 'listing_reviews_list', summary: 'Visible reviews of a published listing, newest first, with the exact average' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiOkResponse({ type: ReviewPageDto })
  @ApiProblemResponse(404, 'No such published listing')
  async listReviews(@Ctx() ctx: RequestContext, @UuidParam('listingId') listingId: string, @Query() query: PageQueryDto): Promise<ReviewPageDto> {
    const page = await this.reviews.list(ctx, listingId, query.toPageRequest());
    return {
      data: page.data.map(ReviewDto.from),
      meta: page.meta,
      rating_average: ratingAverage(page.rating.sum, page.rating.count),
      rating_count: page.rating.count,
    };
  }

  @Post('listings/:listingId/reviews')
  @ApiOperation({ operationId: 'listing_reviews_create', summary: 'Review a listing you bought (1–5 stars; one review per buyer and listing)' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiCreatedResponse({ type: ReviewDto })
  @ApiProblemResponse(403, 'Not a verified buyer of this listing (MARKETPLACE.FORBIDDEN)')
  @ApiProblemResponse(404, 'No such published listing')
  @ApiProblemResponse(409, 'Already reviewed')
  async createReview(@Ctx() ctx: RequestContext, @UuidParam('listingId') listingId: string, @Body() body: CreateReviewDto): Promise<ReviewDto> {
    return ReviewDto.from(await this.reviews.create(ctx, { listingId, rating: body.rating, body: body.body ?? '' }));
  }

  @Post('organizations/:orgId/reviews/:reviewId/reply')
  @HttpCode(200)
  @OrganizationFromPath()
  @Roles(ORG_STAFF)
  @ApiOperation({ operationId: 'listing_reviews_reply', summary: 'The seller’s one reply to a review of its listing (staff and above)' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'reviewId', format: 'uuid' })
  @ApiOkResponse({ type: ReviewDto })
  @ApiProblemResponse(403, 'The caller’s role does not allow this')
  @ApiProblemResponse(404, 'No such review of this organization’s listings')
  @ApiProblemResponse(409, 'Already replied')
  async reply(
    @Ctx() ctx: RequestContext,
    @UuidParam('orgId') orgId: string,
    @UuidParam('reviewId') reviewId: string,
    @Body() body: ReplyDto,
  ): Promise<ReviewDto> {
    return ReviewDto.from(await this.reviews.reply(ctx, { orgId, reviewId, text: body.text }));
  }

  @Post('moderation/reviews/:reviewId/hide')
  @HttpCode(204)
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({ operationId: 'moderation_reviews_hide', summary: 'Hide a review (platform admins; audited); it leaves the listing’s average' })
  @ApiParam({ name: 'reviewId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Hidden' })
  @ApiProblemResponse(403, 'Not a platform admin')
  @ApiProblemResponse(404, 'No such review')
  async hide(@Ctx() ctx: RequestContext, @UuidParam('reviewId') reviewId: string, @Body() body: ReasonDto): Promise<void> {
    await this.reviews.hide(ctx, { reviewId, reason: body.reason });
  }

  @Put('me/favourites/:listingId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'favourites_add', summary: 'Save a published listing (idempotent)' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Saved' })
  @ApiProblemResponse(404, 'No such published listing')
  async addFavourite(@Ctx() ctx: RequestContext, @UuidParam('listingId') listingId: string): Promise<void> {
    await this.favourites.add(ctx, listingId);
  }

  @Delete('me/favourites/:listingId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'favourites_remove', summary: 'Forget a saved listing (idempotent)' })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Removed' })
  async removeFavourite(@Ctx() ctx: RequestContext, @UuidParam('listingId') listingId: string): Promise<void> {
    await this.favourites.remove(ctx, listingId);
  }

  @Get('me/favourites')
  @ApiOperation({ operationId: 'favourites_list', summary: 'My saved listings, newest first' })
  @ApiOkResponse({ type: ListingPageDto })
  async listFavourites(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto): Promise<ListingPageDto> {
    const page = await this.favourites.list(ctx, query.toPageRequest());
    return { data: page.data.map((listing) => ListingDto.from({ listing, owner: false })), meta: page.meta };
  }

  @Post('moderation/listings/:listingId/featured')
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({
    operationId: 'moderation_listings_feature',
    summary: 'Feature a published listing in a window [starts_at, ends_at) with a rank (platform admins; audited)',
  })
  @ApiParam({ name: 'listingId', format: 'uuid' })
  @ApiCreatedResponse({ type: FeaturedSlotDto })
  @ApiProblemResponse(403, 'Not a platform admin')
  @ApiProblemResponse(404, 'No such published listing')
  async feature(@Ctx() ctx: RequestContext, @UuidParam('listingId') listingId: string, @Body() body: FeatureDto): Promise<FeaturedSlotDto> {
    const slot = await this.featured.execute(ctx, { listingId, startsAt: new Date(body.starts_at), endsAt: new Date(body.ends_at), rank: body.rank });
    return { id: slot.id, listing_id: slot.listingId, starts_at: slot.startsAt.toISOString(), ends_at: slot.endsAt.toISOString(), rank: slot.rank };
  }

  @Delete('moderation/featured/:featureId')
  @HttpCode(204)
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({ operationId: 'moderation_featured_end', summary: 'End a featured placement now (platform admins)' })
  @ApiParam({ name: 'featureId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Ended' })
  @ApiProblemResponse(403, 'Not a platform admin')
  @ApiProblemResponse(404, 'No such running placement')
  async endFeature(@Ctx() ctx: RequestContext, @UuidParam('featureId') featureId: string): Promise<void> {
    await this.featured.end(ctx, featureId);
  }

  @Get('organizations/:orgId/listing-analytics')
  @OrganizationFromPath()
  @Roles(ORG_STAFF)
  @ApiOperation({
    operationId: 'listing_analytics',
    summary: 'Views, saves, purchases and conversion per listing and day (UTC), per day for the organization, per listing, and the period’s totals',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiOkResponse({ type: AnalyticsDto })
  @ApiProblemResponse(400, 'Invalid dates, to before from, or a period over 366 days')
  @ApiProblemResponse(403, 'The caller’s role does not allow this')
  @ApiProblemResponse(404, 'No such organization, or not a member')
  async listingAnalytics(@Ctx() ctx: RequestContext, @UuidParam('orgId') orgId: string, @Query() query: AnalyticsQueryDto): Promise<AnalyticsDto> {
    const report = await this.analytics.execute(ctx, { orgId, from: query.from, to: query.to, listingId: query.listing_id });
    const stats = (r: { listingId?: string; day?: string; views: number; saves: number; purchases: number }): DailyStatsDto => ({
      listing_id: r.listingId ?? '',
      day: r.day ?? '',
      views: r.views,
      saves: r.saves,
      purchases: r.purchases,
      conversion: conversion(r.views, r.purchases),
    });
    return { data: report.daily.map(stats), by_day: report.byDay.map(stats), by_listing: report.byListing.map(stats), totals: stats(report.totals) };
  }
}
