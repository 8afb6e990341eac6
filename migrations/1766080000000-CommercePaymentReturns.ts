import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money that arrives for an order that can no longer take it (a Razorpay
 * payment captured after the attempt or the order was cancelled, or after
 * another attempt paid the order) is given back in full: the attempt is
 * `returning` until the provider has refunded it, then `returned`, with the
 * provider's refund id in `return_ref`.
 */
export class CommercePaymentReturns1766080000000 implements MigrationInterface {
  name = 'CommercePaymentReturns1766080000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE commerce_payments DROP CONSTRAINT commerce_payments_status_check`);
    await queryRunner.query(
      `ALTER TABLE commerce_payments ADD CONSTRAINT commerce_payments_status_check
         CHECK (status IN ('requires_payment', 'processing', 'succeeded', 'failed', 'cancelled', 'returning', 'returned'))`,
    );
    await queryRunner.query(`ALTER TABLE commerce_payments ADD COLUMN return_ref text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE commerce_payments DROP COLUMN return_ref`);
    await queryRunner.query(`ALTER TABLE commerce_payments DROP CONSTRAINT commerce_payments_status_check`);
    await queryRunner.query(
      `ALTER TABLE commerce_payments ADD CONSTRAINT commerce_payments_status_check
         CHECK (status IN ('requires_payment', 'processing', 'succeeded', 'failed', 'cancelled'))`,
    );
  }
}
