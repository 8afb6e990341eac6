import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invoices: one per paid order, numbered without gaps per seller organization
 * and year (the counter row is locked by the transaction that issues a number).
 */
export class CommerceInvoices1765211000000 implements MigrationInterface {
  name = 'CommerceInvoices1765211000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commerce_invoice_counters (
        org_id uuid NOT NULL,
        year integer NOT NULL,
        last_number integer NOT NULL CHECK (last_number >= 1),
        PRIMARY KEY (org_id, year)
      )`);
    await queryRunner.query(`
      CREATE TABLE commerce_invoices (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        order_id uuid NOT NULL REFERENCES commerce_orders (id),
        buyer_user_id uuid NOT NULL,
        year integer NOT NULL,
        sequence integer NOT NULL CHECK (sequence >= 1),
        number text NOT NULL,
        total_minor bigint NOT NULL,
        currency char(3) NOT NULL,
        storage_key text,
        issued_at timestamptz NOT NULL,
        last_sent_at timestamptz,
        CONSTRAINT commerce_invoices_one_per_order UNIQUE (order_id),
        CONSTRAINT commerce_invoices_number_once UNIQUE (org_id, year, sequence)
      )`);
    await queryRunner.query(`CREATE INDEX commerce_invoices_org_idx ON commerce_invoices (org_id, issued_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX commerce_invoices_buyer_idx ON commerce_invoices (buyer_user_id, issued_at DESC, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE commerce_invoices`);
    await queryRunner.query(`DROP TABLE commerce_invoice_counters`);
  }
}
