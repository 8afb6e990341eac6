import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tokens spent on the language model per budget key (an organization id, or `platform`) and UTC day. */
export class AiTokenUsage1765600000000 implements MigrationInterface {
  name = 'AiTokenUsage1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ai_token_usage (
        budget_key text NOT NULL,
        day date NOT NULL,
        prompt_tokens bigint NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
        completion_tokens bigint NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
        calls integer NOT NULL DEFAULT 0,
        PRIMARY KEY (budget_key, day)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ai_token_usage`);
  }
}
