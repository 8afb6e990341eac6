import type { EntityManager } from 'typeorm';
import { unitOfWorkProvider } from '../../../../platform/database/unit-of-work';
import { ANALYTICS_UNIT_OF_WORK, AnalyticsRepositories, AnalyticsRepository } from '../../application/ports';
import type { DailyCounter, Increment, Metric } from '../../domain';

/** The rolled-up counters (analytics_daily and its helpers); every query names the organization. */
export class SqlAnalyticsRepository implements AnalyticsRepository {
  constructor(private readonly db: EntityManager) {}

  async apply(eventId: string, handler: string, orgId: string, day: string, increments: Increment[]): Promise<boolean> {
    const claimed: unknown[] = await this.db.query(
      `INSERT INTO analytics_applied_events (event_id, handler) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
      [eventId, handler],
    );
    if (claimed.length === 0) return false;
    for (const inc of increments) {
      await this.db.query(
        `INSERT INTO analytics_daily (org_id, day, metric, actor, currency, count, amount) VALUES ($1, $2::date, $3, $4, $5, $6, $7)
         ON CONFLICT (org_id, day, metric, actor, currency)
         DO UPDATE SET count = analytics_daily.count + EXCLUDED.count, amount = analytics_daily.amount + EXCLUDED.amount`,
        [orgId, day, inc.metric, inc.actor, inc.currency, inc.count, inc.amount],
      );
    }
    return true;
  }

  async rememberListingAuthor(orgId: string, listingId: string, userId: string | null): Promise<void> {
    await this.db.query(`INSERT INTO analytics_listing_authors (org_id, listing_id, user_id) VALUES ($1, $2, $3) ON CONFLICT (org_id, listing_id) DO NOTHING`, [
      orgId,
      listingId,
      userId,
    ]);
  }

  async listingAuthor(orgId: string, listingId: string): Promise<string | null> {
    const [row]: Array<{ user_id: string | null }> = await this.db.query(
      `SELECT user_id FROM analytics_listing_authors WHERE org_id = $1 AND listing_id = $2`,
      [orgId, listingId],
    );
    return row?.user_id ?? null;
  }

  async lockOrganization(orgId: string, exclusive: boolean): Promise<void> {
    await this.db.query(`SELECT ${exclusive ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared'}(hashtextextended('analytics:' || $1::text, 0))`, [
      orgId,
    ]);
  }

  async backfilledUntil(orgId: string): Promise<Date | undefined> {
    const [row]: Array<{ backfilled_until: Date }> = await this.db.query(`SELECT backfilled_until FROM analytics_backfills WHERE org_id = $1`, [orgId]);
    return row?.backfilled_until;
  }

  async replaceBackfilled(input: {
    orgId: string;
    metrics: readonly Metric[];
    counters: DailyCounter[];
    creators: Array<{ listingId: string; userId: string | null }>;
    until: Date;
    at: Date;
    by: string | null;
  }): Promise<void> {
    const { orgId, counters, creators } = input;
    await this.db.query(`DELETE FROM analytics_daily WHERE org_id = $1 AND metric = ANY($2::text[])`, [orgId, [...input.metrics]]);
    if (counters.length > 0) {
      await this.db.query(
        `INSERT INTO analytics_daily (org_id, day, metric, actor, currency, count, amount)
         SELECT $1, d::date, m, a, c, n, s FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[]) AS u(d, m, a, c, n, s)
         ON CONFLICT (org_id, day, metric, actor, currency)
         DO UPDATE SET count = analytics_daily.count + EXCLUDED.count, amount = analytics_daily.amount + EXCLUDED.amount`,
        [
          orgId,
          counters.map((x) => x.day),
          counters.map((x) => x.metric),
          counters.map((x) => x.actor),
          counters.map((x) => x.currency),
          counters.map((x) => x.count),
          counters.map((x) => x.amount),
        ],
      );
    }
    if (creators.length > 0) {
      await this.db.query(
        `INSERT INTO analytics_listing_authors (org_id, listing_id, user_id) SELECT $1, l, u FROM unnest($2::uuid[], $3::uuid[]) AS x(l, u)
         ON CONFLICT (org_id, listing_id) DO UPDATE SET user_id = EXCLUDED.user_id`,
        [orgId, creators.map((x) => x.listingId), creators.map((x) => x.userId)],
      );
    }
    await this.db.query(
      `INSERT INTO analytics_backfills (org_id, backfilled_until, backfilled_at, backfilled_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (org_id) DO UPDATE SET backfilled_until = EXCLUDED.backfilled_until, backfilled_at = EXCLUDED.backfilled_at, backfilled_by = EXCLUDED.backfilled_by`,
      [orgId, input.until, input.at, input.by],
    );
  }

  async counters(orgId: string, from: string, to: string, actor?: string): Promise<DailyCounter[]> {
    const rows: Array<{ day: string; metric: string; actor: string; currency: string; count: string; amount: string }> = await this.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, metric, actor, currency, count, amount FROM analytics_daily
       WHERE org_id = $1 AND day >= $2::date AND day <= $3::date AND ($4::text IS NULL OR actor = $4::text)
       ORDER BY day, metric, actor, currency`,
      [orgId, from, to, actor ?? null],
    );
    return rows.map((row) => ({
      day: row.day,
      metric: row.metric as Metric,
      actor: row.actor,
      currency: row.currency,
      count: Number(row.count),
      amount: Number(row.amount),
    }));
  }
}

export const analyticsUnitOfWork = unitOfWorkProvider(ANALYTICS_UNIT_OF_WORK, (db: EntityManager): AnalyticsRepositories => ({
  analytics: new SqlAnalyticsRepository(db),
}));
