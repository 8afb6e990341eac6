import { Inject, Injectable } from '@nestjs/common';
import { PLATFORM_ADMIN } from '../../../platform/auth/roles.decorator';
import type { RequestContext } from '../../../platform/kernel';
import { organizationRoleOf } from '../../organizations';
import { AnalyticsErrors, AnalyticsReport, AnalyticsScope, buildReport, checkedRange } from '../domain';
import {
  ANALYTICS_ORGANIZATIONS,
  ANALYTICS_SETTINGS,
  ANALYTICS_UNIT_OF_WORK,
  AnalyticsOrganizations,
  AnalyticsSettings,
  AnalyticsUnitOfWork,
  LISTING_VIEWS,
  ListingViews,
  REPORT_CACHE,
  ReportCache,
} from './ports';

export interface AnalyticsRequest {
  orgId: string;
  from: string;
  to: string;
  /** Skip the cache and recompute (the client sent Cache-Control: no-cache). */
  fresh: boolean;
  /** The platform admins' route: any organization, every figure. */
  asPlatformAdmin?: boolean;
}

/**
 * An organization's figures by day. Principals (and platform admins on their
 * route) see the whole organization; managers and staff see what is
 * attributed to themselves. Served from a short-lived cache unless `fresh`.
 */
@Injectable()
export class OrganizationAnalyticsQuery {
  constructor(
    @Inject(ANALYTICS_UNIT_OF_WORK) private readonly uow: AnalyticsUnitOfWork,
    @Inject(LISTING_VIEWS) private readonly views: ListingViews,
    @Inject(ANALYTICS_ORGANIZATIONS) private readonly organizations: AnalyticsOrganizations,
    @Inject(REPORT_CACHE) private readonly cache: ReportCache,
    @Inject(ANALYTICS_SETTINGS) private readonly settings: AnalyticsSettings,
  ) {}

  async execute(ctx: RequestContext, input: AnalyticsRequest): Promise<AnalyticsReport & { cached: boolean }> {
    const { scope, actor } = await this.access(ctx, input);
    const range = checkedRange(input.from, input.to);
    const key = `${input.orgId}:${scope === 'own' ? actor : 'all'}:${range.from}:${range.to}`;
    if (!input.fresh) {
      const hit = await this.cache.get<AnalyticsReport>(key);
      if (hit) return { ...hit, cached: true };
    }
    const [counters, viewsByDay] = await Promise.all([
      this.uow.repos.analytics.counters(input.orgId, range.from, range.to, scope === 'own' ? actor : undefined),
      scope === 'organization' ? this.views.byDay(ctx, input.orgId, range.from, range.to) : Promise.resolve(new Map<string, number>()),
    ]);
    const report = buildReport({ orgId: input.orgId, from: range.from, to: range.to, days: range.days, scope, counters, viewsByDay, now: new Date() });
    await this.cache.set(key, report, this.settings.cacheTtlSeconds);
    return { ...report, cached: false };
  }

  private async access(ctx: RequestContext, input: AnalyticsRequest): Promise<{ scope: AnalyticsScope; actor?: string }> {
    if (input.asPlatformAdmin) {
      if (ctx.apiKeyId || !ctx.roles.includes(PLATFORM_ADMIN)) throw AnalyticsErrors.notFound();
      if (!(await this.organizations.exists(ctx, input.orgId))) throw AnalyticsErrors.notFound();
      return { scope: 'organization' };
    }
    const role = ctx.orgId === input.orgId ? organizationRoleOf(ctx.roles) : undefined;
    if (!role) throw AnalyticsErrors.notFound();
    if (role === 'principal') return { scope: 'organization' };
    if (!ctx.userId) throw AnalyticsErrors.notFound();
    return { scope: 'own', actor: ctx.userId };
  }
}
