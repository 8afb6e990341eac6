import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A payout is paid by one Stripe transfer per order on its statement
 * (`transfer_group` `order_<id>`, the order's card charge as
 * `source_transaction`), each with its own status, attempt and idempotency
 * key; a retry sends only the failed ones again. The card charge that paid a
 * payment (the PaymentIntent's `latest_charge`) is kept in
 * `provider_charge_id`.
 *
 * Existing payouts get one transfer each, with the key and group they were
 * (or are being) sent with, so a payout still in flight is retried with the
 * same key and a paid one is never sent again.
 */
export class CommercePayoutTransfers1766090000000 implements MigrationInterface {
  name = 'CommercePayoutTransfers1766090000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE commerce_payments ADD COLUMN provider_charge_id text`);
    await queryRunner.query(`
      CREATE TABLE commerce_payout_transfers (
        id uuid PRIMARY KEY,
        payout_id uuid NOT NULL REFERENCES commerce_payouts (id),
        org_id uuid NOT NULL,
        order_id uuid,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        position integer NOT NULL CHECK (position >= 0),
        transfer_group text NOT NULL,
        source_transaction text,
        status text NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
        attempt integer NOT NULL CHECK (attempt >= 1),
        idempotency_key text NOT NULL,
        transfer_id text,
        failure_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT commerce_payout_transfers_position UNIQUE (payout_id, position),
        CONSTRAINT commerce_payout_transfers_key UNIQUE (idempotency_key),
        CONSTRAINT commerce_payout_transfers_paid CHECK (status <> 'paid' OR transfer_id IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX commerce_payout_transfers_order_idx ON commerce_payout_transfers (payout_id, order_id) WHERE order_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX commerce_payout_transfers_balance_idx ON commerce_payout_transfers (payout_id) WHERE order_id IS NULL`);
    await queryRunner.query(`CREATE INDEX commerce_payout_transfers_org_idx ON commerce_payout_transfers (org_id, payout_id, position)`);
    await queryRunner.query(`
      INSERT INTO commerce_payout_transfers (id, payout_id, org_id, order_id, amount_minor, position, transfer_group, source_transaction, status,
        attempt, idempotency_key, transfer_id, failure_reason, created_at, updated_at)
      SELECT gen_random_uuid(), id, org_id, NULL, amount_minor, 0, 'payout_' || id, NULL,
        CASE status WHEN 'requested' THEN 'pending' ELSE status END, attempt,
        'payout:' || org_id || ':' || currency || ':' || period || ':' || attempt, transfer_id, failure_reason, created_at, updated_at
      FROM commerce_payouts`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE commerce_payout_transfers`);
    await queryRunner.query(`ALTER TABLE commerce_payments DROP COLUMN provider_charge_id`);
  }
}
