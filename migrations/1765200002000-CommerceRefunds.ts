import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Refunds: requested by the buyer, approved by the seller or a platform admin, completed through the original payment method. */
export class CommerceRefunds1765200002000 implements MigrationInterface {
  name = 'CommerceRefunds1765200002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commerce_refunds (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        order_id uuid NOT NULL REFERENCES commerce_orders (id),
        buyer_user_id uuid NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency char(3) NOT NULL,
        reason text NOT NULL,
        status text NOT NULL CHECK (status IN ('requested', 'approved', 'completed')),
        provider_ref text,
        provider_key text NOT NULL,
        requested_by uuid,
        approved_by uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX commerce_refunds_org_idx ON commerce_refunds (org_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX commerce_refunds_order_idx ON commerce_refunds (order_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE commerce_refunds`);
  }
}
