import { Inject, Injectable } from '@nestjs/common';
import { PLATFORM_ADMIN } from '../../../platform/auth/roles.decorator';
import type { RequestContext } from '../../../platform/kernel';
import { AnalyticsErrors, BACKFILLED_METRICS, mergeCounters } from '../domain';
import {
  ANALYTICS_AUDIT,
  ANALYTICS_ORGANIZATIONS,
  ANALYTICS_SOURCES,
  ANALYTICS_UNIT_OF_WORK,
  AnalyticsAudit,
  AnalyticsOrganizations,
  AnalyticsSources,
  AnalyticsUnitOfWork,
} from './ports';

export interface BackfillResult {
  orgId: string;
  /** The recomputed metrics are exact up to this instant; events after it are counted by the handlers. */
  backfilledUntil: string;
  /** Counter rows written (one per day, metric, member and currency). */
  counters: number;
  /** The first and last UTC day with any recomputed figure (null when there is none). */
  firstDay: string | null;
  lastDay: string | null;
}

/**
 * Recomputes an organization's roll-ups from the owning contexts' facades
 * (listings and review outcomes, orders paid and refunds, bookings, training
 * sessions): the figures before the analytics handlers were deployed, or
 * after a handler failed for good. Idempotent (the recomputed metrics are
 * replaced, not added to); who handled an order or a booking is known only
 * from events and is kept as it is. Serialized against the event handlers of
 * the same organization; audited as `analytics.backfilled`. Platform admins.
 */
@Injectable()
export class BackfillAnalyticsUseCase {
  constructor(
    @Inject(ANALYTICS_UNIT_OF_WORK) private readonly uow: AnalyticsUnitOfWork,
    @Inject(ANALYTICS_ORGANIZATIONS) private readonly organizations: AnalyticsOrganizations,
    @Inject(ANALYTICS_SOURCES) private readonly sources: AnalyticsSources,
    @Inject(ANALYTICS_AUDIT) private readonly audit: AnalyticsAudit,
  ) {}

  async execute(ctx: RequestContext, input: { orgId: string }): Promise<BackfillResult> {
    if (ctx.apiKeyId || !ctx.roles.includes(PLATFORM_ADMIN)) throw AnalyticsErrors.notFound();
    if (!(await this.organizations.exists(ctx, input.orgId))) throw AnalyticsErrors.notFound();
    const result = await this.uow.run(async (repos) => {
      await repos.analytics.lockOrganization(input.orgId, true);
      const until = new Date();
      const collected = await this.sources.collect(ctx, input.orgId, until);
      const counters = mergeCounters(collected.counters);
      await repos.analytics.replaceBackfilled({
        orgId: input.orgId,
        metrics: BACKFILLED_METRICS,
        counters,
        creators: collected.creators,
        until,
        at: until,
        by: ctx.userId ?? null,
      });
      return {
        orgId: input.orgId,
        backfilledUntil: until.toISOString(),
        counters: counters.length,
        firstDay: counters[0]?.day ?? null,
        lastDay: counters.at(-1)?.day ?? null,
      };
    });
    await this.audit.record(ctx, {
      orgId: input.orgId,
      action: 'analytics.backfilled',
      metadata: { backfilled_until: result.backfilledUntil, counters: result.counters, first_day: result.firstDay, last_day: result.lastDay },
    });
    return result;
  }
}
