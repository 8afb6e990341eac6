import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organizations context: tenants, memberships and roles, invitations,
 * API keys and the audit log.
 *
 * user_id columns hold identity's account ids without a foreign key: each
 * context owns its tables, and rows here outlive nothing in identity's.
 */
export class OrganizationsSchema1763950100000 implements MigrationInterface {
  name = 'OrganizationsSchema1763950100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('dealership', 'repair_shop', 'creator_studio')),
        name text NOT NULL,
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        contact_email text,
        contact_phone text,
        website text,
        address text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        suspended_at timestamptz,
        suspension_reason text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX organizations_slug_key ON organizations (slug)`);
    await queryRunner.query(`CREATE INDEX organizations_created_idx ON organizations (created_at DESC, id)`);

    // The active-membership check runs on every organization-scoped request: a primary-key lookup.
    await queryRunner.query(`
      CREATE TABLE memberships (
        org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('principal', 'manager', 'staff')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
        added_by uuid,
        joined_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX memberships_org_joined_idx ON memberships (org_id, joined_at, user_id)`);
    await queryRunner.query(`CREATE INDEX memberships_user_idx ON memberships (user_id)`);

    await queryRunner.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        role text NOT NULL CHECK (role IN ('principal', 'manager', 'staff')),
        token_hash bytea NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
        invited_by uuid,
        answered_by uuid,
        expires_at timestamptz NOT NULL,
        responded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX invitations_org_status_idx ON invitations (org_id, status, created_at DESC)`);
    // One open invitation per address and organization: inviting again replaces the previous one.
    await queryRunner.query(`CREATE UNIQUE INDEX invitations_pending_email_key ON invitations (org_id, email) WHERE status = 'pending'`);

    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('principal', 'manager', 'staff')),
        prefix text NOT NULL,
        secret_hash bytea NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX api_keys_prefix_key ON api_keys (prefix)`);
    await queryRunner.query(`CREATE INDEX api_keys_org_idx ON api_keys (org_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX api_keys_org_creator_idx ON api_keys (org_id, created_by) WHERE revoked_at IS NULL`);

    // org_id is NULL for acts outside any organization (identity's security
    // events, platform-admin acts on accounts): those rows are not tenant-owned
    // and only platform admins read them.
    await queryRunner.query(`
      CREATE TABLE audit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        actor_user_id uuid,
        actor_api_key_id uuid,
        target_type text,
        target_id text,
        ip text,
        user_agent text,
        request_id text,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        source text NOT NULL DEFAULT 'organizations' CHECK (source IN ('organizations', 'identity')),
        source_event_id uuid UNIQUE
      )`);
    await queryRunner.query(`CREATE INDEX audit_events_org_time_idx ON audit_events (org_id, occurred_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX audit_events_time_idx ON audit_events (occurred_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX audit_events_actor_time_idx ON audit_events (actor_user_id, occurred_at DESC)`);
    await queryRunner.query(`CREATE INDEX audit_events_source_time_idx ON audit_events (source, occurred_at DESC)`);
    // Append-only: the database itself refuses to change or remove an audit row.
    await queryRunner.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_events, api_keys, invitations, memberships, organizations`);
    await queryRunner.query(`DROP FUNCTION audit_events_append_only()`);
  }
}
