import type { MigrationInterface, QueryRunner } from 'typeorm';

/** F&I role-play training of dealerships: scenarios, sessions and their transcripts (tenant-owned: org_id leads every index). */
export class AiTraining1765600003000 implements MigrationInterface {
  name = 'AiTraining1765600003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ai_training_scenarios (
        org_id uuid NOT NULL,
        id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
        persona jsonb NOT NULL,
        deal jsonb NOT NULL,
        products text[] NOT NULL CHECK (cardinality(products) >= 1),
        objections text[] NOT NULL CHECK (cardinality(objections) BETWEEN 1 AND 10),
        difficulty text NOT NULL CHECK (difficulty IN ('easy', 'medium', 'hard')),
        max_turns smallint NOT NULL CHECK (max_turns BETWEEN 2 AND 30),
        created_by uuid,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, id)
      )`);
    await queryRunner.query(`CREATE INDEX ai_training_scenarios_list_idx ON ai_training_scenarios (org_id, created_at DESC) WHERE archived_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE ai_training_sessions (
        org_id uuid NOT NULL,
        id uuid NOT NULL,
        scenario_id uuid NOT NULL,
        scenario_title text NOT NULL,
        trainee_user_id uuid NOT NULL,
        mode text NOT NULL CHECK (mode IN ('ai', 'scripted')),
        status text NOT NULL CHECK (status IN ('active', 'finished')),
        max_turns smallint NOT NULL,
        turns_taken smallint NOT NULL DEFAULT 0,
        score jsonb,
        total smallint CHECK (total BETWEEN 0 AND 100),
        version integer NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        PRIMARY KEY (org_id, id),
        FOREIGN KEY (org_id, scenario_id) REFERENCES ai_training_scenarios (org_id, id)
      )`);
    await queryRunner.query(`CREATE INDEX ai_training_sessions_trainee_idx ON ai_training_sessions (org_id, trainee_user_id, started_at DESC)`);
    await queryRunner.query(`CREATE INDEX ai_training_sessions_list_idx ON ai_training_sessions (org_id, started_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE ai_training_messages (
        org_id uuid NOT NULL,
        session_id uuid NOT NULL,
        seq smallint NOT NULL,
        speaker text NOT NULL CHECK (speaker IN ('customer', 'trainee')),
        text text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, session_id, seq),
        FOREIGN KEY (org_id, session_id) REFERENCES ai_training_sessions (org_id, id) ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ai_training_messages`);
    await queryRunner.query(`DROP TABLE ai_training_sessions`);
    await queryRunner.query(`DROP TABLE ai_training_scenarios`);
  }
}
