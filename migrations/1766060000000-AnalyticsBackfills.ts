import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last backfill of each organization's roll-ups (POST
 * /admin/organizations/{orgId}/analytics/backfill): the metrics it recomputes
 * from the owning contexts' facades are exact up to `backfilled_until`, so the
 * event handlers skip, for those metrics, events that occurred before it.
 */
export class AnalyticsBackfills1766060000000 implements MigrationInterface {
  name = 'AnalyticsBackfills1766060000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE analytics_backfills (
        org_id uuid PRIMARY KEY,
        backfilled_until timestamptz NOT NULL,
        backfilled_at timestamptz NOT NULL,
        backfilled_by uuid
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE analytics_backfills`);
  }
}
