import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messaging: conversations between accounts (not tenant-owned: a buyer and a seller, a customer and a shop's staff,
 * or an organization's members when `org_id` is set), participants with their read cursor, messages with a
 * per-conversation sequence, edit history and blocks.
 */
export class MessagingSchema1765400000000 implements MigrationInterface {
  name = 'MessagingSchema1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE messaging_conversations (
        id uuid PRIMARY KEY,
        type text NOT NULL CHECK (type IN ('direct', 'group')),
        name text,
        direct_key text UNIQUE,
        org_id uuid,
        subject_type text CHECK (subject_type IN ('listing', 'order', 'booking')),
        subject_id uuid,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        last_seq bigint NOT NULL DEFAULT 0,
        last_message_at timestamptz,
        CHECK ((type = 'direct') = (direct_key IS NOT NULL)),
        CHECK ((subject_type IS NULL) = (subject_id IS NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE messaging_participants (
        conversation_id uuid NOT NULL REFERENCES messaging_conversations (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'member')),
        joined_at timestamptz NOT NULL,
        left_at timestamptz,
        last_read_seq bigint NOT NULL DEFAULT 0,
        archived_at timestamptz,
        muted boolean NOT NULL DEFAULT false,
        PRIMARY KEY (conversation_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX messaging_participants_user_idx ON messaging_participants (user_id, conversation_id) WHERE left_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE messaging_messages (
        id uuid PRIMARY KEY,
        conversation_id uuid NOT NULL REFERENCES messaging_conversations (id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        sender_user_id uuid NOT NULL,
        client_txn_id text NOT NULL,
        body text,
        created_at timestamptz NOT NULL,
        edited_at timestamptz,
        deleted_at timestamptz,
        CONSTRAINT messaging_messages_seq_key UNIQUE (conversation_id, seq),
        CONSTRAINT messaging_messages_txn_key UNIQUE (conversation_id, sender_user_id, client_txn_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE messaging_message_edits (
        id uuid PRIMARY KEY,
        message_id uuid NOT NULL REFERENCES messaging_messages (id) ON DELETE CASCADE,
        previous_body text NOT NULL,
        edited_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX messaging_message_edits_message_idx ON messaging_message_edits (message_id, edited_at)`);
    await queryRunner.query(`
      CREATE TABLE messaging_blocks (
        blocker_user_id uuid NOT NULL,
        blocked_user_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (blocker_user_id, blocked_user_id),
        CHECK (blocker_user_id <> blocked_user_id)
      )`);
    await queryRunner.query(`CREATE INDEX messaging_blocks_blocked_idx ON messaging_blocks (blocked_user_id, blocker_user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE messaging_blocks`);
    await queryRunner.query(`DROP TABLE messaging_message_edits`);
    await queryRunner.query(`DROP TABLE messaging_messages`);
    await queryRunner.query(`DROP TABLE messaging_participants`);
    await queryRunner.query(`DROP TABLE messaging_conversations`);
  }
}
