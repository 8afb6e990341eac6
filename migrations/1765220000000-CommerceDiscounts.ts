import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Discount codes of seller organizations and their redemptions. A code is
 * unique per organization case-insensitively (code_key is its upper-case
 * form). `uses_count` counts the active redemptions (reserved by an open or
 * paid order); the CHECK keeps it within the global limit, and redemptions
 * are taken under a row lock on the discount, so limits hold under concurrency.
 * One redemption per order.
 */
export class CommerceDiscounts1765220000000 implements MigrationInterface {
  name = 'CommerceDiscounts1765220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commerce_discounts (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        code text NOT NULL,
        code_key text NOT NULL,
        description text,
        type text NOT NULL CHECK (type IN ('percentage', 'fixed')),
        percent_bps integer CHECK (percent_bps BETWEEN 1 AND 10000),
        amount_minor bigint CHECK (amount_minor > 0),
        currency char(3),
        min_order_minor bigint NOT NULL DEFAULT 0 CHECK (min_order_minor >= 0),
        starts_at timestamptz,
        ends_at timestamptz,
        max_uses integer CHECK (max_uses > 0),
        max_uses_per_customer integer CHECK (max_uses_per_customer > 0),
        uses_count integer NOT NULL DEFAULT 0 CHECK (uses_count >= 0 AND (max_uses IS NULL OR uses_count <= max_uses)),
        scope text NOT NULL CHECK (scope IN ('organization', 'listings', 'kinds')),
        listing_ids uuid[] NOT NULL DEFAULT '{}',
        kinds text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((type = 'percentage' AND percent_bps IS NOT NULL AND amount_minor IS NULL)
            OR (type = 'fixed' AND amount_minor IS NOT NULL AND currency IS NOT NULL AND percent_bps IS NULL)),
        CHECK (starts_at IS NULL OR ends_at IS NULL OR starts_at < ends_at)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX commerce_discounts_code_idx ON commerce_discounts (org_id, code_key)`);
    await queryRunner.query(`CREATE INDEX commerce_discounts_org_idx ON commerce_discounts (org_id, created_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX commerce_discounts_key_idx ON commerce_discounts (code_key)`);
    await queryRunner.query(`
      CREATE TABLE commerce_discount_redemptions (
        order_id uuid PRIMARY KEY REFERENCES commerce_orders (id) ON DELETE CASCADE,
        org_id uuid NOT NULL,
        discount_id uuid NOT NULL REFERENCES commerce_discounts (id),
        buyer_user_id uuid NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
        status text NOT NULL CHECK (status IN ('active', 'released')),
        created_at timestamptz NOT NULL,
        released_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX commerce_discount_redemptions_buyer_idx ON commerce_discount_redemptions (org_id, discount_id, buyer_user_id) WHERE status = 'active'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE commerce_discount_redemptions`);
    await queryRunner.query(`DROP TABLE commerce_discounts`);
  }
}
