import { randomUUID } from 'node:crypto';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { AuditEntry, AuditEvent, IDENTITY_AUDIT_PREFIX } from '../../domain';
import type { AuditFilter, AuditLog, AuditScope, ImportedSecurityEvent } from '../../application/ports';
import { Queryable, SqlParams, selectPage } from '../../../../platform/database/sql';

const USER_AGENT_MAX = 512;

const COLUMNS = `a.id, a.org_id, a.occurred_at, a.action, a.actor_user_id, a.actor_api_key_id, a.target_type, a.target_id,
  a.ip, a.user_agent, a.request_id, a.metadata, a.source`;

interface AuditRow {
  id: string;
  org_id: string | null;
  occurred_at: Date;
  action: string;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  metadata: Record<string, unknown> | null;
  source: AuditEvent['source'];
}

function toEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    orgId: row.org_id,
    occurredAt: row.occurred_at,
    action: row.action,
    actorUserId: row.actor_user_id,
    actorApiKeyId: row.actor_api_key_id,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    metadata: row.metadata ?? {},
    source: row.source,
  };
}

/** The audit_events table: insert-only (a trigger refuses UPDATE, DELETE and TRUNCATE). */
export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: Queryable) {}

  async record(ctx: RequestContext, entry: AuditEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_events (id, org_id, occurred_at, action, actor_user_id, actor_api_key_id, target_type, target_id, ip, user_agent, request_id, metadata, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'organizations')`,
      [
        randomUUID(),
        entry.orgId,
        new Date(),
        entry.action,
        ctx.userId ?? null,
        ctx.apiKeyId ?? null,
        entry.targetType,
        entry.targetId,
        ctx.ip ?? null,
        ctx.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
        ctx.requestId,
        JSON.stringify(entry.metadata ?? {}),
      ],
    );
  }

  list(scope: AuditScope, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    const params = new SqlParams();
    const conditions: string[] = [];
    if (scope.kind === 'organization') {
      const org = params.bind(scope.orgId);
      // The organization's own events, and the security events of its active members since they joined.
      conditions.push(`(a.org_id = ${org} OR (a.source = 'identity' AND EXISTS (
        SELECT 1 FROM memberships m WHERE m.org_id = ${org} AND m.user_id = a.actor_user_id AND m.status = 'active' AND a.occurred_at >= m.joined_at)))`);
    } else if (filter.orgId) {
      conditions.push(`a.org_id = ${params.bind(filter.orgId)}`);
    }
    if (filter.action) {
      // "member" matches every member.* action; "member.removed" that one.
      const action = params.bind(filter.action);
      conditions.push(`(a.action = ${action} OR a.action LIKE ${action} || '.%')`);
    }
    if (filter.actorUserId) conditions.push(`a.actor_user_id = ${params.bind(filter.actorUserId)}`);
    if (filter.from) conditions.push(`a.occurred_at >= ${params.bind(filter.from)}`);
    if (filter.to) conditions.push(`a.occurred_at < ${params.bind(filter.to)}`);
    const where = `FROM audit_events a ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`;
    return selectPage<AuditRow, AuditEvent>(
      this.db,
      (limit, offset) => `SELECT ${COLUMNS}, count(*) OVER () AS total ${where} ORDER BY a.occurred_at DESC, a.id DESC LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total ${where}`,
      params,
      page,
      toEvent,
    );
  }

  async importSecurityEvent(event: ImportedSecurityEvent): Promise<boolean> {
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO audit_events (id, org_id, occurred_at, action, actor_user_id, target_type, target_id, ip, user_agent, request_id, metadata, source, source_event_id)
       VALUES ($1, NULL, $2, $3, $4, CASE WHEN $4::uuid IS NULL THEN NULL ELSE 'account' END, $4::text, $5, $6, $7, $8::jsonb, 'identity', $9)
       ON CONFLICT (source_event_id) DO NOTHING
       RETURNING id`,
      [
        randomUUID(),
        event.createdAt,
        `${IDENTITY_AUDIT_PREFIX}${event.type}`,
        event.userId,
        event.ip,
        event.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
        event.requestId,
        JSON.stringify(event.metadata ?? {}),
        event.id,
      ],
    );
    return rows.length > 0;
  }
}
