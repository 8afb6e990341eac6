import type { Queryable } from '../../../../platform/database/sql';
import type { MessageCursor, MessageRepository } from '../../application/ports';
import type { Message, MessageEdit } from '../../domain';

const COLUMNS = 'm.id, m.conversation_id, m.seq, m.sender_user_id, m.client_txn_id, m.body, m.created_at, m.edited_at, m.deleted_at';

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: string;
  sender_user_id: string;
  client_txn_id: string;
  body: string | null;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
}

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    senderUserId: row.sender_user_id,
    clientTxnId: row.client_txn_id,
    body: row.body,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
  };
}

/** Messages of users the viewer had blocked when they were sent are not shown to the viewer. */
const VISIBLE_TO_VIEWER = `NOT EXISTS (SELECT 1 FROM messaging_blocks b WHERE b.blocker_user_id = $2 AND b.blocked_user_id = m.sender_user_id AND b.created_at <= m.created_at)`;

export class SqlMessageRepository implements MessageRepository {
  constructor(private readonly db: Queryable) {}

  async insert(m: Message): Promise<void> {
    await this.db.query(
      `INSERT INTO messaging_messages (id, conversation_id, seq, sender_user_id, client_txn_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [m.id, m.conversationId, m.seq, m.senderUserId, m.clientTxnId, m.body, m.createdAt],
    );
  }

  async findByTxn(conversationId: string, senderUserId: string, clientTxnId: string): Promise<Message | undefined> {
    const rows: MessageRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM messaging_messages m WHERE m.conversation_id = $1 AND m.sender_user_id = $2 AND m.client_txn_id = $3`,
      [conversationId, senderUserId, clientTxnId],
    );
    return rows[0] && toMessage(rows[0]);
  }

  async findById(id: string): Promise<Message | undefined> {
    const rows: MessageRow[] = await this.db.query(`SELECT ${COLUMNS} FROM messaging_messages m WHERE m.id = $1`, [id]);
    return rows[0] && toMessage(rows[0]);
  }

  async findForUpdate(id: string): Promise<Message | undefined> {
    const rows: MessageRow[] = await this.db.query(`SELECT ${COLUMNS} FROM messaging_messages m WHERE m.id = $1 FOR UPDATE`, [id]);
    return rows[0] && toMessage(rows[0]);
  }

  async findLatestSeq(conversationId: string): Promise<number> {
    const rows: Array<{ seq: string | null }> = await this.db.query(`SELECT max(seq) AS seq FROM messaging_messages WHERE conversation_id = $1`, [
      conversationId,
    ]);
    return Number(rows[0]?.seq ?? 0);
  }

  async updateBody(id: string, body: string, editedAt: Date): Promise<void> {
    await this.db.query(`UPDATE messaging_messages SET body = $2, edited_at = $3 WHERE id = $1`, [id, body, editedAt]);
  }

  async tombstone(id: string, at: Date): Promise<void> {
    await this.db.query(`DELETE FROM messaging_message_edits WHERE message_id = $1`, [id]);
    await this.db.query(`UPDATE messaging_messages SET body = NULL, deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL`, [id, at]);
  }

  async page(conversationId: string, viewerId: string, cursor: MessageCursor): Promise<{ messages: Message[]; hasMore: boolean }> {
    const take = cursor.limit + 1;
    let rows: MessageRow[];
    if (cursor.after !== undefined) {
      rows = await this.db.query(
        `SELECT ${COLUMNS} FROM messaging_messages m WHERE m.conversation_id = $1 AND m.seq > $3 AND ${VISIBLE_TO_VIEWER} ORDER BY m.seq ASC LIMIT $4`,
        [conversationId, viewerId, cursor.after, take],
      );
      const hasMore = rows.length > cursor.limit;
      return { messages: rows.slice(0, cursor.limit).map(toMessage), hasMore };
    }
    const before = cursor.before ?? Number.MAX_SAFE_INTEGER;
    rows = await this.db.query(
      `SELECT ${COLUMNS} FROM messaging_messages m WHERE m.conversation_id = $1 AND m.seq < $3 AND ${VISIBLE_TO_VIEWER} ORDER BY m.seq DESC LIMIT $4`,
      [conversationId, viewerId, before, take],
    );
    const hasMore = rows.length > cursor.limit;
    return { messages: rows.slice(0, cursor.limit).reverse().map(toMessage), hasMore };
  }

  async insertEdit(edit: MessageEdit): Promise<void> {
    await this.db.query(`INSERT INTO messaging_message_edits (id, message_id, previous_body, edited_at) VALUES ($1, $2, $3, $4)`, [
      edit.id,
      edit.messageId,
      edit.previousBody,
      edit.editedAt,
    ]);
  }

  async listEdits(messageId: string): Promise<MessageEdit[]> {
    const rows: Array<{ id: string; message_id: string; previous_body: string; edited_at: Date }> = await this.db.query(
      `SELECT id, message_id, previous_body, edited_at FROM messaging_message_edits WHERE message_id = $1 ORDER BY edited_at, id`,
      [messageId],
    );
    return rows.map((row) => ({ id: row.id, messageId: row.message_id, previousBody: row.previous_body, editedAt: row.edited_at }));
  }
}
