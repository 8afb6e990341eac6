import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly payouts through Stripe Connect: one per (organization, currency,
 * period), with its statement lines (the seller-payable postings it pays; a
 * posting is paid by one payout at most).
 */
export class CommercePayouts1765210000000 implements MigrationInterface {
  name = 'CommercePayouts1765210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commerce_payouts (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        currency char(3) NOT NULL,
        period char(7) NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        status text NOT NULL CHECK (status IN ('requested', 'paid', 'failed')),
        attempt integer NOT NULL CHECK (attempt >= 1),
        destination text NOT NULL,
        transfer_id text,
        failure_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        paid_at timestamptz,
        CONSTRAINT commerce_payouts_once UNIQUE (org_id, currency, period)
      )`);
    await queryRunner.query(`CREATE INDEX commerce_payouts_org_idx ON commerce_payouts (org_id, period DESC, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX commerce_payouts_open_idx ON commerce_payouts (status) WHERE status <> 'paid'`);
    await queryRunner.query(`
      CREATE TABLE commerce_payout_lines (
        payout_id uuid NOT NULL REFERENCES commerce_payouts (id),
        org_id uuid NOT NULL,
        posting_id bigint NOT NULL REFERENCES ledger_postings (id),
        entry_kind text NOT NULL,
        reference text NOT NULL,
        order_id uuid,
        amount_minor bigint NOT NULL,
        occurred_at timestamptz NOT NULL,
        CONSTRAINT commerce_payout_lines_once UNIQUE (posting_id)
      )`);
    await queryRunner.query(`CREATE INDEX commerce_payout_lines_payout_idx ON commerce_payout_lines (org_id, payout_id, occurred_at, posting_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE commerce_payout_lines`);
    await queryRunner.query(`DROP TABLE commerce_payouts`);
  }
}
