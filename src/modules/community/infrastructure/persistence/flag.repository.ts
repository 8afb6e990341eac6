import { Queryable, SqlParams, uniqueAs } from '../../../../platform/database/sql';
import { Page, PageRequest, pageOffset, toPage } from '../../../../platform/kernel';
import { CommunityErrors, FlagDecision, FlagReason, FlagStatus, FlagTargetType } from '../../domain';
import type { Flag, FlagListFilter, FlagRepository } from '../../application/forum/forum.ports';

const COLUMNS =
  'f.id, f.target_type, f.target_id, f.org_id, f.flagged_by, f.reason, f.note, f.status, f.resolved_by, f.resolved_at, f.decision, f.decision_reason, f.created_at';

interface FlagRow {
  id: string;
  target_type: FlagTargetType;
  target_id: string;
  org_id: string | null;
  flagged_by: string;
  reason: FlagReason;
  note: string | null;
  status: FlagStatus;
  resolved_by: string | null;
  resolved_at: Date | null;
  decision: FlagDecision | null;
  decision_reason: string | null;
  created_at: Date;
}

const toFlag = (r: FlagRow): Flag => ({
  id: r.id,
  targetType: r.target_type,
  targetId: r.target_id,
  orgId: r.org_id,
  flaggedBy: r.flagged_by,
  reason: r.reason,
  note: r.note,
  status: r.status,
  resolvedBy: r.resolved_by,
  resolvedAt: r.resolved_at,
  decision: r.decision,
  decisionReason: r.decision_reason,
  createdAt: r.created_at,
});

export class SqlFlagRepository implements FlagRepository {
  constructor(private readonly db: Queryable) {}

  async insert(f: Flag): Promise<void> {
    await uniqueAs(
      () =>
        this.db.query(
          `INSERT INTO community_flags (id, target_type, target_id, org_id, flagged_by, reason, note, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [f.id, f.targetType, f.targetId, f.orgId, f.flaggedBy, f.reason, f.note, f.status, f.createdAt],
        ),
      'community_flags_target_type_target_id_flagged_by_key',
      CommunityErrors.alreadyFlagged,
    );
  }

  async countOpen(targetType: FlagTargetType, targetId: string): Promise<number> {
    const [row]: Array<{ n: number }> = await this.db.query(
      `SELECT count(*)::int AS n FROM community_flags WHERE target_type = $1 AND target_id = $2 AND status = 'open'`,
      [targetType, targetId],
    );
    return row.n;
  }

  async list(filter: FlagListFilter, page: PageRequest): Promise<Page<Flag>> {
    const params = new SqlParams();
    const where: string[] = [];
    if (!filter.all) where.push(filter.orgId === null ? 'false' : `f.org_id = ${params.bind(filter.orgId)}`);
    if (filter.status) where.push(`f.status = ${params.bind(filter.status)}`);
    if (filter.targetType) where.push(`f.target_type = ${params.bind(filter.targetType)}`);
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const countValues = params.values.slice();
    const rows: FlagRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM community_flags f ${whereSql} ORDER BY f.created_at, f.id LIMIT ${params.bind(page.limit)} OFFSET ${params.bind(pageOffset(page))}`,
      params.values,
    );
    const [count]: Array<{ n: number }> = await this.db.query(`SELECT count(*)::int AS n FROM community_flags f ${whereSql}`, countValues);
    return toPage(rows.map(toFlag), count.n, page);
  }

  async find(id: string): Promise<Flag | undefined> {
    const rows: FlagRow[] = await this.db.query(`SELECT ${COLUMNS} FROM community_flags f WHERE f.id = $1`, [id]);
    return rows[0] && toFlag(rows[0]);
  }

  async resolveTarget(
    targetType: FlagTargetType,
    targetId: string,
    status: Exclude<FlagStatus, 'open'>,
    by: string,
    now: Date,
    decision?: { decision: FlagDecision; reason: string },
  ): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `WITH r AS (
         UPDATE community_flags SET status = $3, resolved_by = $4, resolved_at = $5, decision = $6, decision_reason = $7
         WHERE target_type = $1 AND target_id = $2 AND status = 'open' RETURNING id)
       SELECT id FROM r`,
      [targetType, targetId, status, by, now, decision?.decision ?? null, decision?.reason ?? null],
    );
    return rows.length;
  }
}
