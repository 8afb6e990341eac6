import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { RequestContext } from '../../../../platform/kernel';
import type { SecurityEvent } from '../../domain';
import type { SecurityEventRecorder, StoredSecurityEvent } from '../../application/ports';
import { SecurityEventEntity } from './identity.entities';

/**
 * The INSERT of one security_events row, its placeholders numbered from `first` so that it can also be a part
 * of a larger statement (see TypeOrmSessionRepository.insertOpened).
 */
export function securityEventInsert(ctx: RequestContext, event: SecurityEvent, first = 1): { sql: string; parameters: unknown[] } {
  const $ = (offset: number) => `$${first + offset}`;
  return {
    sql: `INSERT INTO security_events (id, user_id, type, ip, user_agent, request_id, metadata, created_at)
      VALUES (${$(0)}, ${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}::jsonb, ${$(7)})`,
    parameters: [
      randomUUID(),
      event.userId ?? null,
      event.type,
      ctx.ip ?? null,
      ctx.userAgent?.slice(0, 512) ?? null,
      ctx.requestId,
      JSON.stringify(event.metadata ?? {}),
      new Date(),
    ],
  };
}

/** Writes the security_events rows the audit log reads. Never stores secrets: callers pass ids and reasons only. */
export class TypeOrmSecurityEventRecorder implements SecurityEventRecorder {
  constructor(private readonly manager: EntityManager) {}

  /** Plain SQL, which costs a fraction of TypeORM's insert builder. */
  async record(ctx: RequestContext, event: SecurityEvent): Promise<void> {
    const { sql, parameters } = securityEventInsert(ctx, event);
    await this.manager.query(sql, parameters);
  }

  async listSince(since: Date, limit: number): Promise<StoredSecurityEvent[]> {
    const rows = await this.manager
      .getRepository(SecurityEventEntity)
      .createQueryBuilder('e')
      .where('e.created_at >= :since', { since })
      .orderBy('e.created_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((row) => ({ ...row }));
  }
}
