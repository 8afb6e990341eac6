import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recommendations: the ai context's read model of listings (fed by the
 * marketplace's published/archived events; marketplace data, not owned by a
 * tenant of this context) and the item-to-item collaborative model.
 */
export class AiRecommendations1765600004000 implements MigrationInterface {
  name = 'AiRecommendations1765600004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ai_listing_catalog (
        listing_id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        price_minor bigint NOT NULL,
        currency char(3) NOT NULL,
        published boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ai_listing_catalog_published_idx ON ai_listing_catalog (updated_at DESC) WHERE published`);
    await queryRunner.query(`
      CREATE TABLE ai_item_similarities (
        listing_id uuid NOT NULL,
        similar_listing_id uuid NOT NULL,
        score real NOT NULL,
        co_users integer NOT NULL,
        PRIMARY KEY (listing_id, similar_listing_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ai_item_similarities`);
    await queryRunner.query(`DROP TABLE ai_listing_catalog`);
  }
}
