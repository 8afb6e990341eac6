import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog context: vehicle types, brands (and the types each makes) and
 * models. Reference data shared by every tenant, so no org_id. Entries are
 * retired, never deleted, so old references keep resolving.
 *
 * Search: `catalog_search_key` folds a name to lower case without accents,
 * spaces or punctuation ("Ténéré 700" -> "tenere700"); names are folded into a
 * generated column with a trigram index, queries through the same function.
 * unaccent and pg_trgm ship with Postgres (contrib) and are trusted extensions.
 */
export class CatalogSchema1763942400000 implements MigrationInterface {
  name = 'CatalogSchema1763942400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // A SQL-standard body binds the dictionary when the function is created, so
    // the function is safe to declare IMMUTABLE and does not depend on search_path.
    await queryRunner.query(`
      CREATE FUNCTION catalog_search_key(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)), '[[:space:][:punct:][:cntrl:]]+', '', 'g')`);

    await queryRunner.query(`
      CREATE TABLE vehicle_types (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL CONSTRAINT vehicle_types_slug_key UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 80),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);

    await queryRunner.query(`
      CREATE TABLE vehicle_brands (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL CONSTRAINT vehicle_brands_slug_key UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 80),
        search_key text GENERATED ALWAYS AS (catalog_search_key(name)) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX vehicle_brands_active_name_idx ON vehicle_brands (name, id) WHERE retired_at IS NULL`);
    await queryRunner.query(`CREATE INDEX vehicle_brands_search_idx ON vehicle_brands USING gin (search_key gin_trgm_ops)`);

    await queryRunner.query(`
      CREATE TABLE vehicle_brand_types (
        brand_id uuid NOT NULL CONSTRAINT vehicle_brand_types_brand_fkey REFERENCES vehicle_brands (id) ON DELETE CASCADE,
        type_id uuid NOT NULL CONSTRAINT vehicle_brand_types_type_fkey REFERENCES vehicle_types (id),
        PRIMARY KEY (brand_id, type_id)
      )`);
    await queryRunner.query(`CREATE INDEX vehicle_brand_types_type_idx ON vehicle_brand_types (type_id, brand_id)`);

    // (brand_id, type_id) references the brand's types: a model's type is always one its brand makes,
    // and a type cannot be taken from a brand while any of its models (retired ones too) has it.
    await queryRunner.query(`
      CREATE TABLE vehicle_models (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        brand_id uuid NOT NULL CONSTRAINT vehicle_models_brand_fkey REFERENCES vehicle_brands (id),
        type_id uuid NOT NULL CONSTRAINT vehicle_models_type_fkey REFERENCES vehicle_types (id),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 80),
        first_year smallint NOT NULL CHECK (first_year BETWEEN 1885 AND 2100),
        last_year smallint CHECK (last_year IS NULL OR (last_year >= first_year AND last_year <= 2100)),
        engine_cc integer CHECK (engine_cc IS NULL OR engine_cc BETWEEN 1 AND 10000),
        model_years int4range GENERATED ALWAYS AS (int4range(first_year, last_year, '[]')) STORED,
        search_key text GENERATED ALWAYS AS (catalog_search_key(name)) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz,
        CONSTRAINT vehicle_models_brand_slug_key UNIQUE (brand_id, slug),
        CONSTRAINT vehicle_models_brand_type_fkey FOREIGN KEY (brand_id, type_id) REFERENCES vehicle_brand_types (brand_id, type_id)
      )`);
    await queryRunner.query(`CREATE INDEX vehicle_models_active_brand_idx ON vehicle_models (brand_id, name, id) WHERE retired_at IS NULL`);
    await queryRunner.query(`CREATE INDEX vehicle_models_type_idx ON vehicle_models (type_id)`);
    await queryRunner.query(`CREATE INDEX vehicle_models_years_idx ON vehicle_models USING gist (model_years)`);
    await queryRunner.query(`CREATE INDEX vehicle_models_search_idx ON vehicle_models USING gin (search_key gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE vehicle_models`);
    await queryRunner.query(`DROP TABLE vehicle_brand_types`);
    await queryRunner.query(`DROP TABLE vehicle_brands`);
    await queryRunner.query(`DROP TABLE vehicle_types`);
    await queryRunner.query(`DROP FUNCTION catalog_search_key(text)`);
    // The extensions stay: other schemas may use them.
  }
}
