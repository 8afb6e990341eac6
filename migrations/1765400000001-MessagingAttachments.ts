import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Files uploaded to a conversation (object storage holds the bytes), attached to a message once it is sent. */
export class MessagingAttachments1765400000001 implements MigrationInterface {
  name = 'MessagingAttachments1765400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE messaging_attachments (
        id uuid PRIMARY KEY,
        conversation_id uuid NOT NULL REFERENCES messaging_conversations (id) ON DELETE CASCADE,
        uploader_user_id uuid NOT NULL,
        message_id uuid REFERENCES messaging_messages (id) ON DELETE CASCADE,
        storage_key text NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX messaging_attachments_message_idx ON messaging_attachments (message_id) WHERE message_id IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX messaging_attachments_conversation_idx ON messaging_attachments (conversation_id, uploader_user_id) WHERE message_id IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE messaging_attachments`);
  }
}
