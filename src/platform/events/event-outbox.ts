import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EventDraft, IntegrationEvent } from '../kernel/events';
import type { RequestContext } from '../kernel/request-context';
import { Inject } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import type { Queryable } from '../database/sql';

const COLUMNS = 8;

/** An integration event built from a draft, stamped now. */
export function integrationEvent<P extends object>(ctx: RequestContext, draft: EventDraft<P>): IntegrationEvent<P> {
  return {
    id: randomUUID(),
    type: draft.type,
    version: draft.version ?? 1,
    orgId: draft.orgId === undefined ? (ctx.orgId ?? null) : draft.orgId,
    occurredAt: new Date().toISOString(),
    ctx,
    payload: draft.payload,
  };
}

/**
 * The transactional outbox: events are rows of `integration_events`, written
 * by the same transaction as the change they describe. The relay hands them to
 * Bull after commit. `relay_scope` is the queue prefix of the process that
 * raised the event: only processes of the same deployment (same prefix)
 * relay it, so two environments or test runs sharing a database never take
 * each other's events.
 */
@Injectable()
export class EventOutbox {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get scope(): string {
    return this.config.redis.keyPrefix;
  }

  async store(db: Queryable, events: IntegrationEvent[]): Promise<void> {
    if (events.length === 0) return;
    const rows: string[] = [];
    const parameters: unknown[] = [];
    for (const event of events) {
      const part = this.insertValues(event, parameters.length + 1);
      rows.push(part.values);
      parameters.push(...part.parameters);
    }
    await db.query(`INSERT INTO integration_events (id, type, version, org_id, ctx, payload, occurred_at, relay_scope) VALUES ${rows.join(', ')}`, parameters);
  }

  /**
   * The INSERT of one event with placeholders numbered from `first`, for a
   * repository that folds it into a larger statement (a data-modifying CTE).
   */
  insertStatement(event: IntegrationEvent, first = 1): { sql: string; parameters: unknown[] } {
    const part = this.insertValues(event, first);
    return {
      sql: `INSERT INTO integration_events (id, type, version, org_id, ctx, payload, occurred_at, relay_scope) VALUES ${part.values}`,
      parameters: part.parameters,
    };
  }

  private insertValues(event: IntegrationEvent, first: number): { values: string; parameters: unknown[] } {
    const $ = Array.from({ length: COLUMNS }, (_, i) => `$${first + i}`);
    return {
      values: `(${$[0]}, ${$[1]}, ${$[2]}, ${$[3]}, ${$[4]}::jsonb, ${$[5]}::jsonb, ${$[6]}, ${$[7]})`,
      parameters: [event.id, event.type, event.version, event.orgId, JSON.stringify(event.ctx), JSON.stringify(event.payload), event.occurredAt, this.scope],
    };
  }
}
