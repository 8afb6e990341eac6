import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { InteractionRepository, InteractionSignal } from '../../application/ports';
import type { InteractionEvent, InteractionType } from '../../domain/interaction';

interface SignalRow {
  user_id: string;
  listing_id: string;
  type: InteractionType;
  events: string;
  rating_sum: string;
  last_at: Date;
}

/**
 * Raw events (ai_interactions, one row per event, keyed by user and client
 * event id) and their daily rollup (ai_interaction_rollups). Personal data of
 * the rider, not owned by an organization.
 */
@Injectable()
export class SqlInteractionRepository implements InteractionRepository {
  constructor(private readonly db: DataSource) {}

  async record(userId: string, events: InteractionEvent[]): Promise<number> {
    const [{ stored }] = (await this.db.query(
      `WITH stored AS (
         INSERT INTO ai_interactions (user_id, client_event_id, type, listing_id, rating, occurred_at)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::uuid[], $5::smallint[], $6::timestamptz[])
         ON CONFLICT (user_id, client_event_id) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS stored FROM stored`,
      [
        userId,
        events.map((e) => e.clientEventId),
        events.map((e) => e.type),
        events.map((e) => e.listingId),
        events.map((e) => e.rating),
        events.map((e) => e.occurredAt.toISOString()),
      ],
    )) as Array<{ stored: number }>;
    return stored;
  }

  async rollUp(before: Date, limit: number): Promise<number> {
    const [{ moved }] = (await this.db.query(
      `WITH moved AS (
         DELETE FROM ai_interactions
         WHERE (user_id, client_event_id) IN (SELECT user_id, client_event_id FROM ai_interactions WHERE occurred_at < $1 ORDER BY occurred_at LIMIT $2)
         RETURNING user_id, listing_id, type, rating, occurred_at),
       rolled AS (
         INSERT INTO ai_interaction_rollups (user_id, listing_id, type, day, events, rating_sum)
         SELECT user_id, listing_id, type, (occurred_at AT TIME ZONE 'UTC')::date, count(*), coalesce(sum(rating), 0) FROM moved
         GROUP BY 1, 2, 3, 4
         ON CONFLICT (user_id, listing_id, type, day) DO UPDATE SET
           events = ai_interaction_rollups.events + EXCLUDED.events,
           rating_sum = ai_interaction_rollups.rating_sum + EXCLUDED.rating_sum)
       SELECT count(*)::int AS moved FROM moved`,
      [before.toISOString(), limit],
    )) as Array<{ moved: number }>;
    return moved;
  }

  async signals(userId: string | null): Promise<InteractionSignal[]> {
    const only = userId === null ? '' : 'WHERE user_id = $1';
    const rows: SignalRow[] = await this.db.query(
      `SELECT user_id, listing_id, type, sum(events) AS events, sum(rating_sum) AS rating_sum, max(last_at) AS last_at FROM (
         SELECT user_id, listing_id, type, 1 AS events, coalesce(rating, 0) AS rating_sum, occurred_at AS last_at FROM ai_interactions ${only}
         UNION ALL
         SELECT user_id, listing_id, type, events, rating_sum, day::timestamptz FROM ai_interaction_rollups ${only}
       ) AS all_events
       GROUP BY user_id, listing_id, type`,
      userId === null ? [] : [userId],
    );
    return rows.map((row) => ({
      userId: row.user_id,
      listingId: row.listing_id,
      type: row.type,
      events: Number(row.events),
      ratingSum: Number(row.rating_sum),
      lastAt: new Date(row.last_at),
    }));
  }
}
