import type { RequestContext, UnitOfWork } from '../../../platform/kernel';
import type { DailyCounter, Increment, Metric } from '../domain';

export interface AnalyticsRepository {
  /**
   * Applies the increments of one event for one handler, once: returns false
   * (and changes nothing) when this (event, handler) was already applied.
   */
  apply(eventId: string, handler: string, orgId: string, day: string, increments: Increment[]): Promise<boolean>;
  rememberListingAuthor(orgId: string, listingId: string, userId: string | null): Promise<void>;
  listingAuthor(orgId: string, listingId: string): Promise<string | null>;
  /** The organization's counters from `from` to `to` (inclusive), only those attributed to `actor` when given. */
  counters(orgId: string, from: string, to: string, actor?: string): Promise<DailyCounter[]>;
  /**
   * Serializes a backfill (exclusive) against event handlers (shared) of the
   * same organization, until the transaction ends.
   */
  lockOrganization(orgId: string, exclusive: boolean): Promise<void>;
  /** Until when the organization's backfilled metrics are exact (undefined: never backfilled). */
  backfilledUntil(orgId: string): Promise<Date | undefined>;
  /** Replaces the organization's counters of `metrics` by `counters`, refreshes listing creators and records the backfill. */
  replaceBackfilled(input: {
    orgId: string;
    metrics: readonly Metric[];
    counters: DailyCounter[];
    creators: Array<{ listingId: string; userId: string | null }>;
    until: Date;
    at: Date;
    by: string | null;
  }): Promise<void>;
}

export interface AnalyticsRepositories {
  analytics: AnalyticsRepository;
}

export type AnalyticsUnitOfWork = UnitOfWork<AnalyticsRepositories>;
export const ANALYTICS_UNIT_OF_WORK = Symbol('ANALYTICS_UNIT_OF_WORK');

/** Listing views per day, read through the marketplace's facade (views are counted there). */
export interface ListingViews {
  byDay(ctx: RequestContext, orgId: string, from: string, to: string): Promise<Map<string, number>>;
}
export const LISTING_VIEWS = Symbol('LISTING_VIEWS');

/** Whether an organization exists (platform admins asking about any). */
export interface AnalyticsOrganizations {
  exists(ctx: RequestContext, orgId: string): Promise<boolean>;
}
export const ANALYTICS_ORGANIZATIONS = Symbol('ANALYTICS_ORGANIZATIONS');

/** A short-lived cache of computed reports. */
export interface ReportCache {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
}
export const REPORT_CACHE = Symbol('REPORT_CACHE');

export interface AnalyticsSettings {
  /** Seconds a computed report is served from the cache. */
  cacheTtlSeconds: number;
}
export const ANALYTICS_SETTINGS = Symbol('ANALYTICS_SETTINGS');

/** What the owning contexts' facades know of an organization before `until`, as counters (the backfill). */
export interface AnalyticsSources {
  collect(
    ctx: RequestContext,
    orgId: string,
    until: Date,
  ): Promise<{ counters: DailyCounter[]; creators: Array<{ listingId: string; userId: string | null }> }>;
}
export const ANALYTICS_SOURCES = Symbol('ANALYTICS_SOURCES');

/** The audit log (organizations' facade). */
export interface AnalyticsAudit {
  record(ctx: RequestContext, entry: { orgId: string; action: `analytics.${string}`; metadata: Record<string, unknown> }): Promise<void>;
}
export const ANALYTICS_AUDIT = Symbol('ANALYTICS_AUDIT');
