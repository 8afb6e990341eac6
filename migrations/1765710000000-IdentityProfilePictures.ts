import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Profile pictures (identity): which version of a user's picture is current.
 * The re-encoded images live in object storage under
 * `identity/profile-pictures/<user>/<version>/<size>.webp`; a new upload gets a
 * new version, so the public URL changes and caches can keep each one forever.
 */
export class IdentityProfilePictures1765710000000 implements MigrationInterface {
  name = 'IdentityProfilePictures1765710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE profile_pictures (
        user_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        version text NOT NULL CHECK (version ~ '^[a-f0-9]{16,64}$'),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE profile_pictures`);
  }
}
