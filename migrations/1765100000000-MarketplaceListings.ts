import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The marketplace's listings, their lifecycle history, stock reservations, purchases (entitlements) and the safety gate's verdicts. */
export class MarketplaceListings1765100000000 implements MigrationInterface {
  name = 'MarketplaceListings1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE marketplace_listings (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('tune', 'vehicle', 'part')),
        status text NOT NULL CHECK (status IN ('draft', 'submitted', 'in_review', 'approved', 'rejected', 'needs_human', 'published', 'archived')),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        price_minor bigint NOT NULL CHECK (price_minor >= 0),
        currency char(3) NOT NULL,
        stock integer CHECK (stock IS NULL OR stock >= 0),
        details jsonb NOT NULL,
        model_ids uuid[] NOT NULL DEFAULT '{}',
        year integer,
        condition text,
        file_sha256 char(64),
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX marketplace_listings_org_idx ON marketplace_listings (org_id, created_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX marketplace_listings_sha_idx ON marketplace_listings (file_sha256) WHERE file_sha256 IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX marketplace_listings_status_idx ON marketplace_listings (status, updated_at) WHERE status IN ('needs_human', 'submitted', 'in_review')`,
    );
    await queryRunner.query(`
      CREATE TABLE marketplace_listing_transitions (
        id bigserial PRIMARY KEY,
        listing_id uuid NOT NULL REFERENCES marketplace_listings (id) ON DELETE CASCADE,
        org_id uuid NOT NULL,
        from_status text,
        to_status text NOT NULL,
        reason text,
        actor_user_id uuid,
        at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX marketplace_listing_transitions_listing_idx ON marketplace_listing_transitions (org_id, listing_id, id)`);
    await queryRunner.query(`
      CREATE TABLE marketplace_reservations (
        id text PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE marketplace_reservation_lines (
        reservation_id text NOT NULL REFERENCES marketplace_reservations (id) ON DELETE CASCADE,
        listing_id uuid NOT NULL REFERENCES marketplace_listings (id),
        org_id uuid NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (reservation_id, listing_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE marketplace_purchases (
        order_id text NOT NULL,
        listing_id uuid NOT NULL,
        org_id uuid NOT NULL,
        buyer_user_id uuid NOT NULL,
        kind text NOT NULL,
        quantity integer NOT NULL,
        entitled boolean NOT NULL,
        purchased_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        PRIMARY KEY (order_id, listing_id)
      )`);
    await queryRunner.query(`CREATE INDEX marketplace_purchases_buyer_idx ON marketplace_purchases (buyer_user_id, listing_id)`);
    await queryRunner.query(`CREATE INDEX marketplace_purchases_org_idx ON marketplace_purchases (org_id, purchased_at)`);
    await queryRunner.query(`
      CREATE TABLE marketplace_verdicts (
        id uuid PRIMARY KEY,
        listing_id uuid NOT NULL REFERENCES marketplace_listings (id) ON DELETE CASCADE,
        org_id uuid NOT NULL,
        source text NOT NULL CHECK (source IN ('gate', 'content_check', 'override', 'appeal', 'demo')),
        verdict text NOT NULL CHECK (verdict IN ('approved', 'rejected', 'needs_human')),
        reason text NOT NULL,
        legal_note text,
        findings jsonb NOT NULL DEFAULT '[]',
        safety_score integer,
        confidence numeric(4, 3),
        flags jsonb NOT NULL DEFAULT '[]',
        rationale text,
        model text,
        prompt_version text,
        input_hash text,
        latency_ms integer,
        prompt_tokens integer,
        completion_tokens integer,
        ai_status text NOT NULL,
        actor_user_id uuid,
        appealed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX marketplace_verdicts_listing_idx ON marketplace_verdicts (org_id, listing_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE marketplace_verdicts`);
    await queryRunner.query(`DROP TABLE marketplace_purchases`);
    await queryRunner.query(`DROP TABLE marketplace_reservation_lines`);
    await queryRunner.query(`DROP TABLE marketplace_reservations`);
    await queryRunner.query(`DROP TABLE marketplace_listing_transitions`);
    await queryRunner.query(`DROP TABLE marketplace_listings`);
  }
}
