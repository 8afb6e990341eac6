import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Content similarity with Mistral embeddings: the ai context's read model of
 * listings keeps the text and vehicle models it is embedded from (filled from
 * the marketplace's events through its facade), the vector, the model that
 * produced it and when; riding profiles keep theirs. Rows without a vector (or
 * with one from another model) are what the sweep job embeds.
 */
export class AiEmbeddings1766070000000 implements MigrationInterface {
  name = 'AiEmbeddings1766070000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE ai_listing_catalog
        ADD COLUMN description text NOT NULL DEFAULT '',
        ADD COLUMN model_ids uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN embedding real[],
        ADD COLUMN embedding_model text,
        ADD COLUMN embedded_at timestamptz,
        ADD CONSTRAINT ai_listing_catalog_embedding_ck CHECK ((embedding IS NULL) = (embedding_model IS NULL) AND (embedding IS NULL) = (embedded_at IS NULL))`);
    await queryRunner.query(`CREATE INDEX ai_listing_catalog_unembedded_idx ON ai_listing_catalog (updated_at) WHERE published AND embedding IS NULL`);
    await queryRunner.query(`
      ALTER TABLE ai_riding_profiles
        ADD COLUMN embedding real[],
        ADD COLUMN embedding_model text,
        ADD COLUMN embedded_at timestamptz,
        ADD CONSTRAINT ai_riding_profiles_embedding_ck CHECK ((embedding IS NULL) = (embedding_model IS NULL) AND (embedding IS NULL) = (embedded_at IS NULL))`);
    await queryRunner.query(`CREATE INDEX ai_riding_profiles_unembedded_idx ON ai_riding_profiles (updated_at) WHERE embedding IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ai_riding_profiles_unembedded_idx`);
    await queryRunner.query(
      `ALTER TABLE ai_riding_profiles DROP CONSTRAINT ai_riding_profiles_embedding_ck, DROP COLUMN embedded_at, DROP COLUMN embedding_model, DROP COLUMN embedding`,
    );
    await queryRunner.query(`DROP INDEX ai_listing_catalog_unembedded_idx`);
    await queryRunner.query(
      `ALTER TABLE ai_listing_catalog DROP CONSTRAINT ai_listing_catalog_embedding_ck, DROP COLUMN embedded_at, DROP COLUMN embedding_model,
         DROP COLUMN embedding, DROP COLUMN model_ids, DROP COLUMN description`,
    );
  }
}
