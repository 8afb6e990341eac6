import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { RequestContext } from '../../../../platform/kernel';
import type { SecurityEvent } from '../../domain';
import type { SecurityEventRecorder, StoredSecurityEvent } from '../../application/ports';
import { SecurityEventEntity } from './identity.entities';

/** Writes the security_events rows the audit log reads. Never stores secrets: callers pass ids and reasons only. */
export class TypeOrmSecurityEventRecorder implements SecurityEventRecorder {
  constructor(private readonly manager: EntityManager) {}

  async record(ctx: RequestContext, event: SecurityEvent): Promise<void> {
    await this.manager.getRepository(SecurityEventEntity).insert({
      id: randomUUID(),
      userId: event.userId ?? null,
      type: event.type,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent?.slice(0, 512) ?? null,
      requestId: ctx.requestId,
      metadata: (event.metadata ?? {}) as never,
      createdAt: new Date(),
    });
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
