import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Wallet top-ups paid through Stripe (the wallet itself is a ledger account). */
export class CommerceWallets1765200001000 implements MigrationInterface {
  name = 'CommerceWallets1765200001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commerce_wallet_top_ups (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency char(3) NOT NULL,
        status text NOT NULL CHECK (status IN ('requires_payment', 'succeeded', 'failed', 'cancelled')),
        provider_ref text UNIQUE,
        client_secret text,
        provider_key text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX commerce_wallet_top_ups_user_idx ON commerce_wallet_top_ups (user_id, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE commerce_wallet_top_ups`);
  }
}
