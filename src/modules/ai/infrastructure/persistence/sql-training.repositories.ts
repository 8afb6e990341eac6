import type { EntityManager } from 'typeorm';
import { type Page, type PageRequest, pageOffset, toPage } from '../../../../platform/kernel';
import type {
  FinishedTrainingByDay,
  ScenarioRepository,
  SessionRepository,
  SessionSummary,
  TraineeProgress,
  TrainingRepos,
} from '../../application/training-ports';
import type { CustomerPersona, Deal, Difficulty, FiProduct, Scenario } from '../../domain/training/scenario';
import type { CustomerMode, SessionScore, SessionState, SessionStatus, Speaker, TranscriptLine } from '../../domain/training/session';

interface ScenarioRow {
  org_id: string;
  id: string;
  title: string;
  persona: CustomerPersona;
  deal: Deal;
  products: FiProduct[];
  objections: string[];
  difficulty: Difficulty;
  max_turns: number;
  created_by: string | null;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
  total?: string;
}

const SCENARIO_COLUMNS = 'org_id, id, title, persona, deal, products, objections, difficulty, max_turns, created_by, archived_at, created_at, updated_at';

export class SqlScenarioRepository implements ScenarioRepository {
  constructor(private readonly db: EntityManager) {}

  async insert(s: Scenario): Promise<void> {
    await this.db.query(`INSERT INTO ai_training_scenarios (${SCENARIO_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`, [
      s.orgId,
      s.id,
      s.title,
      s.persona,
      s.deal,
      s.products,
      s.objections,
      s.difficulty,
      s.maxTurns,
      s.createdBy,
      s.archivedAt,
      s.createdAt,
      s.updatedAt,
    ]);
  }

  async update(s: Scenario): Promise<void> {
    await this.db.query(
      `UPDATE ai_training_scenarios SET title = $3, persona = $4, deal = $5, products = $6, objections = $7, difficulty = $8, max_turns = $9, archived_at = $10, updated_at = $11
       WHERE org_id = $1 AND id = $2`,
      [s.orgId, s.id, s.title, s.persona, s.deal, s.products, s.objections, s.difficulty, s.maxTurns, s.archivedAt, s.updatedAt],
    );
  }

  async find(orgId: string, id: string): Promise<Scenario | undefined> {
    const rows: ScenarioRow[] = await this.db.query(`SELECT ${SCENARIO_COLUMNS} FROM ai_training_scenarios WHERE org_id = $1 AND id = $2`, [orgId, id]);
    return rows[0] && toScenario(rows[0]);
  }

