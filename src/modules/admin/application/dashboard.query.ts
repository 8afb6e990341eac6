import { Injectable } from '@nestjs/common';
import { QueueMonitor } from '../../../platform/queues/queue-monitor';
import type { RequestContext } from '../../../platform/kernel';
import { requirePlatformAdmin } from './access';
import { IdentityApi } from '../../identity';
import { MarketplaceApi } from '../../marketplace';

export const DASHBOARD_MAX_DAYS = 90;
/** Failed jobs are bucketed by day from at most this many of the newest (Bull keeps a bounded history). */
const FAILED_JOBS_SCANNED = 1000;

export interface DashboardDay {
  day: string;
  signups: number;
  listingsCreated: number;
  failedJobs: number;
  /** Not offered yet: the commerce and bookings contexts have no facade to count them. */
  orders: number | null;
  bookings: number | null;
}

export interface DashboardSummary {
  since: Date;
  days: number;
  waitingForReview: number;
  failedJobs: number;
  byDay: DashboardDay[];
}

/** The operators' dashboard: counts per UTC day, read through each context's facade. */
@Injectable()
export class DashboardQuery {
  constructor(
    private readonly identity: IdentityApi,
    private readonly marketplace: MarketplaceApi,
    private readonly queues: QueueMonitor,
  ) {}

  async execute(ctx: RequestContext, input: { days: number; now?: Date }): Promise<DashboardSummary> {
    requirePlatformAdmin(ctx);
    const now = input.now ?? new Date();
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (input.days - 1)));
    const [signups, listings, failed] = await Promise.all([
      this.identity.signupsByDay(ctx, since),
      this.marketplace.moderationSummary(ctx, since),
      this.failedJobs(since),
    ]);
    const byDay: DashboardDay[] = [];
    for (let index = 0; index < input.days; index++) {
      const day = new Date(since.getTime() + index * 86_400_000).toISOString().slice(0, 10);
      byDay.push({
        day,
        signups: countOf(signups, day),
        listingsCreated: countOf(listings.createdByDay, day),
        failedJobs: failed.byDay.get(day) ?? 0,
        orders: null,
        bookings: null,
      });
    }
    return { since, days: input.days, waitingForReview: listings.waitingForReview, failedJobs: failed.total, byDay };
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
