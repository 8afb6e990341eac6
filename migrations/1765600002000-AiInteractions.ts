import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Riders' interactions with listings: raw events (deduplicated by the app's
 * event id) and the daily counts the worker rolls old raw events up into.
 * Personal data of the rider, not owned by an organization.
 */
export class AiInteractions1765600002000 implements MigrationInterface {
  name = 'AiInteractions1765600002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ai_interactions (
        user_id uuid NOT NULL,
        client_event_id text NOT NULL CHECK (length(client_event_id) BETWEEN 1 AND 64),
        type text NOT NULL CHECK (type IN ('view', 'save', 'unsave', 'click', 'purchase', 'download', 'rate')),
        listing_id uuid NOT NULL,
        rating smallint CHECK ((type = 'rate') = (rating IS NOT NULL) AND (rating IS NULL OR rating BETWEEN 1 AND 5)),
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, client_event_id)
      )`);
    await queryRunner.query(`CREATE INDEX ai_interactions_occurred_idx ON ai_interactions (occurred_at)`);
    await queryRunner.query(`
      CREATE TABLE ai_interaction_rollups (
        user_id uuid NOT NULL,
        listing_id uuid NOT NULL,
        type text NOT NULL,
        day date NOT NULL,
        events integer NOT NULL CHECK (events > 0),
        rating_sum integer NOT NULL DEFAULT 0,
        PRIMARY KEY (user_id, listing_id, type, day)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ai_interaction_rollups`);
    await queryRunner.query(`DROP TABLE ai_interactions`);
  }
}
