import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ModelUsage, TokenLedger } from '../../application/ports';

/**
 * Tokens spent per budget key and UTC day, one row each, added atomically
 * (INSERT ... ON CONFLICT DO UPDATE) so concurrent calls never lose a count.
 */
@Injectable()
export class SqlTokenLedger implements TokenLedger {
  constructor(private readonly db: DataSource) {}

  async spentToday(key: string): Promise<number> {
    const rows: Array<{ spent: string }> = await this.db.query(
      `SELECT prompt_tokens + completion_tokens AS spent FROM ai_token_usage WHERE budget_key = $1 AND day = (now() AT TIME ZONE 'UTC')::date`,
      [key],
    );
    return rows.length > 0 ? Number(rows[0].spent) : 0;
  }

  async add(key: string, usage: ModelUsage): Promise<void> {
    await this.db.query(
      `INSERT INTO ai_token_usage (budget_key, day, prompt_tokens, completion_tokens, calls)
       VALUES ($1, (now() AT TIME ZONE 'UTC')::date, $2, $3, 1)
       ON CONFLICT (budget_key, day) DO UPDATE SET
         prompt_tokens = ai_token_usage.prompt_tokens + EXCLUDED.prompt_tokens,
         completion_tokens = ai_token_usage.completion_tokens + EXCLUDED.completion_tokens,
         calls = ai_token_usage.calls + 1`,
      [key, usage.promptTokens, usage.completionTokens],
    );
  }
}
