import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Refunds: a platform admin may reject a requested refund, with a reason (kept beside the refund and in the audit log). */
export class CommerceRefundRejection1766050000000 implements MigrationInterface {
  name = 'CommerceRefundRejection1766050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE commerce_refunds DROP CONSTRAINT commerce_refunds_status_check`);
    await queryRunner.query(
      `ALTER TABLE commerce_refunds ADD CONSTRAINT commerce_refunds_status_check CHECK (status IN ('requested', 'approved', 'completed', 'rejected'))`,
    );
    await queryRunner.query(`ALTER TABLE commerce_refunds ADD COLUMN decision_reason text`);
    await queryRunner.query(`CREATE INDEX commerce_refunds_status_idx ON commerce_refunds (status, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX commerce_refunds_status_idx`);
    await queryRunner.query(`DELETE FROM commerce_refunds WHERE status = 'rejected'`);
    await queryRunner.query(`ALTER TABLE commerce_refunds DROP COLUMN decision_reason`);
    await queryRunner.query(`ALTER TABLE commerce_refunds DROP CONSTRAINT commerce_refunds_status_check`);
    await queryRunner.query(
      `ALTER TABLE commerce_refunds ADD CONSTRAINT commerce_refunds_status_check CHECK (status IN ('requested', 'approved', 'completed'))`,
    );
  }
}
