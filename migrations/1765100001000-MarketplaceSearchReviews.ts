import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Marketplace search (weighted tsvector + trigram), featured placement, reviews with an exact rating aggregate, favourites and daily analytics. */
export class MarketplaceSearchReviews1765100001000 implements MigrationInterface {
  name = 'MarketplaceSearchReviews1765100001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      ALTER TABLE marketplace_listings
        ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(description, '')), 'B')
        ) STORED,
        ADD COLUMN rating_sum integer NOT NULL DEFAULT 0,
        ADD COLUMN rating_count integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`CREATE INDEX marketplace_listings_search_idx ON marketplace_listings USING gin (search_vector) WHERE status = 'published'`);
    await queryRunner.query(
      `CREATE INDEX marketplace_listings_title_trgm_idx ON marketplace_listings USING gin (title gin_trgm_ops) WHERE status = 'published'`,
    );
    await queryRunner.query(`CREATE INDEX marketplace_listings_published_idx ON marketplace_listings (published_at DESC, id DESC) WHERE status = 'published'`);
    await queryRunner.query(`CREATE INDEX marketplace_listings_price_idx ON marketplace_listings (price_minor, id) WHERE status = 'published'`);
    await queryRunner.query(`CREATE INDEX marketplace_listings_kind_idx ON marketplace_listings (kind, published_at DESC, id DESC) WHERE status = 'published'`);
    await queryRunner.query(`CREATE INDEX marketplace_listings_models_idx ON marketplace_listings USING gin (model_ids) WHERE status = 'published'`);
    await queryRunner.query(`
      CREATE TABLE marketplace_featured (
        id uuid PRIMARY KEY,
        listing_id uuid NOT NULL REFERENCES marketplace_listings (id) ON DELETE CASCADE,
        org_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        rank integer NOT NULL CHECK (rank BETWEEN 1 AND 1000),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await queryRunner.query(`CREATE INDEX marketplace_featured_listing_idx ON marketplace_featured (listing_id, ends_at)`);
    await queryRunner.query(`CREATE INDEX marketplace_featured_window_idx ON marketplace_featured (ends_at, starts_at)`);
    await queryRunner.query(`
      CREATE TABLE marketplace_reviews (
        id uuid PRIMARY KEY,
        listing_id uuid NOT NULL REFERENCES marketplace_listings (id) ON DELETE CASCADE,
        org_id uuid NOT NULL,
        author_user_id uuid NOT NULL,
        rating integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
        body text NOT NULL DEFAULT '',
        seller_reply text,
        replied_at timestamptz,
        hidden_at timestamptz,
        hidden_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT marketplace_reviews_one_per_buyer UNIQUE (listing_id, author_user_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX marketplace_reviews_listing_idx ON marketplace_reviews (listing_id, created_at DESC, id DESC) WHERE hidden_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX marketplace_reviews_org_idx ON marketplace_reviews (org_id, created_at)`);
    await queryRunner.query(`
      CREATE TABLE marketplace_favourites (
        user_id uuid NOT NULL,
        listing_id uuid NOT NULL REFERENCES marketplace_listings (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, listing_id)
      )`);
    await queryRunner.query(`CREATE INDEX marketplace_favourites_user_idx ON marketplace_favourites (user_id, created_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE marketplace_listing_daily (
        org_id uuid NOT NULL,
        listing_id uuid NOT NULL REFERENCES marketplace_listings (id) ON DELETE CASCADE,
        day date NOT NULL,
        views integer NOT NULL DEFAULT 0,
        saves integer NOT NULL DEFAULT 0,
        purchases integer NOT NULL DEFAULT 0,
        PRIMARY KEY (org_id, listing_id, day)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE marketplace_listing_daily`);
    await queryRunner.query(`DROP TABLE marketplace_favourites`);
    await queryRunner.query(`DROP TABLE marketplace_reviews`);
    await queryRunner.query(`DROP TABLE marketplace_featured`);
    await queryRunner.query(`ALTER TABLE marketplace_listings DROP COLUMN search_vector, DROP COLUMN rating_sum, DROP COLUMN rating_count`);
  }
}
