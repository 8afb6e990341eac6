import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The identity context: accounts, sessions (refresh-token families) and their
 * rotating refresh tokens, one-time e-mail tokens, phone OTP challenges, the
 * per-e-mail login throttle, and the security events the audit log reads.
 */
export class IdentitySchema1763856000000 implements MigrationInterface {
  name = 'IdentitySchema1763856000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        full_name text NOT NULL,
        password_hash text NOT NULL,
        date_of_birth date NOT NULL,
        phone_number text,
        phone_verified_at timestamptz,
        email_verified_at timestamptz,
        roles text[] NOT NULL DEFAULT '{}',
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (phone_verified_at IS NULL OR phone_number IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email))`);
    await queryRunner.query(`CREATE UNIQUE INDEX accounts_verified_phone_key ON accounts (phone_number) WHERE phone_verified_at IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        auth_method text NOT NULL,
        user_agent text,
        ip text,
        generation integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        idle_expires_at timestamptz NOT NULL,
        absolute_expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoke_reason text
      )`);
    await queryRunner.query(`CREATE INDEX sessions_user_active_idx ON sessions (user_id, last_used_at DESC) WHERE revoked_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        generation integer NOT NULL,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        successor_ciphertext bytea,
        UNIQUE (family_id, generation)
      )`);

    await queryRunner.query(`
      CREATE TABLE account_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('email_verification', 'email_change', 'password_reset')),
        token_hash bytea NOT NULL UNIQUE,
        email text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX account_tokens_user_purpose_idx ON account_tokens (user_id, purpose, created_at DESC)`);

    await queryRunner.query(`
      CREATE TABLE phone_otps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        phone_number text NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('login', 'verification')),
        code_hash bytea NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'used', 'locked', 'superseded')),
        request_ip text,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX phone_otps_phone_idx ON phone_otps (phone_number, purpose, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX phone_otps_ip_idx ON phone_otps (request_ip, created_at DESC)`);

    await queryRunner.query(`
      CREATE TABLE login_throttles (
        key_hash bytea PRIMARY KEY,
        failures integer NOT NULL,
        last_failure_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);

    // No foreign key on user_id: the audit trail outlives the account it speaks about.
    await queryRunner.query(`
      CREATE TABLE security_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid,
        type text NOT NULL,
        ip text,
        user_agent text,
        request_id text,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX security_events_user_idx ON security_events (user_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX security_events_type_idx ON security_events (type, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE security_events, login_throttles, phone_otps, account_tokens, refresh_tokens, sessions, accounts`);
  }
}
