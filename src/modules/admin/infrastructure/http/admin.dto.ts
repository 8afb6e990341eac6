import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PageMetaDto } from '../../../../platform/http/pagination.dto';
import type { Page } from '../../../../platform/kernel';
import type { ModeratedListing, ModerationVerdict } from '../../../marketplace';
import { DASHBOARD_MAX_DAYS, DEFAULT_DAYS, DashboardDay, DashboardSummary, RevenueLine } from '../../application/dashboard.query';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const REASON = /^(?:[^\p{Cc}\p{Cf}]|\r?\n)*$/u;
const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

export class DashboardQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: DASHBOARD_MAX_DAYS,
    default: DEFAULT_DAYS,
    description: 'How many UTC days up to `to` (ignored when `from` is given)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(DASHBOARD_MAX_DAYS)
  days?: number;

  @ApiPropertyOptional({ format: 'date', description: 'First UTC day of the range (at most 90 days before `to`)' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last UTC day of the range (default today)' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;
}

export class RevenueLineDto {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ description: 'Minor units' }) amount_minor: number;

  static from(line: RevenueLine): RevenueLineDto {
    return { currency: line.currency, amount_minor: line.amountMinor };
  }
}

export class DashboardDayDto {
  @ApiProperty({ format: 'date', example: '2026-12-04' }) day: string;
  @ApiProperty() signups: number;
  @ApiProperty() listings_created: number;
  @ApiProperty() failed_jobs: number;
  @ApiProperty({ description: 'Orders paid that day, every organization' }) orders: number;
  @ApiProperty({ type: [RevenueLineDto], description: 'Gross amount of the orders paid that day, per currency (before refunds)' }) revenue: RevenueLineDto[];
  @ApiProperty({ description: 'Bookings made that day, every shop' }) bookings: number;

  static from(day: DashboardDay): DashboardDayDto {
    return {
      day: day.day,
      signups: day.signups,
      listings_created: day.listingsCreated,
      failed_jobs: day.failedJobs,
      orders: day.orders,
      revenue: day.revenue.map(RevenueLineDto.from),
      bookings: day.bookings,
    };
  }
}

export class DashboardTotalsDto {
  @ApiProperty() signups: number;
  @ApiProperty() listings_created: number;
  @ApiProperty() failed_jobs: number;
  @ApiProperty() orders: number;
  @ApiProperty() bookings: number;
}

export class DashboardDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the first day (UTC)' }) since: string;
  @ApiProperty() days: number;
  @ApiProperty({ description: 'Listings in needs_human now' }) waiting_for_review: number;
  @ApiProperty({ description: 'Failed jobs kept by the queues now (all days)' }) failed_jobs: number;
  @ApiProperty({ type: DashboardTotalsDto, description: 'Sums over the days' }) totals: DashboardTotalsDto;
  @ApiProperty({ type: [RevenueLineDto], description: 'Gross amount of the orders paid over the days, per currency' }) revenue: RevenueLineDto[];
  @ApiProperty({ type: [DashboardDayDto] }) by_day: DashboardDayDto[];

  static from(summary: DashboardSummary): DashboardDto {
    const by_day = summary.byDay.map(DashboardDayDto.from);
    const sum = (key: 'signups' | 'listings_created' | 'failed_jobs' | 'orders' | 'bookings') => by_day.reduce((total, day) => total + day[key], 0);
    return {
      since: summary.since.toISOString(),
      days: summary.days,
      waiting_for_review: summary.waitingForReview,
      failed_jobs: summary.failedJobs,
      totals: {
        signups: sum('signups'),
        listings_created: sum('listings_created'),
        failed_jobs: sum('failed_jobs'),
        orders: sum('orders'),
        bookings: sum('bookings'),
      },
      revenue: summary.revenue.map(RevenueLineDto.from),
      by_day,
    };
  }
}

export class AdminModeratedListingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty({ enum: ['tune', 'vehicle', 'part'] }) kind: string;
  @ApiProperty() status: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() price_minor: number;
  @ApiProperty() currency: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) published_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(listing: ModeratedListing): AdminModeratedListingDto {
    return {
      id: listing.id,
      org_id: listing.orgId,
      kind: listing.kind,
      status: listing.status,
      title: listing.title,
      description: listing.description,
      price_minor: listing.priceMinor,
      currency: listing.currency,
      published_at: iso(listing.publishedAt),
      created_at: listing.createdAt.toISOString(),
      updated_at: listing.updatedAt.toISOString(),
    };
  }
}

export class ModeratedListingPageDto {
  @ApiProperty({ type: [AdminModeratedListingDto] }) data: AdminModeratedListingDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<ModeratedListing>): ModeratedListingPageDto {
    return { data: page.data.map(AdminModeratedListingDto.from), meta: page.meta };
  }
}

export class ModerationVerdictDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'gate (the AI safety gate), content_check, override (a human), appeal, demo' }) source: string;
  @ApiProperty({ enum: ['approved', 'rejected', 'needs_human'] }) verdict: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: String, nullable: true }) legal_note: string | null;
  @ApiProperty({ type: Number, nullable: true }) safety_score: number | null;
  @ApiProperty({ type: Number, nullable: true }) confidence: number | null;
  @ApiProperty({ type: [String] }) flags: string[];
  @ApiProperty({ type: String, nullable: true }) rationale: string | null;
  @ApiProperty({ type: String, nullable: true }) model: string | null;
  @ApiProperty() ai_status: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actor_user_id: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;

  static from(verdict: ModerationVerdict): ModerationVerdictDto {
    return {
      id: verdict.id,
      source: verdict.source,
      verdict: verdict.verdict,
      reason: verdict.reason,
      legal_note: verdict.legalNote,
      safety_score: verdict.safetyScore,
      confidence: verdict.confidence,
      flags: verdict.flags,
      rationale: verdict.rationale,
      model: verdict.model,
      ai_status: verdict.aiStatus,
      actor_user_id: verdict.actorUserId,
      created_at: verdict.createdAt.toISOString(),
    };
  }
}

export class ListingUnderReviewDto {
  @ApiProperty({ type: AdminModeratedListingDto }) listing: AdminModeratedListingDto;
  @ApiProperty({ type: [ModerationVerdictDto], description: 'Oldest first: the AI gate’s verdicts beside the humans’' }) verdicts: ModerationVerdictDto[];
}

export class ListingDecisionDto {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsIn(['approved', 'rejected'])
  verdict: 'approved' | 'rejected';

  @ApiProperty({ minLength: 3, maxLength: 1000, description: 'Why (kept in the listing’s history and the audit log)' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(3, 1000)
  @Matches(REASON, { message: 'reason must not contain control characters' })
  reason: string;
}
