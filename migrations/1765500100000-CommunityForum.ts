import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The forum: categories (public, or an organization's private board), threads
 * and their posts (Markdown with its sanitized HTML), edit history, reactions,
 * flags for moderation, watch levels, and how far each person has read.
 * `org_id` is null on public boards and the owning organization on private
 * ones; every query of a private board filters by it.
 */
export class CommunityForum1765500100000 implements MigrationInterface {
  name = 'CommunityForum1765500100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE community_categories (
        id uuid PRIMARY KEY,
        org_id uuid,
        name text NOT NULL,
        slug text NOT NULL UNIQUE,
        description text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX community_categories_org_idx ON community_categories (org_id, position)`);
    await queryRunner.query(`
      CREATE TABLE community_threads (
        id uuid PRIMARY KEY,
        category_id uuid NOT NULL REFERENCES community_categories (id),
        org_id uuid,
        author_id uuid NOT NULL,
        title text NOT NULL,
        pinned_at timestamptz,
        locked_at timestamptz,
        post_count integer NOT NULL DEFAULT 1,
        last_post_number integer NOT NULL DEFAULT 1,
        last_posted_at timestamptz NOT NULL,
        search tsvector NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX community_threads_category_idx ON community_threads (category_id, (pinned_at IS NULL), last_posted_at DESC, id DESC)`,
    );
    await queryRunner.query(`CREATE INDEX community_threads_org_idx ON community_threads (org_id, last_posted_at DESC)`);
    await queryRunner.query(`CREATE INDEX community_threads_search_idx ON community_threads USING gin (search)`);
    await queryRunner.query(`
      CREATE TABLE community_posts (
        id uuid PRIMARY KEY,
        thread_id uuid NOT NULL REFERENCES community_threads (id),
        org_id uuid,
        post_number integer NOT NULL,
        author_id uuid NOT NULL,
        reply_to_post_id uuid REFERENCES community_posts (id),
        body_markdown text NOT NULL,
        body_html text NOT NULL,
        revision integer NOT NULL DEFAULT 1,
        hidden_at timestamptz,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (thread_id, post_number)
      )`);
    await queryRunner.query(`
      CREATE TABLE community_post_revisions (
        post_id uuid NOT NULL REFERENCES community_posts (id),
        revision integer NOT NULL,
        body_markdown text NOT NULL,
        edited_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (post_id, revision)
      )`);
    await queryRunner.query(`
      CREATE TABLE community_post_reactions (
        post_id uuid NOT NULL REFERENCES community_posts (id),
        user_id uuid NOT NULL,
        reaction text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (post_id, user_id, reaction)
      )`);
    await queryRunner.query(`
      CREATE TABLE community_thread_watches (
        thread_id uuid NOT NULL REFERENCES community_threads (id),
        user_id uuid NOT NULL,
        level text NOT NULL CHECK (level IN ('muted', 'normal', 'tracking', 'watching')),
        chosen boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (thread_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX community_thread_watches_level_idx ON community_thread_watches (thread_id, level)`);
    await queryRunner.query(`
      CREATE TABLE community_category_watches (
        category_id uuid NOT NULL REFERENCES community_categories (id),
        user_id uuid NOT NULL,
        level text NOT NULL CHECK (level IN ('muted', 'normal', 'tracking', 'watching')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (category_id, user_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE community_thread_reads (
        user_id uuid NOT NULL,
        thread_id uuid NOT NULL REFERENCES community_threads (id),
        last_read_post_number integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, thread_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE community_flags (
        id uuid PRIMARY KEY,
        target_type text NOT NULL CHECK (target_type IN ('post', 'comment')),
        target_id uuid NOT NULL,
        org_id uuid,
        flagged_by uuid NOT NULL,
        reason text NOT NULL,
        note text,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
        resolved_by uuid,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL,
        UNIQUE (target_type, target_id, flagged_by)
      )`);
    await queryRunner.query(`CREATE INDEX community_flags_queue_idx ON community_flags (status, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'community_flags',
      'community_thread_reads',
      'community_category_watches',
      'community_thread_watches',
      'community_post_reactions',
      'community_post_revisions',
      'community_posts',
      'community_threads',
      'community_categories',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
