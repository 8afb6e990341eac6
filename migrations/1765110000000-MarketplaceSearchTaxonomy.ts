import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search by brand and vehicle type: the catalog's brand and type ids of a
 * listing's models, copied onto the listing when it is written (GIN indexed on
 * published listings), plus the indexes the year and rating sorts and filters use.
 */
export class MarketplaceSearchTaxonomy1765110000000 implements MigrationInterface {
  name = 'MarketplaceSearchTaxonomy1765110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE marketplace_listings ADD COLUMN brand_ids uuid[] NOT NULL DEFAULT '{}', ADD COLUMN vehicle_type_ids uuid[] NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`CREATE INDEX marketplace_listings_brands_idx ON marketplace_listings USING gin (brand_ids) WHERE status = 'published'`);
    await queryRunner.query(`CREATE INDEX marketplace_listings_types_idx ON marketplace_listings USING gin (vehicle_type_ids) WHERE status = 'published'`);
    await queryRunner.query(
      `CREATE INDEX marketplace_listings_rating_idx ON marketplace_listings ((coalesce(rating_sum::float8 / nullif(rating_count, 0), 0)) DESC, id DESC) WHERE status = 'published'`,
    );
    await queryRunner.query(
      `CREATE INDEX marketplace_listings_year_idx ON marketplace_listings (year, published_at DESC) WHERE status = 'published' AND year IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX marketplace_listings_seller_idx ON marketplace_listings (org_id, published_at DESC, id DESC) WHERE status = 'published'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX marketplace_listings_seller_idx`);
    await queryRunner.query(`DROP INDEX marketplace_listings_year_idx`);
    await queryRunner.query(`DROP INDEX marketplace_listings_rating_idx`);
    await queryRunner.query(`DROP INDEX marketplace_listings_types_idx`);
    await queryRunner.query(`DROP INDEX marketplace_listings_brands_idx`);
    await queryRunner.query(`ALTER TABLE marketplace_listings DROP COLUMN brand_ids, DROP COLUMN vehicle_type_ids`);
  }
}
