import type { Page, PageRequest } from '../../../../platform/kernel';
import { Queryable, SqlParams, selectPage } from '../../../../platform/database/sql';
import type { ConversationListFilter, ConversationListRow, ConversationRepository } from '../../application/ports';
import { returnedRows } from './returning';
import type { Conversation, ConversationType, SubjectType } from '../../domain';
import { PARTICIPANT_COLUMNS, ParticipantRow, toParticipant, unreadCountSql } from './sql-participants.repository';

const COLUMNS = 'c.id, c.type, c.name, c.direct_key, c.org_id, c.subject_type, c.subject_id, c.created_by, c.created_at, c.last_seq, c.last_message_at';

export interface ConversationRow {
  id: string;
  type: ConversationType;
  name: string | null;
  direct_key: string | null;
  org_id: string | null;
  subject_type: SubjectType | null;
  subject_id: string | null;
  created_by: string;
  created_at: Date;
  last_seq: string;
  last_message_at: Date | null;
}

export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    directKey: row.direct_key,
    orgId: row.org_id,
    subject: row.subject_type && row.subject_id ? { type: row.subject_type, id: row.subject_id } : null,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastSeq: Number(row.last_seq),
    lastMessageAt: row.last_message_at,
  };
}

export class SqlConversationRepository implements ConversationRepository {
  constructor(private readonly db: Queryable) {}

  async insert(c: Conversation): Promise<void> {
    await this.db.query(
      `INSERT INTO messaging_conversations (id, type, name, direct_key, org_id, subject_type, subject_id, created_by, created_at, last_seq, last_message_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [c.id, c.type, c.name, c.directKey, c.orgId, c.subject?.type ?? null, c.subject?.id ?? null, c.createdBy, c.createdAt, c.lastSeq, c.lastMessageAt],
    );
  }

  async findById(id: string): Promise<Conversation | undefined> {
    const rows: ConversationRow[] = await this.db.query(`SELECT ${COLUMNS} FROM messaging_conversations c WHERE c.id = $1`, [id]);
    return rows[0] && toConversation(rows[0]);
  }

  async findForUpdate(id: string): Promise<Conversation | undefined> {
    const rows: ConversationRow[] = await this.db.query(`SELECT ${COLUMNS} FROM messaging_conversations c WHERE c.id = $1 FOR UPDATE`, [id]);
    return rows[0] && toConversation(rows[0]);
  }

  async findDirect(key: string): Promise<Conversation | undefined> {
    const rows: ConversationRow[] = await this.db.query(`SELECT ${COLUMNS} FROM messaging_conversations c WHERE c.direct_key = $1`, [key]);
    return rows[0] && toConversation(rows[0]);
  }

  async nextSeq(id: string, at: Date): Promise<number> {
    const rows = returnedRows<{ last_seq: string }>(
      await this.db.query(`UPDATE messaging_conversations SET last_seq = last_seq + 1, last_message_at = $2 WHERE id = $1 RETURNING last_seq`, [id, at]),
    );
    return Number(rows[0].last_seq);
  }

  listForUser(userId: string, filter: ConversationListFilter, page: PageRequest): Promise<Page<ConversationListRow>> {
    const params = new SqlParams();
    const user = params.bind(userId);
    const where = `FROM messaging_participants p JOIN messaging_conversations c ON c.id = p.conversation_id
      WHERE p.user_id = ${user} AND p.left_at IS NULL AND (p.archived_at IS NOT NULL) = ${params.bind(filter.archived)}`;
    return selectPage<ConversationRow & ParticipantRow & { unread_count: string }, ConversationListRow>(
      this.db,
      (limit, offset) =>
        `SELECT ${COLUMNS}, ${PARTICIPANT_COLUMNS}, (${unreadCountSql('c.id', user, 'p.last_read_seq')}) AS unread_count, count(*) OVER () AS total ${where}
         ORDER BY coalesce(c.last_message_at, c.created_at) DESC, c.id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total ${where}`,
      params,
      page,
      (row) => ({ conversation: toConversation(row), me: toParticipant(row), unreadCount: Number(row.unread_count) }),
    );
  }
}
