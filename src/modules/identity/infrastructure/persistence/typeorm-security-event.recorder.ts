import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { EventStatements } from '../../../../platform/database/unit-of-work';
import type { RequestContext } from '../../../../platform/kernel';
import type { SecurityEvent } from '../../domain';
import type { SecurityEventRecorder } from '../../application/ports';
import { SECURITY_EVENT_RECORDED, SecurityEventRecordedPayload } from '../../application/events';

const USER_AGENT_MAX = 512;

/**
 * The INSERTs of one security_events row and of its `identity.security-event.recorded` integration event, as
 * data-modifying CTEs (`name AS (INSERT ...)`) with placeholders numbered from `first`, so that they are part of a
 * larger statement (see TypeOrmSessionRepository.insertOpened) or a statement of their own (`record`): the row and
 * its event are written together or not at all.
 */
export function securityEventInserts(events: EventStatements, ctx: RequestContext, event: SecurityEvent, first = 1): { ctes: string[]; parameters: unknown[] } {
  const payload: SecurityEventRecordedPayload = {
    securityEventId: randomUUID(),
    type: event.type,
    userId: event.userId ?? null,
    ip: ctx.ip ?? null,
    userAgent: ctx.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
    requestId: ctx.requestId,
    metadata: event.metadata ?? {},
  };
  const outbox = events.insert(ctx, { type: SECURITY_EVENT_RECORDED, orgId: null, payload }, first + 8);
  const $ = (offset: number) => `$${first + offset}`;
  return {
    ctes: [
      `security_event AS (INSERT INTO security_events (id, user_id, type, ip, user_agent, request_id, metadata, created_at)
        VALUES (${$(0)}, ${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}::jsonb, ${$(7)}))`,
      `security_event_published AS (${outbox.sql})`,
    ],
    parameters: [
      payload.securityEventId,
      payload.userId,
      payload.type,
      payload.ip,
      payload.userAgent,
      payload.requestId,
      JSON.stringify(payload.metadata),
      new Date(outbox.event.occurredAt),
      ...outbox.parameters,
    ],
  };
}

/**
 * Writes the security_events rows, each with the integration event that takes it to the audit log of the
 * organizations context. Never stores secrets: callers pass ids and reasons only.
 */
export class TypeOrmSecurityEventRecorder implements SecurityEventRecorder {
  constructor(
    private readonly manager: EntityManager,
    private readonly events: EventStatements,
  ) {}

  /** One statement (plain SQL, which costs a fraction of TypeORM's insert builder). */
  async record(ctx: RequestContext, event: SecurityEvent): Promise<void> {
    const { ctes, parameters } = securityEventInserts(this.events, ctx, event);
    await this.manager.query(`WITH ${ctes.join(', ')} SELECT 1`, parameters);
    this.events.written();
  }
}
