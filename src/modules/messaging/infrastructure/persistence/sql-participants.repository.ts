import type { Queryable } from '../../../../platform/database/sql';
import type { ParticipantRepository } from '../../application/ports';
import { returnedRows } from './returning';
import type { Participant, ParticipantRole } from '../../domain';

export const PARTICIPANT_COLUMNS = 'p.conversation_id, p.user_id, p.role, p.joined_at, p.left_at, p.last_read_seq, p.archived_at, p.muted';

export interface ParticipantRow {
  conversation_id: string;
  user_id: string;
  role: ParticipantRole;
  joined_at: Date;
  left_at: Date | null;
  last_read_seq: string;
  archived_at: Date | null;
  muted: boolean;
}

export function toParticipant(row: ParticipantRow): Participant {
  return {
    conversationId: row.conversation_id,
    userId: row.user_id,
    role: row.role,
    joinedAt: row.joined_at,
    leftAt: row.left_at,
    lastReadSeq: Number(row.last_read_seq),
    archivedAt: row.archived_at,
    muted: row.muted,
  };
}

/**
 * What is unread for a user: messages after their read cursor, by someone else, not deleted, and not from a user
 * they had blocked when it was sent. Counted over the (conversation_id, seq) index from the cursor on, so the
 * cost is the number of unread messages, not the conversation's length.
 */
export function unreadCountSql(conversation: string, user: string, cursor: string): string {
  return `SELECT count(*) FROM messaging_messages m
    WHERE m.conversation_id = ${conversation} AND m.seq > ${cursor} AND m.sender_user_id <> ${user} AND m.deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM messaging_blocks b WHERE b.blocker_user_id = ${user} AND b.blocked_user_id = m.sender_user_id AND b.created_at <= m.created_at)`;
}

export class SqlParticipantRepository implements ParticipantRepository {
  constructor(private readonly db: Queryable) {}

  async insertMany(participants: Participant[]): Promise<void> {
    if (participants.length === 0) return;
    const values: unknown[] = [];
    const tuples = participants.map((p, i) => {
      values.push(p.conversationId, p.userId, p.role, p.joinedAt, p.lastReadSeq);
      const o = i * 5;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5})`;
    });
    await this.db.query(`INSERT INTO messaging_participants (conversation_id, user_id, role, joined_at, last_read_seq) VALUES ${tuples.join(', ')}`, values);
  }

  async findActive(conversationId: string, userId: string): Promise<Participant | undefined> {
    const rows: ParticipantRow[] = await this.db.query(
      `SELECT ${PARTICIPANT_COLUMNS} FROM messaging_participants p WHERE p.conversation_id = $1 AND p.user_id = $2 AND p.left_at IS NULL`,
      [conversationId, userId],
    );
    return rows[0] && toParticipant(rows[0]);
  }

  async findAny(conversationId: string, userId: string): Promise<Participant | undefined> {
    const rows: ParticipantRow[] = await this.db.query(
      `SELECT ${PARTICIPANT_COLUMNS} FROM messaging_participants p WHERE p.conversation_id = $1 AND p.user_id = $2`,
      [conversationId, userId],
    );
    return rows[0] && toParticipant(rows[0]);
  }

  async listActive(conversationId: string): Promise<Participant[]> {
    const rows: ParticipantRow[] = await this.db.query(
      `SELECT ${PARTICIPANT_COLUMNS} FROM messaging_participants p WHERE p.conversation_id = $1 AND p.left_at IS NULL ORDER BY p.joined_at, p.user_id`,
      [conversationId],
    );
    return rows.map(toParticipant);
  }

  async rejoin(conversationId: string, userId: string, role: ParticipantRole, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE messaging_participants SET left_at = NULL, role = $3, joined_at = $4, archived_at = NULL, muted = false WHERE conversation_id = $1 AND user_id = $2`,
      [conversationId, userId, role, at],
    );
  }

  async leave(conversationId: string, userId: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE messaging_participants SET left_at = $3 WHERE conversation_id = $1 AND user_id = $2 AND left_at IS NULL`, [
      conversationId,
      userId,
      at,
    ]);
  }

  async ensureAdmin(conversationId: string): Promise<string | undefined> {
    const rows = returnedRows<{ user_id: string }>(
      await this.db.query(
        `UPDATE messaging_participants SET role = 'admin'
       WHERE conversation_id = $1 AND user_id = (
         SELECT user_id FROM messaging_participants WHERE conversation_id = $1 AND left_at IS NULL ORDER BY joined_at, user_id LIMIT 1)
       AND NOT EXISTS (SELECT 1 FROM messaging_participants WHERE conversation_id = $1 AND left_at IS NULL AND role = 'admin')
       RETURNING user_id`,
        [conversationId],
      ),
    );
    return rows[0]?.user_id;
  }

  async setArchived(conversationId: string, userId: string, at: Date | null): Promise<void> {
    await this.db.query(`UPDATE messaging_participants SET archived_at = $3 WHERE conversation_id = $1 AND user_id = $2`, [conversationId, userId, at]);
  }

  async setMuted(conversationId: string, userId: string, muted: boolean): Promise<void> {
    await this.db.query(`UPDATE messaging_participants SET muted = $3 WHERE conversation_id = $1 AND user_id = $2`, [conversationId, userId, muted]);
  }

  async markRead(conversationId: string, userId: string, seq: number): Promise<number> {
    const rows = returnedRows<{ last_read_seq: string }>(
      await this.db.query(
        `UPDATE messaging_participants SET last_read_seq = GREATEST(last_read_seq, $3) WHERE conversation_id = $1 AND user_id = $2 RETURNING last_read_seq`,
        [conversationId, userId, seq],
      ),
    );
    return Number(rows[0]?.last_read_seq ?? 0);
  }

  async unreadCount(conversationId: string, userId: string): Promise<number> {
    const rows: Array<{ count: string }> = await this.db.query(
      `SELECT (${unreadCountSql('$1', '$2', 'p.last_read_seq')}) AS count FROM messaging_participants p WHERE p.conversation_id = $1 AND p.user_id = $2`,
      [conversationId, userId],
    );
    return Number(rows[0]?.count ?? 0);
  }
}
