import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The community context's notifications: one row per notification (a group of
 * like events while it is unread), each person's preferences per type and
 * channel, and the keys of the facts already turned into notifications.
 */
export class CommunityNotifications1765500000000 implements MigrationInterface {
  name = 'CommunityNotifications1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE community_notifications (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        org_id uuid,
        type text NOT NULL,
        group_key text,
        actor_ids uuid[] NOT NULL DEFAULT '{}',
        last_actor_name text,
        event_count integer NOT NULL DEFAULT 1,
        target_type text,
        target_id text,
        data jsonb NOT NULL DEFAULT '{}',
        in_app boolean NOT NULL DEFAULT true,
        email_pending boolean NOT NULL DEFAULT false,
        read_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX community_notifications_list_idx ON community_notifications (user_id, updated_at DESC, id DESC) WHERE in_app`);
    await queryRunner.query(`CREATE INDEX community_notifications_unread_idx ON community_notifications (user_id) WHERE in_app AND read_at IS NULL`);
    // One open (unread) notification per group: the next like event updates it instead of adding a row.
    await queryRunner.query(
      `CREATE UNIQUE INDEX community_notifications_group_idx ON community_notifications (user_id, group_key) WHERE read_at IS NULL AND group_key IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX community_notifications_digest_idx ON community_notifications (user_id) WHERE email_pending`);
    await queryRunner.query(`
      CREATE TABLE community_notification_preferences (
        user_id uuid NOT NULL,
        type text NOT NULL,
        in_app boolean NOT NULL,
        email boolean NOT NULL,
        live boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, type)
      )`);
    await queryRunner.query(`
      CREATE TABLE community_notification_settings (
        user_id uuid PRIMARY KEY,
        email_delivery text NOT NULL CHECK (email_delivery IN ('immediate', 'digest')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE community_notification_sources (
        source_key text PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE community_notification_sources`);
    await queryRunner.query(`DROP TABLE community_notification_settings`);
    await queryRunner.query(`DROP TABLE community_notification_preferences`);
    await queryRunner.query(`DROP TABLE community_notifications`);
  }
}
