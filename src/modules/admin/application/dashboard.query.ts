import { Injectable } from '@nestjs/common';
import { QueueMonitor } from '../../../platform/queues/queue-monitor';
import { DomainError, type RequestContext } from '../../../platform/kernel';
import { requirePlatformAdmin } from './access';
import { BookingsApi } from '../../bookings';
import { CommerceApi } from '../../commerce';
import { IdentityApi } from '../../identity';
import { MarketplaceApi } from '../../marketplace';

export const DASHBOARD_MAX_DAYS = 90;
/** Failed jobs are bucketed by day from at most this many of the newest (Bull keeps a bounded history). */
const FAILED_JOBS_SCANNED = 1000;

const DAY_MS = 86_400_000;

export interface RevenueLine {
  currency: string;
  amountMinor: number;
}

export interface DashboardDay {
  day: string;
  signups: number;
  listingsCreated: number;
  failedJobs: number;
  /** Orders paid that day (every organization). */
  orders: number;
  /** Gross amount of the orders paid that day, per currency (before refunds). */
  revenue: RevenueLine[];
  /** Bookings made that day (every shop). */
  bookings: number;
}

export interface DashboardSummary {
  since: Date;
  days: number;
  waitingForReview: number;
  failedJobs: number;
  revenue: RevenueLine[];
  byDay: DashboardDay[];
}

/** A range of UTC days: `to` (default today) and either `from` or `days` counted back from `to`. */
export interface DashboardRange {
  days?: number;
  from?: string;
  to?: string;
  now?: Date;
}

/** First day and number of days of a range; ADMIN.INVALID_RANGE when `from` is after `to` or it spans more than DASHBOARD_MAX_DAYS. */
export function dashboardDays(range: DashboardRange): { since: Date; days: number } {
  const now = range.now ?? new Date();
  const last = range.to ? utcDay(range.to) : Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const first = range.from ? utcDay(range.from) : last - ((range.days ?? DEFAULT_DAYS) - 1) * DAY_MS;
  const days = Math.round((last - first) / DAY_MS) + 1;
  if (days < 1 || days > DASHBOARD_MAX_DAYS)
    throw new DomainError('ADMIN.INVALID_RANGE', 'validation', `A range runs from a day to a later one, ${DASHBOARD_MAX_DAYS} days at most.`);
  return { since: new Date(first), days };
}

export const DEFAULT_DAYS = 14;

function utcDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** The operators' dashboard: counts per UTC day, read through each context's facade. */
@Injectable()
export class DashboardQuery {
  constructor(
    private readonly identity: IdentityApi,
    private readonly marketplace: MarketplaceApi,
    private readonly commerce: CommerceApi,
    private readonly bookings: BookingsApi,
    private readonly queues: QueueMonitor,
  ) {}

  async execute(ctx: RequestContext, input: DashboardRange): Promise<DashboardSummary> {
    requirePlatformAdmin(ctx);
    const { since, days } = dashboardDays(input);
    const [signups, listings, failed, paid, bookings] = await Promise.all([
      this.identity.signupsByDay(ctx, since),
      this.marketplace.moderationSummary(ctx, since),
      this.failedJobs(since),
      this.commerce.paidOrdersByDay(ctx, since),
      this.bookings.bookingsByDay(ctx, since),
    ]);
    const byDay: DashboardDay[] = [];
    for (let index = 0; index < days; index++) {
      const day = new Date(since.getTime() + index * DAY_MS).toISOString().slice(0, 10);
      const paidThatDay = paid.filter((row) => row.day === day);
      byDay.push({
        day,
        signups: countOf(signups, day),
        listingsCreated: countOf(listings.createdByDay, day),
        failedJobs: failed.byDay.get(day) ?? 0,
        orders: paidThatDay.reduce((total, row) => total + row.count, 0),
        revenue: paidThatDay.map((row) => ({ currency: row.currency, amountMinor: row.amountMinor })),
        bookings: countOf(bookings, day),
      });
    }
    const revenue = new Map<string, number>();
    for (const line of byDay.flatMap((day) => day.revenue)) revenue.set(line.currency, (revenue.get(line.currency) ?? 0) + line.amountMinor);
    return {
      since,
      days,
      waitingForReview: listings.waitingForReview,
      failedJobs: failed.total,
      revenue: [...revenue].map(([currency, amountMinor]) => ({ currency, amountMinor })),
      byDay,
    };
  }

  private async failedJobs(since: Date): Promise<{ total: number; byDay: Map<string, number> }> {
    const byDay = new Map<string, number>();
    let total = 0;
    for (const queue of this.queues.all()) {
      total += await queue.getFailedCount();
      for (const job of await queue.getFailed(0, FAILED_JOBS_SCANNED - 1)) {
        const at = job?.finishedOn ?? job?.timestamp;
        if (!at || at < since.getTime()) continue;
        const day = new Date(at).toISOString().slice(0, 10);
        byDay.set(day, (byDay.get(day) ?? 0) + 1);
      }
    }
    return { total, byDay };
  }
}

function countOf(rows: Array<{ day: string; count: number }>, day: string): number {
  return rows.find((row) => row.day === day)?.count ?? 0;
}
