import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operators' decisions on community flags (admin console): what was decided (hide, restore, dismiss) and why,
 * kept on every flag the decision closed. Null for open flags and for a board moderator's uphold/dismiss.
 * Members may also report marketplace reviews: target_type `review` (no organization: only operators decide them).
 */
export class CommunityFlagDecisions1766040000000 implements MigrationInterface {
  name = 'CommunityFlagDecisions1766040000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE community_flags
        ADD COLUMN decision text CHECK (decision IN ('hide', 'restore', 'dismiss')),
        ADD COLUMN decision_reason text`);
    await queryRunner.query(`ALTER TABLE community_flags DROP CONSTRAINT community_flags_target_type_check`);
    await queryRunner.query(
      `ALTER TABLE community_flags ADD CONSTRAINT community_flags_target_type_check CHECK (target_type IN ('post', 'comment', 'review'))`,
    );
    await queryRunner.query(`CREATE INDEX community_flags_kind_queue_idx ON community_flags (target_type, status, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX community_flags_kind_queue_idx`);
    await queryRunner.query(`DELETE FROM community_flags WHERE target_type = 'review'`);
    await queryRunner.query(`ALTER TABLE community_flags DROP CONSTRAINT community_flags_target_type_check`);
    await queryRunner.query(`ALTER TABLE community_flags ADD CONSTRAINT community_flags_target_type_check CHECK (target_type IN ('post', 'comment'))`);
    await queryRunner.query(`ALTER TABLE community_flags DROP COLUMN decision_reason, DROP COLUMN decision`);
  }
}
