import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox of integration events and the record of which handler ran for which event. */
export class IntegrationEvents1764000000000 implements MigrationInterface {
  name = 'IntegrationEvents1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE integration_events (
        id uuid PRIMARY KEY,
        type text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        org_id uuid,
        ctx jsonb NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        relay_scope text NOT NULL,
        dispatched_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX integration_events_pending_idx ON integration_events (relay_scope, occurred_at, id) WHERE dispatched_at IS NULL`);
    await queryRunner.query(`CREATE INDEX integration_events_dispatched_idx ON integration_events (dispatched_at) WHERE dispatched_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE integration_event_handlings (
        event_id uuid NOT NULL REFERENCES integration_events (id) ON DELETE CASCADE,
        handler text NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, handler)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE integration_event_handlings`);
    await queryRunner.query(`DROP TABLE integration_events`);
  }
}