  async list(orgId: string, page: PageRequest): Promise<Page<Scenario>> {
    const rows: ScenarioRow[] = await this.db.query(
      `SELECT ${SCENARIO_COLUMNS}, count(*) OVER () AS total FROM ai_training_scenarios WHERE org_id = $1 AND archived_at IS NULL
       ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [orgId, page.limit, pageOffset(page)],
    );
    const total = rows.length > 0 ? Number(rows[0].total) : await this.count(orgId);
    return toPage(rows.map(toScenario), total, page);
  }

  async titles(orgId: string): Promise<Set<string>> {
    const rows: Array<{ title: string }> = await this.db.query(`SELECT title FROM ai_training_scenarios WHERE org_id = $1`, [orgId]);
    return new Set(rows.map((row) => row.title));
  }

  private async count(orgId: string): Promise<number> {
    const [{ n }] = (await this.db.query(`SELECT count(*)::int AS n FROM ai_training_scenarios WHERE org_id = $1 AND archived_at IS NULL`, [orgId])) as Array<{
      n: number;
    }>;
    return n;
  }
}

function toScenario(row: ScenarioRow): Scenario {
  return {
    orgId: row.org_id,
    id: row.id,
    title: row.title,
    persona: row.persona,
    deal: row.deal,
    products: row.products,
    objections: row.objections,
    difficulty: row.difficulty,
    maxTurns: row.max_turns,
    createdBy: row.created_by,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

interface SessionRow {
  org_id: string;
  id: string;
  scenario_id: string;
  scenario_title: string;
  trainee_user_id: string;
  mode: CustomerMode;
  status: SessionStatus;
  max_turns: number;
  turns_taken: number;
  score: SessionScore | null;
  total: number | null;
  version: number;
  started_at: Date;
  finished_at: Date | null;
  count?: string;
}

const SESSION_COLUMNS =
  'org_id, id, scenario_id, scenario_title, trainee_user_id, mode, status, max_turns, turns_taken, score, total, version, started_at, finished_at';

export class SqlSessionRepository implements SessionRepository {
  constructor(private readonly db: EntityManager) {}

  async insert(s: SessionState): Promise<void> {
    await this.db.query(
      `WITH session AS (
         INSERT INTO ai_training_sessions (org_id, id, scenario_id, scenario_title, trainee_user_id, mode, status, max_turns, turns_taken, version, started_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10) RETURNING org_id, id)
       INSERT INTO ai_training_messages (org_id, session_id, seq, speaker, text, created_at)
       SELECT session.org_id, session.id, line.seq, line.speaker, line.text, line.at FROM session,
         unnest($11::smallint[], $12::text[], $13::text[], $14::timestamptz[]) AS line (seq, speaker, text, at)`,
      [
        s.orgId,
        s.id,
        s.scenarioId,
        s.scenarioTitle,
        s.traineeUserId,
        s.mode,
        s.status,
        s.maxTurns,
        s.version,
        s.startedAt,
        s.transcript.map((l) => l.seq),
        s.transcript.map((l) => l.speaker),
        s.transcript.map((l) => l.text),
        s.transcript.map((l) => l.at.toISOString()),
      ],
    );
  }

  async find(orgId: string, id: string): Promise<SessionState | undefined> {
    const rows: SessionRow[] = await this.db.query(`SELECT ${SESSION_COLUMNS} FROM ai_training_sessions WHERE org_id = $1 AND id = $2`, [orgId, id]);
    if (!rows[0]) return undefined;
    const lines: Array<{ seq: number; speaker: Speaker; text: string; created_at: Date }> = await this.db.query(
      `SELECT seq, speaker, text, created_at FROM ai_training_messages WHERE org_id = $1 AND session_id = $2 ORDER BY seq`,
      [orgId, id],
    );
    const row = rows[0];
    return {
      id: row.id,
      orgId: row.org_id,
      scenarioId: row.scenario_id,
      scenarioTitle: row.scenario_title,
      traineeUserId: row.trainee_user_id,
      mode: row.mode,
      status: row.status,
      maxTurns: row.max_turns,
      transcript: lines.map((l): TranscriptLine => ({ seq: l.seq, speaker: l.speaker, text: l.text, at: l.created_at })),
      score: row.score,
      version: row.version,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
    };
  }

  async appendLines(orgId: string, id: string, expectedVersion: number, lines: TranscriptLine[]): Promise<boolean> {
    const rows: Array<{ n: number }> = await this.db.query(
      `WITH session AS (
         UPDATE ai_training_sessions SET version = version + 1, turns_taken = turns_taken + $4
         WHERE org_id = $1 AND id = $2 AND version = $3 AND status = 'active' RETURNING org_id, id),
       added AS (
         INSERT INTO ai_training_messages (org_id, session_id, seq, speaker, text, created_at)
         SELECT session.org_id, session.id, line.seq, line.speaker, line.text, line.at FROM session,
           unnest($5::smallint[], $6::text[], $7::text[], $8::timestamptz[]) AS line (seq, speaker, text, at)
         RETURNING 1)
       SELECT count(*)::int AS n FROM session`,
      [
        orgId,
        id,
        expectedVersion,
        lines.filter((l) => l.speaker === 'trainee').length,
        lines.map((l) => l.seq),
        lines.map((l) => l.speaker),
        lines.map((l) => l.text),
        lines.map((l) => l.at.toISOString()),
      ],
    );
    return rows[0].n === 1;
  }

  async finish(orgId: string, id: string, expectedVersion: number, score: SessionScore, finishedAt: Date): Promise<boolean> {
    // A SELECT over the UPDATE: TypeORM answers a bare UPDATE ... RETURNING with [rows, count].
    const rows: Array<{ n: number }> = await this.db.query(
      `WITH finished AS (
         UPDATE ai_training_sessions SET status = 'finished', score = $4, total = $5, finished_at = $6, version = version + 1
         WHERE org_id = $1 AND id = $2 AND version = $3 AND status = 'active' RETURNING id)
       SELECT count(*)::int AS n FROM finished`,
      [orgId, id, expectedVersion, score, score.total, finishedAt],
    );
    return rows[0].n === 1;
  }

  async finishedByDay(orgId: string, until: Date): Promise<FinishedTrainingByDay[]> {
    const rows: Array<{ day: string; trainee_user_id: string; sessions: number; score_sum: string }> = await this.db.query(
      `SELECT to_char(date_trunc('day', finished_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, trainee_user_id, count(*)::int AS sessions,
              coalesce(sum(total), 0) AS score_sum
       FROM ai_training_sessions WHERE org_id = $1 AND status = 'finished' AND finished_at < $2 GROUP BY 1, 2`,
      [orgId, until],
    );
    return rows.map((r) => ({ day: r.day, traineeUserId: r.trainee_user_id, sessions: r.sessions, scoreSum: Number(r.score_sum) }));
  }

  async list(orgId: string, traineeUserId: string | null, page: PageRequest): Promise<Page<SessionSummary>> {
    const params: unknown[] = [orgId];
    let where = 'org_id = $1';
    if (traineeUserId) {
      params.push(traineeUserId);
      where += ' AND trainee_user_id = $2';
    }
    const rows: SessionRow[] = await this.db.query(
      `SELECT ${SESSION_COLUMNS}, count(*) OVER () AS count FROM ai_training_sessions WHERE ${where}
       ORDER BY started_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, pageOffset(page)],
    );
    let total = rows.length > 0 ? Number(rows[0].count) : 0;
    if (rows.length === 0 && page.page > 1) {
      const [{ n }] = (await this.db.query(`SELECT count(*)::int AS n FROM ai_training_sessions WHERE ${where}`, params)) as Array<{ n: number }>;
      total = n;
    }
    return toPage(
      rows.map((row) => ({
        id: row.id,
        orgId: row.org_id,
        scenarioId: row.scenario_id,
        scenarioTitle: row.scenario_title,
        traineeUserId: row.trainee_user_id,
        mode: row.mode,
        status: row.status,
        maxTurns: row.max_turns,
        turnsTaken: row.turns_taken,
        total: row.total,
        startedAt: row.started_at,
        finishedAt: row.finished_at,
      })),
      total,
      page,
    );
  }

  async progress(orgId: string, traineeUserId: string | null): Promise<TraineeProgress[]> {
    const rows: Array<{
      trainee_user_id: string;
      sessions: number;
      finished: number;
      average_total: string | null;
      best_total: number | null;
      last_total: number | null;
      by_criterion: Record<string, string> | null;
    }> = await this.db.query(
      `SELECT s.trainee_user_id, count(*)::int AS sessions, count(*) FILTER (WHERE s.status = 'finished')::int AS finished,
         round(avg(s.total), 1) AS average_total, max(s.total) AS best_total,
         (array_agg(s.total ORDER BY s.finished_at DESC) FILTER (WHERE s.total IS NOT NULL))[1] AS last_total,
         (SELECT jsonb_object_agg(c.criterion, c.average) FROM (
            SELECT item->>'criterion' AS criterion, round(avg((item->>'score')::numeric), 2) AS average
            FROM ai_training_sessions s2, jsonb_array_elements(s2.score->'criteria') AS item
            WHERE s2.org_id = s.org_id AND s2.trainee_user_id = s.trainee_user_id AND s2.score IS NOT NULL
            GROUP BY 1) AS c) AS by_criterion
       FROM ai_training_sessions s
       WHERE s.org_id = $1 AND ($2::uuid IS NULL OR s.trainee_user_id = $2)
       GROUP BY s.org_id, s.trainee_user_id ORDER BY s.trainee_user_id`,
      [orgId, traineeUserId],
    );
    return rows.map((row) => ({
      traineeUserId: row.trainee_user_id,
      sessions: row.sessions,
      finished: row.finished,
      averageTotal: row.average_total === null ? null : Number(row.average_total),
      bestTotal: row.best_total,
      lastTotal: row.last_total,
      averageByCriterion: Object.fromEntries(Object.entries(row.by_criterion ?? {}).map(([k, v]) => [k, Number(v)])),
    }));
  }
}

export function trainingRepos(db: EntityManager): TrainingRepos {
  return { scenarios: new SqlScenarioRepository(db), sessions: new SqlSessionRepository(db) };
}
