import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity's security events now reach the audit log as integration events
 * (`identity.security-event.recorded`) instead of being copied when the log is
 * read. Copies, once, the security events written before that change and not
 * copied yet; later ones arrive through the event path. Idempotent: a row
 * already copied (same source_event_id) is skipped.
 */
export class AuditSecurityEventsBackfill1764100000000 implements MigrationInterface {
  name = 'AuditSecurityEventsBackfill1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO audit_events (id, org_id, occurred_at, action, actor_user_id, target_type, target_id, ip, user_agent, request_id, metadata, source, source_event_id)
      SELECT gen_random_uuid(), NULL, e.created_at, 'identity.' || e.type, e.user_id, CASE WHEN e.user_id IS NULL THEN NULL ELSE 'account' END,
             e.user_id::text, e.ip, e.user_agent, e.request_id, e.metadata, 'identity', e.id
        FROM security_events e
       ORDER BY e.created_at, e.id
      ON CONFLICT (source_event_id) DO NOTHING`);
  }

  async down(): Promise<void> {
    // The copied rows stay: the audit log is append-only.
  }
}
