import type { Queryable } from '../../../../platform/database/sql';
import type { MessageCursor, MessageRepository } from '../../application/ports';
import type { Attachment, AttachmentRef, Message, MessageEdit } from '../../domain';
import { returnedRows } from './returning';

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
    attachments: [],
  };
}

interface AttachmentRow {
  id: string;
  conversation_id: string;
  uploader_user_id: string;
  message_id: string | null;
  storage_key: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  created_at: Date;
}

const ATTACHMENT_COLUMNS = 'id, conversation_id, uploader_user_id, message_id, storage_key, file_name, content_type, size_bytes, sha256, created_at';

function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    uploaderUserId: row.uploader_user_id,
    messageId: row.message_id,
    storageKey: row.storage_key,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    createdAt: row.created_at,
  };
}

const toRef = (a: Attachment): AttachmentRef => ({ id: a.id, fileName: a.fileName, contentType: a.contentType, sizeBytes: a.sizeBytes });

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
    return (await this.withAttachments(rows.map(toMessage)))[0];
  }

  async findById(id: string): Promise<Message | undefined> {
    const rows: MessageRow[] = await this.db.query(`SELECT ${COLUMNS} FROM messaging_messages m WHERE m.id = $1`, [id]);
    return (await this.withAttachments(rows.map(toMessage)))[0];
  }

  async findForUpdate(id: string): Promise<Message | undefined> {
    const rows: MessageRow[] = await this.db.query(`SELECT ${COLUMNS} FROM messaging_messages m WHERE m.id = $1 FOR UPDATE`, [id]);
    return (await this.withAttachments(rows.map(toMessage)))[0];
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
      return { messages: await this.withAttachments(rows.slice(0, cursor.limit).map(toMessage)), hasMore };
    }
    const before = cursor.before ?? Number.MAX_SAFE_INTEGER;
    rows = await this.db.query(
      `SELECT ${COLUMNS} FROM messaging_messages m WHERE m.conversation_id = $1 AND m.seq < $3 AND ${VISIBLE_TO_VIEWER} ORDER BY m.seq DESC LIMIT $4`,
      [conversationId, viewerId, before, take],
    );
    const hasMore = rows.length > cursor.limit;
    return { messages: await this.withAttachments(rows.slice(0, cursor.limit).reverse().map(toMessage)), hasMore };
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

  async insertAttachment(a: Attachment): Promise<void> {
    await this.db.query(`INSERT INTO messaging_attachments (${ATTACHMENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
      a.id,
      a.conversationId,
      a.uploaderUserId,
      a.messageId,
      a.storageKey,
      a.fileName,
      a.contentType,
      a.sizeBytes,
      a.sha256,
      a.createdAt,
    ]);
  }

  async findAttachment(id: string): Promise<Attachment | undefined> {
    const rows: AttachmentRow[] = await this.db.query(`SELECT ${ATTACHMENT_COLUMNS} FROM messaging_attachments WHERE id = $1`, [id]);
    return rows[0] && toAttachment(rows[0]);
  }

  async attach(ids: string[], conversationId: string, uploaderUserId: string, messageId: string): Promise<AttachmentRef[]> {
    if (ids.length === 0) return [];
    const rows = returnedRows<AttachmentRow>(
      await this.db.query(
        `UPDATE messaging_attachments SET message_id = $4
         WHERE id = ANY($1::uuid[]) AND conversation_id = $2 AND uploader_user_id = $3 AND message_id IS NULL
         RETURNING ${ATTACHMENT_COLUMNS}`,
        [ids, conversationId, uploaderUserId, messageId],
      ),
    );
    return rows.map(toAttachment).map(toRef);
  }

  /** Fills each live message's attachments (one query per page). */
  private async withAttachments(messages: Message[]): Promise<Message[]> {
    const live = messages.filter((m) => !m.deletedAt).map((m) => m.id);
    if (live.length === 0) return messages;
    const rows: AttachmentRow[] = await this.db.query(
      `SELECT ${ATTACHMENT_COLUMNS} FROM messaging_attachments WHERE message_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [live],
    );
    const byMessage = new Map<string, AttachmentRef[]>();
    for (const row of rows) byMessage.set(row.message_id!, [...(byMessage.get(row.message_id!) ?? []), toRef(toAttachment(row))]);
    return messages.map((m) => ({ ...m, attachments: byMessage.get(m.id) ?? [] }));
  }
}
