import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One riding profile per account (the onboarding questionnaire's answers); personal, not owned by an organization. */
export class AiRidingProfiles1765600001000 implements MigrationInterface {
  name = 'AiRidingProfiles1765600001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ai_riding_profiles (
        user_id uuid PRIMARY KEY,
        experience text NOT NULL CHECK (experience IN ('beginner', 'intermediate', 'experienced', 'expert')),
        riding_styles text[] NOT NULL CHECK (cardinality(riding_styles) BETWEEN 1 AND 7),
        vehicle_model_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(vehicle_model_ids) <= 10),
        goals text[] NOT NULL CHECK (cardinality(goals) BETWEEN 1 AND 6),
        budget_minor bigint CHECK (budget_minor IS NULL OR budget_minor >= 0),
        currency char(3),
        risk_appetite text NOT NULL CHECK (risk_appetite IN ('low', 'medium', 'high')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((budget_minor IS NULL) = (currency IS NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ai_riding_profiles`);
  }
}
