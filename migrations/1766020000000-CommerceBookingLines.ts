import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An order line may sell a repair-shop booking (paid online): kind `booking`, listing_id the booking's id. */
export class CommerceBookingLines1766020000000 implements MigrationInterface {
  name = 'CommerceBookingLines1766020000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE commerce_order_lines DROP CONSTRAINT commerce_order_lines_kind_check`);
    await queryRunner.query(
      `ALTER TABLE commerce_order_lines ADD CONSTRAINT commerce_order_lines_kind_check CHECK (kind IN ('tune', 'vehicle', 'part', 'booking'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE commerce_order_lines DROP CONSTRAINT commerce_order_lines_kind_check`);
    await queryRunner.query(`ALTER TABLE commerce_order_lines ADD CONSTRAINT commerce_order_lines_kind_check CHECK (kind IN ('tune', 'vehicle', 'part'))`);
  }
}
