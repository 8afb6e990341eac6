import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refunds through the original method: a Razorpay payment keeps the id of the
 * Razorpay payment that paid it (`provider_payment_id`, pay_…; `provider_ref`
 * stays the Razorpay order), which is what a Razorpay refund targets. A refund
 * records how it was paid back (`method`: card, wallet, razorpay, cash) and who
 * completed it (cash refunds are handed over by the seller's staff).
 */
export class CommerceRefundMethods1766030000000 implements MigrationInterface {
  name = 'CommerceRefundMethods1766030000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE commerce_payments ADD COLUMN provider_payment_id text`);
    await queryRunner.query(
      `CREATE INDEX commerce_payments_provider_payment_idx ON commerce_payments (provider_payment_id) WHERE provider_payment_id IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE commerce_refunds ADD COLUMN method text`);
    await queryRunner.query(`ALTER TABLE commerce_refunds ADD COLUMN completed_by uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE commerce_refunds DROP COLUMN completed_by`);
    await queryRunner.query(`ALTER TABLE commerce_refunds DROP COLUMN method`);
    await queryRunner.query(`DROP INDEX commerce_payments_provider_payment_idx`);
    await queryRunner.query(`ALTER TABLE commerce_payments DROP COLUMN provider_payment_id`);
  }
}
