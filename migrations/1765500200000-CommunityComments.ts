import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comments on anything of a whitelisted kind (a listing, a forum thread, a
 * vehicle model…), with one level of replies. `org_id` is the organization
 * whose members alone see them (comments on a private board's thread), else null.
 */
export class CommunityComments1765500200000 implements MigrationInterface {
  name = 'CommunityComments1765500200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE community_comments (
        id uuid PRIMARY KEY,
        target_type text NOT NULL,
        target_id uuid NOT NULL,
        org_id uuid,
        author_id uuid NOT NULL,
        parent_id uuid REFERENCES community_comments (id),
        body_markdown text NOT NULL,
        body_html text NOT NULL,
        hidden_at timestamptz,
        deleted_at timestamptz,
        edited_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX community_comments_target_idx ON community_comments (target_type, target_id, created_at, id) WHERE parent_id IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX community_comments_replies_idx ON community_comments (parent_id, created_at, id) WHERE parent_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE community_comments`);
  }
}
