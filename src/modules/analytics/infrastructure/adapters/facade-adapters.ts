import { Injectable } from '@nestjs/common';
import { CacheStore } from '../../../../platform/cache/cache.store';
import type { RequestContext } from '../../../../platform/kernel';
import { AiApi } from '../../../ai';
import { BookingsApi } from '../../../bookings';
import { CommerceApi } from '../../../commerce';
import { MarketplaceApi } from '../../../marketplace';
import { OrganizationsApi } from '../../../organizations';
import type { AnalyticsAudit, AnalyticsOrganizations, AnalyticsSources, ListingViews, ReportCache } from '../../application/ports';
import { DailyCounter, METRICS, Metric } from '../../domain';

/** Views are counted by the marketplace; read through its facade. */
@Injectable()
export class MarketplaceListingViews implements ListingViews {
  constructor(private readonly marketplace: MarketplaceApi) {}

  async byDay(ctx: RequestContext, orgId: string, from: string, to: string): Promise<Map<string, number>> {
    return new Map((await this.marketplace.listingViewsByDay(ctx, orgId, from, to)).map((row) => [row.day, row.views]));
  }
}

@Injectable()
export class FacadeAnalyticsOrganizations implements AnalyticsOrganizations {
  constructor(private readonly organizations: OrganizationsApi) {}

  async exists(ctx: RequestContext, orgId: string): Promise<boolean> {
    return (await this.organizations.getOrganization(ctx, orgId)) !== undefined;
  }
}

const VERDICT_METRIC: Record<'approved' | 'rejected' | 'needs_human', Metric> = {
  approved: METRICS.listingsApproved,
  rejected: METRICS.listingsRejected,
  needs_human: METRICS.listingsNeedsHuman,
};

const counter = (day: string, metric: Metric, over: Partial<DailyCounter> = {}): DailyCounter => ({
  day,
  metric,
  actor: '',
  currency: '',
  count: 0,
  amount: 0,
  ...over,
});

/** The backfill's sources: each owning context's facade, turned into the counters its events would have made. */
@Injectable()
export class FacadeAnalyticsSources implements AnalyticsSources {
  constructor(
    private readonly marketplace: MarketplaceApi,
    private readonly commerce: CommerceApi,
    private readonly bookings: BookingsApi,
    private readonly ai: AiApi,
  ) {}

  async collect(ctx: RequestContext, orgId: string, until: Date) {
    const [listings, sales, bookings, training] = await Promise.all([
      this.marketplace.listingActivityByDay(ctx, orgId, until),
      this.commerce.salesByDay(ctx, orgId, until),
      this.bookings.bookingActivityByDay(ctx, orgId, until),
      this.ai.trainingFinishedByDay(ctx, orgId, until),
    ]);
    const counters: DailyCounter[] = [
      ...listings.created.map((r) => counter(r.day, METRICS.listingsCreated, { actor: r.userId ?? '', count: r.count })),
      ...listings.verdicts.map((r) => counter(r.day, VERDICT_METRIC[r.verdict], { actor: r.userId ?? '', count: r.count })),
      ...sales.paid.map((r) => counter(r.day, METRICS.ordersPaid, { currency: r.currency, count: r.count, amount: r.amountMinor })),
      ...sales.refunded.map((r) => counter(r.day, METRICS.ordersRefunded, { currency: r.currency, count: r.count, amount: r.amountMinor })),
      ...bookings.created.map((r) => counter(r.day, METRICS.bookingsCreated, { count: r.count })),
      ...bookings.completed.map((r) => counter(r.day, METRICS.bookingsCompleted, { count: r.count })),
      ...bookings.cancelled.map((r) => counter(r.day, METRICS.bookingsCancelled, { count: r.count })),
      ...training.map((r) => counter(r.day, METRICS.trainingSessions, { actor: r.traineeUserId, count: r.sessions, amount: r.scoreSum })),
    ];
    return { counters, creators: listings.creators };
  }
}

/** Audit entries in the organizations context's audit log. */
@Injectable()
export class OrganizationsAnalyticsAudit implements AnalyticsAudit {
  constructor(private readonly organizations: OrganizationsApi) {}

  record(ctx: RequestContext, entry: { orgId: string; action: `analytics.${string}`; metadata: Record<string, unknown> }): Promise<void> {
    return this.organizations.recordAudit(ctx, {
      orgId: entry.orgId,
      action: entry.action,
      targetType: 'organization',
      targetId: entry.orgId,
      metadata: entry.metadata,
    });
  }
}

const NAMESPACE = 'analytics-reports';

/** Reports in the platform's Redis cache (a miss when Redis is unavailable: the report is computed). */
@Injectable()
export class RedisReportCache implements ReportCache {
  constructor(private readonly cache: CacheStore) {}

  get<T>(key: string): Promise<T | undefined> {
    return this.cache.getJson<T>(NAMESPACE, key);
  }

  set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    return this.cache.setJson(NAMESPACE, key, value, ttlSeconds);
  }
}
