import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analytics context's rolled-up tables, filled by its handlers of other
 * contexts' integration events (it never reads their tables):
 * - analytics_daily: one counter row per organization, UTC day, metric, actor
 *   (the member it is attributed to, '' when none) and currency ('' when none);
 * - analytics_listing_authors: who created each listing (from the drafted event),
 *   so review outcomes can be attributed to the member who made the listing;
 * - analytics_applied_events: each (event, handler) applied once, so a redelivered
 *   event never counts twice.
 */
export class AnalyticsRollups1765710001000 implements MigrationInterface {
  name = 'AnalyticsRollups1765710001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE analytics_daily (
        org_id uuid NOT NULL,
        day date NOT NULL,
        metric text NOT NULL,
        actor text NOT NULL DEFAULT '',
        currency text NOT NULL DEFAULT '',
        count bigint NOT NULL DEFAULT 0,
        amount bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (org_id, day, metric, actor, currency)
      )`);
    await queryRunner.query(`
      CREATE TABLE analytics_listing_authors (
        org_id uuid NOT NULL,
        listing_id uuid NOT NULL,
        user_id uuid,
        PRIMARY KEY (org_id, listing_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE analytics_applied_events (
        event_id uuid NOT NULL,
        handler text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, handler)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE analytics_applied_events`);
    await queryRunner.query(`DROP TABLE analytics_listing_authors`);
    await queryRunner.query(`DROP TABLE analytics_daily`);
  }
}
