import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { BackfillResult } from '../../application/backfill-analytics.use-case';
import type { AnalyticsReport, DayFigures, Figures, TraineeFigures } from '../../domain';

export class OrganizationAnalyticsQueryDto {
  @ApiProperty({ example: '2026-12-01', description: 'First UTC day (YYYY-MM-DD), inclusive' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date (YYYY-MM-DD)' })
  from: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last UTC day (YYYY-MM-DD), inclusive; at most 366 days after from' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date (YYYY-MM-DD)' })
  to: string;
}

export class AnalyticsRevenueDto {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ description: 'Integer minor units' }) amount_minor: number;
}

export class AnalyticsFiguresDto {
  @ApiProperty() listings_created: number;
  @ApiProperty({ description: 'Review outcomes recorded (safety gate or moderator)' }) listings_approved: number;
  @ApiProperty() listings_rejected: number;
  @ApiProperty() listings_needs_human: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Public views of the organization’s listings; null in the own scope' })
  listing_views: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Paid orders; null in the own scope' }) orders: number | null;
  @ApiProperty({
    type: [AnalyticsRevenueDto],
    nullable: true,
    description:
      'Per currency: paid orders’ totals less completed refunds (a refund counts on the day it completes, so a day can be negative); null in the own scope',
  })
  revenue: AnalyticsRevenueDto[] | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Refunds completed (full or partial); null in the own scope' }) refunds: number | null;
  @ApiProperty({ type: [AnalyticsRevenueDto], nullable: true, description: 'Amounts refunded per currency; null in the own scope' })
  refunded: AnalyticsRevenueDto[] | null;
  @ApiProperty({ description: 'Seller-side order steps (confirm, ship, deliver) made by the member(s) in scope' }) orders_handled: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Bookings made (repair shops); null in the own scope' }) bookings_created: number | null;
  @ApiProperty({ type: Number, nullable: true }) bookings_completed: number | null;
  @ApiProperty({ type: Number, nullable: true }) bookings_cancelled: number | null;
  @ApiProperty({ description: 'Bookings made or moved (confirmed, started, completed, cancelled) by the member(s) in scope, through the staff portal' })
  bookings_handled: number;
  @ApiProperty({ description: 'Finished AI role-play training sessions' }) training_sessions: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean score (0 to 100) of those sessions' }) training_average_score: number | null;

  static from(f: Figures): AnalyticsFiguresDto {
    return {
      listings_created: f.listingsCreated,
      listings_approved: f.listingsApproved,
      listings_rejected: f.listingsRejected,
      listings_needs_human: f.listingsNeedsHuman,
      listing_views: f.listingViews,
      orders: f.orders,
      revenue: f.revenue && f.revenue.map((r) => ({ currency: r.currency, amount_minor: r.amountMinor })),
      refunds: f.refunds,
      refunded: f.refunded && f.refunded.map((r) => ({ currency: r.currency, amount_minor: r.amountMinor })),
      orders_handled: f.ordersHandled,
      bookings_created: f.bookingsCreated,
      bookings_completed: f.bookingsCompleted,
      bookings_cancelled: f.bookingsCancelled,
      bookings_handled: f.bookingsHandled,
      training_sessions: f.trainingSessions,
      training_average_score: f.trainingAverageScore,
    };
  }
}

export class AnalyticsDayDto extends AnalyticsFiguresDto {
  @ApiProperty({ example: '2026-12-01' }) day: string;

  static fromDay(d: DayFigures): AnalyticsDayDto {
    return { day: d.day, ...AnalyticsFiguresDto.from(d) };
  }
}

export class AnalyticsTraineeDto {
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty() sessions: number;
  @ApiProperty({ type: Number, nullable: true }) average_score: number | null;

  static from(t: TraineeFigures): AnalyticsTraineeDto {
    return { user_id: t.userId, sessions: t.sessions, average_score: t.averageScore };
  }
}

export class OrganizationAnalyticsDto {
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty({ example: '2026-12-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiProperty({
    enum: ['organization', 'own'],
    description:
      'organization: every figure (principals, platform admins); own: only what is attributed to the caller (managers, staff): listings they created and their outcomes, orders and bookings they handled, their training',
  })
  scope: string;
  @ApiProperty({ type: [AnalyticsDayDto], description: 'One entry per day of the range, empty days included' }) days: AnalyticsDayDto[];
  @ApiProperty({ type: AnalyticsFiguresDto }) totals: AnalyticsFiguresDto;
  @ApiProperty({ type: [AnalyticsTraineeDto], description: 'Training sessions and average score per member (own scope: the caller only)' })
  training_by_user: AnalyticsTraineeDto[];
  @ApiProperty({ format: 'date-time', description: 'When these figures were computed' }) generated_at: string;
  @ApiProperty({ description: 'Served from the short-lived cache (send Cache-Control: no-cache for exact figures)' }) cached: boolean;

  static from(report: AnalyticsReport & { cached: boolean }): OrganizationAnalyticsDto {
    return {
      org_id: report.orgId,
      from: report.from,
      to: report.to,
      scope: report.scope,
      days: report.days.map((d) => AnalyticsDayDto.fromDay(d)),
      totals: AnalyticsFiguresDto.from(report.totals),
      training_by_user: report.trainingByUser.map((t) => AnalyticsTraineeDto.from(t)),
      generated_at: report.generatedAt,
      cached: report.cached,
    };
  }
}

export class AnalyticsBackfillDto {
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty({ format: 'date-time', description: 'The recomputed figures are exact up to this instant; later events are counted by the handlers' })
  backfilled_until: string;
  @ApiProperty({ description: 'Counter rows written (one per day, figure, member and currency)' }) counters: number;
  @ApiProperty({ type: String, nullable: true, example: '2026-01-15', description: 'First UTC day with a recomputed figure' }) first_day: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-05', description: 'Last UTC day with a recomputed figure' }) last_day: string | null;

  static from(r: BackfillResult): AnalyticsBackfillDto {
    return { org_id: r.orgId, backfilled_until: r.backfilledUntil, counters: r.counters, first_day: r.firstDay, last_day: r.lastDay };
  }
}
