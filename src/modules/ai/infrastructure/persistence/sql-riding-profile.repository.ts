import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RidingProfileRepository } from '../../application/ports';
import type { ExperienceLevel, RidingGoal, RidingProfile, RidingProfileAnswers, RidingStyle, RiskAppetite } from '../../domain/riding-profile';

interface Row {
  user_id: string;
  experience: ExperienceLevel;
  riding_styles: RidingStyle[];
  vehicle_model_ids: string[];
  goals: RidingGoal[];
  budget_minor: string | null;
  currency: string | null;
  risk_appetite: RiskAppetite;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'user_id, experience, riding_styles, vehicle_model_ids, goals, budget_minor, currency, risk_appetite, created_at, updated_at';

@Injectable()
export class SqlRidingProfileRepository implements RidingProfileRepository {
  constructor(private readonly db: DataSource) {}

  async find(userId: string): Promise<RidingProfile | undefined> {
    const rows: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM ai_riding_profiles WHERE user_id = $1`, [userId]);
    return rows[0] && toProfile(rows[0]);
  }

  async save(userId: string, a: RidingProfileAnswers): Promise<RidingProfile> {
    const rows: Row[] = await this.db.query(
      `INSERT INTO ai_riding_profiles (user_id, experience, riding_styles, vehicle_model_ids, goals, budget_minor, currency, risk_appetite)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (user_id) DO UPDATE SET experience = EXCLUDED.experience, riding_styles = EXCLUDED.riding_styles,
         vehicle_model_ids = EXCLUDED.vehicle_model_ids, goals = EXCLUDED.goals, budget_minor = EXCLUDED.budget_minor,
         currency = EXCLUDED.currency, risk_appetite = EXCLUDED.risk_appetite, updated_at = now(),
         embedding = NULL, embedding_model = NULL, embedded_at = NULL
       RETURNING ${COLUMNS}`,
      [userId, a.experience, a.ridingStyles, a.vehicleModelIds, a.goals, a.budgetMinor, a.currency, a.riskAppetite],
    );
    return toProfile(rows[0]);
  }

  async embeddingOf(userId: string, model: string): Promise<Float32Array | null> {
    const rows: Array<{ embedding: number[] }> = await this.db.query(`SELECT embedding FROM ai_riding_profiles WHERE user_id = $1 AND embedding_model = $2`, [
      userId,
      model,
    ]);
    return rows[0] ? Float32Array.from(rows[0].embedding) : null;
  }

  async unembedded(model: string, limit: number, userId?: string): Promise<Array<{ profile: RidingProfile; version: string }>> {
    const rows: Array<Row & { version: string }> = await this.db.query(
      `SELECT ${COLUMNS}, updated_at::text AS version FROM ai_riding_profiles
       WHERE (embedding IS NULL OR embedding_model <> $1) AND ($3::uuid IS NULL OR user_id = $3) ORDER BY updated_at, user_id LIMIT $2`,
      [model, limit, userId ?? null],
    );
    return rows.map((row) => ({ profile: toProfile(row), version: row.version }));
  }

  async storeEmbedding(userId: string, version: string, vector: number[], model: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `UPDATE ai_riding_profiles SET embedding = $3::real[], embedding_model = $4, embedded_at = clock_timestamp()
       WHERE user_id = $1 AND updated_at = $2::timestamptz RETURNING user_id`,
      [userId, version, vector, model],
    );
    return rows.length > 0;
  }
}

function toProfile(row: Row): RidingProfile {
  return {
    userId: row.user_id,
    experience: row.experience,
    ridingStyles: row.riding_styles,
    vehicleModelIds: row.vehicle_model_ids,
    goals: row.goals,
    budgetMinor: row.budget_minor === null ? null : Number(row.budget_minor),
    currency: row.currency,
    riskAppetite: row.risk_appetite,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
