import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The commerce context's tables: orders and their lines, payments, idempotency
 * keys, provider webhook events, seller settings, and the double-entry ledger
 * (accounts, entries, postings) with its invariants enforced by Postgres:
 * postings are immutable, every entry sums to zero per currency at commit, and
 * an account that may not go negative cannot.
 */
export class CommerceSchema1765200000000 implements MigrationInterface {
  name = 'CommerceSchema1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commerce_seller_settings (
        org_id uuid PRIMARY KEY,
        commission_bps integer CHECK (commission_bps BETWEEN 0 AND 10000),
        stripe_account_id text,
        payouts_enabled boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE commerce_orders (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        buyer_user_id uuid NOT NULL,
        checkout_id uuid NOT NULL,
        currency char(3) NOT NULL,
        status text NOT NULL,
        subtotal_minor bigint NOT NULL CHECK (subtotal_minor >= 0),
        discount_minor bigint NOT NULL CHECK (discount_minor >= 0),
        total_minor bigint NOT NULL CHECK (total_minor >= 0),
        refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= total_minor),
        discount_code text,
        commission_bps integer NOT NULL CHECK (commission_bps BETWEEN 0 AND 10000),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        paid_at timestamptz,
        version integer NOT NULL DEFAULT 0,
        CHECK (total_minor = subtotal_minor - discount_minor)
      )`);
    await queryRunner.query(`CREATE INDEX commerce_orders_org_idx ON commerce_orders (org_id, created_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX commerce_orders_buyer_idx ON commerce_orders (buyer_user_id, created_at DESC, id)`);
    await queryRunner.query(`CREATE UNIQUE INDEX commerce_orders_checkout_idx ON commerce_orders (checkout_id, org_id)`);
    await queryRunner.query(`CREATE INDEX commerce_orders_open_idx ON commerce_orders (expires_at) WHERE status IN ('pending', 'awaiting_payment')`);
    await queryRunner.query(`
      CREATE TABLE commerce_order_lines (
        order_id uuid NOT NULL REFERENCES commerce_orders (id) ON DELETE CASCADE,
        org_id uuid NOT NULL,
        position integer NOT NULL,
        listing_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('tune', 'vehicle', 'part')),
        title text NOT NULL,
        unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
        quantity integer NOT NULL CHECK (quantity > 0),
        subtotal_minor bigint NOT NULL,
        discount_minor bigint NOT NULL,
        PRIMARY KEY (order_id, position)
      )`);
    await queryRunner.query(`
      CREATE TABLE commerce_payments (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        order_id uuid NOT NULL REFERENCES commerce_orders (id),
        buyer_user_id uuid NOT NULL,
        attempt integer NOT NULL,
        method text NOT NULL CHECK (method IN ('card', 'wallet', 'cash', 'razorpay', 'free')),
        status text NOT NULL CHECK (status IN ('requires_payment', 'processing', 'succeeded', 'failed', 'cancelled')),
        amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
        currency char(3) NOT NULL,
        provider_ref text,
        client_secret text,
        provider_key text NOT NULL,
        failure_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (order_id, attempt)
      )`);
    await queryRunner.query(`CREATE INDEX commerce_payments_org_idx ON commerce_payments (org_id, created_at DESC)`);
    await queryRunner.query(`CREATE UNIQUE INDEX commerce_payments_provider_ref_idx ON commerce_payments (provider_ref) WHERE provider_ref IS NOT NULL`);
    // At most one successful payment per order, whatever arrives twice.
    await queryRunner.query(`CREATE UNIQUE INDEX commerce_payments_one_success_idx ON commerce_payments (order_id) WHERE status = 'succeeded'`);
    await queryRunner.query(`
      CREATE TABLE commerce_idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        operation text NOT NULL,
        request_hash text NOT NULL,
        recovery_id uuid NOT NULL,
        state text NOT NULL CHECK (state IN ('running', 'retryable', 'done')),
        response_status integer,
        response_body json,
        locked_until timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      )`);
    await queryRunner.query(`CREATE INDEX commerce_idempotency_keys_expiry_idx ON commerce_idempotency_keys (expires_at)`);
    await queryRunner.query(`
      CREATE TABLE commerce_webhook_events (
        provider text NOT NULL,
        event_id text NOT NULL,
        type text NOT NULL,
        object_id text,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        PRIMARY KEY (provider, event_id)
      )`);

    // ---------------------------------------------------------------- ledger
    await queryRunner.query(`
      CREATE TABLE ledger_accounts (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        owner_id text NOT NULL,
        currency char(3) NOT NULL,
        may_go_negative boolean NOT NULL,
        balance_minor bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (kind, owner_id, currency),
        CONSTRAINT ledger_accounts_not_overdrawn CHECK (may_go_negative OR balance_minor >= 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE ledger_entries (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        reference text NOT NULL,
        org_id uuid,
        occurred_at timestamptz NOT NULL,
        CONSTRAINT ledger_entries_once UNIQUE (kind, reference)
      )`);
    await queryRunner.query(`
      CREATE TABLE ledger_postings (
        id bigserial PRIMARY KEY,
        entry_id uuid NOT NULL REFERENCES ledger_entries (id),
        account_id uuid NOT NULL REFERENCES ledger_accounts (id),
        currency char(3) NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor <> 0),
        occurred_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX ledger_postings_account_idx ON ledger_postings (account_id, occurred_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX ledger_postings_entry_idx ON ledger_postings (entry_id)`);
    await queryRunner.query(`
      CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger entries and postings are immutable: post a correcting entry instead' USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER ledger_entries_immutable BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER ledger_postings_immutable BEFORE UPDATE OR DELETE ON ledger_postings FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (
          SELECT 1 FROM ledger_postings WHERE entry_id = NEW.entry_id GROUP BY currency HAVING sum(amount_minor) <> 0
        ) THEN
          RAISE EXCEPTION 'ledger entry % does not balance to zero', NEW.entry_id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER ledger_postings_balanced AFTER INSERT ON ledger_postings
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ledger_postings`);
    await queryRunner.query(`DROP TABLE ledger_entries`);
    await queryRunner.query(`DROP TABLE ledger_accounts`);
    await queryRunner.query(`DROP FUNCTION ledger_check_balanced`);
    await queryRunner.query(`DROP FUNCTION ledger_refuse_change`);
    await queryRunner.query(`DROP TABLE commerce_webhook_events`);
    await queryRunner.query(`DROP TABLE commerce_idempotency_keys`);
    await queryRunner.query(`DROP TABLE commerce_payments`);
    await queryRunner.query(`DROP TABLE commerce_order_lines`);
    await queryRunner.query(`DROP TABLE commerce_orders`);
    await queryRunner.query(`DROP TABLE commerce_seller_settings`);
  }
}
