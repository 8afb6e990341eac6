import type { Queryable } from '../../../../platform/database/sql';
import type { NotificationType } from '../../domain';
import type { NotificationCursor, NotificationDraft, NotificationRecord, NotificationRepository, RecipientChannels } from '../../application/ports';

const COLUMNS = `n.id, n.user_id, n.org_id, n.type, n.group_key, n.actor_ids, n.last_actor_name, n.event_count, n.target_type, n.target_id, n.data,
  n.read_at, n.created_at, n.updated_at`;

interface NotificationRow {
  id: string;
  user_id: string;
  org_id: string | null;
  type: NotificationType;
  group_key: string | null;
  actor_ids: string[];
  last_actor_name: string | null;
  event_count: number;
  target_type: string | null;
  target_id: string | null;
  data: Record<string, unknown>;
  read_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

function toRecord(row: NotificationRow): NotificationRecord {
  return {
    id: row.id,
    userId: row.user_id,
    orgId: row.org_id,
    type: row.type,
    groupKey: row.group_key,
    actorIds: row.actor_ids,
    lastActorName: row.last_actor_name,
    eventCount: row.event_count,
    targetType: row.target_type,
    targetId: row.target_id,
    data: row.data,
    readAt: row.read_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class SqlNotificationRepository implements NotificationRepository {
  constructor(private readonly db: Queryable) {}

  async claimSource(sourceKey: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO community_notification_sources (source_key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING source_key`,
      [sourceKey],
    );
    return rows.length === 1;
  }

  /**
   * One statement for every recipient: a new row each, or, when the person has
   * an unread notification of the same group, that row updated (actor added once,
   * count of events, moved to the top). `xmax = 0` tells an insert from an update.
   */
  async upsertMany(draft: NotificationDraft, recipients: RecipientChannels[], now: Date): Promise<Array<{ id: string; userId: string; created: boolean }>> {
    if (recipients.length === 0) return [];
    const rows: Array<{ id: string; user_id: string; created: boolean }> = await this.db.query(
      `INSERT INTO community_notifications AS n
         (id, user_id, org_id, type, group_key, actor_ids, last_actor_name, target_type, target_id, data, in_app, email_pending, created_at, updated_at)
       SELECT gen_random_uuid(), r.user_id, $4, $5, $6,
              CASE WHEN $7::uuid IS NULL THEN '{}'::uuid[] ELSE ARRAY[$7::uuid] END,
              $8, $9, $10, $11::jsonb, r.in_app, r.email_pending, $12, $12
         FROM unnest($1::uuid[], $2::boolean[], $3::boolean[]) AS r (user_id, in_app, email_pending)
       ON CONFLICT (user_id, group_key) WHERE read_at IS NULL AND group_key IS NOT NULL
       DO UPDATE SET
         actor_ids = CASE WHEN EXCLUDED.actor_ids <@ n.actor_ids THEN n.actor_ids ELSE n.actor_ids || EXCLUDED.actor_ids END,
         last_actor_name = COALESCE(EXCLUDED.last_actor_name, n.last_actor_name),
         event_count = n.event_count + 1,
         data = n.data || EXCLUDED.data,
         in_app = EXCLUDED.in_app,
         email_pending = n.email_pending OR EXCLUDED.email_pending,
         updated_at = EXCLUDED.updated_at
       RETURNING n.id, n.user_id, (xmax = 0) AS created`,
      [
        recipients.map((r) => r.userId),
        recipients.map((r) => r.inApp),
        recipients.map((r) => r.emailPending),
        draft.orgId,
        draft.type,
        draft.groupKey,
        draft.actorId,
        draft.actorName,
        draft.targetType,
        draft.targetId,
        JSON.stringify(draft.data),
        now,
      ],
    );
    return rows.map((row) => ({ id: row.id, userId: row.user_id, created: row.created }));
  }

  async list(userId: string, options: { after?: NotificationCursor; limit: number; unreadOnly: boolean }): Promise<NotificationRecord[]> {
    const params: unknown[] = [userId, options.limit];
    let where = 'n.user_id = $1 AND n.in_app';
    if (options.unreadOnly) where += ' AND n.read_at IS NULL';
    if (options.after) {
      params.push(options.after.updatedAt, options.after.id);
      where += ' AND (n.updated_at, n.id) < ($3, $4)';
    }
    const rows: NotificationRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM community_notifications n WHERE ${where} ORDER BY n.updated_at DESC, n.id DESC LIMIT $2`,
      params,
    );
    return rows.map(toRecord);
  }

  async countUnread(userId: string): Promise<number> {
    const [row]: Array<{ n: number }> = await this.db.query(
      `SELECT count(*)::int AS n FROM community_notifications WHERE user_id = $1 AND in_app AND read_at IS NULL`,
      [userId],
    );
    return row.n;
  }

  async markRead(userId: string, id: string, now: Date): Promise<NotificationRecord | undefined> {
    const rows: NotificationRow[] = await this.db.query(
      `WITH n AS (UPDATE community_notifications n SET read_at = COALESCE(n.read_at, $3)
        WHERE n.id = $2 AND n.user_id = $1 AND n.in_app RETURNING n.*) SELECT ${COLUMNS} FROM n`,
      [userId, id, now],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async markAllRead(userId: string, now: Date): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `WITH marked AS (UPDATE community_notifications SET read_at = $2 WHERE user_id = $1 AND in_app AND read_at IS NULL RETURNING id)
       SELECT id FROM marked`,
      [userId, now],
    );
    return rows.length;
  }

  async usersAwaitingDigest(limit: number): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await this.db.query(
      `SELECT DISTINCT user_id FROM community_notifications WHERE email_pending ORDER BY user_id LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.user_id);
  }

  async takeDigest(userId: string): Promise<NotificationRecord[]> {
    const rows: NotificationRow[] = await this.db.query(
      `WITH n AS (UPDATE community_notifications n SET email_pending = false
        WHERE n.user_id = $1 AND n.email_pending RETURNING n.*) SELECT ${COLUMNS} FROM n`,
      [userId],
    );
    return rows.map(toRecord).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  }
}
