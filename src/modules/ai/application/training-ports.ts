import type { Page, PageRequest, RequestContext, UnitOfWork } from '../../../platform/kernel';
import type { Scenario, ScenarioContent } from '../domain/training/scenario';
import type { SessionScore, SessionState, SessionStatus, TranscriptLine } from '../domain/training/session';

export interface ScenarioRepository {
  insert(scenario: Scenario): Promise<void>;
  update(scenario: Scenario): Promise<void>;
  find(orgId: string, id: string): Promise<Scenario | undefined>;
  list(orgId: string, page: PageRequest): Promise<Page<Scenario>>;
  titles(orgId: string): Promise<Set<string>>;
}

export interface SessionSummary {
  id: string;
  orgId: string;
  scenarioId: string;
  scenarioTitle: string;
  traineeUserId: string;
  mode: SessionState['mode'];
  status: SessionStatus;
  maxTurns: number;
  turnsTaken: number;
  total: number | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface TraineeProgress {
  traineeUserId: string;
  sessions: number;
  finished: number;
  averageTotal: number | null;
  bestTotal: number | null;
  lastTotal: number | null;
  averageByCriterion: Record<string, number>;
}

export interface SessionRepository {
  insert(session: SessionState): Promise<void>;
  find(orgId: string, id: string): Promise<SessionState | undefined>;
  /** Adds lines when the session is still at `expectedVersion` (false: someone else changed it first). */
  appendLines(orgId: string, id: string, expectedVersion: number, lines: TranscriptLine[]): Promise<boolean>;
  finish(orgId: string, id: string, expectedVersion: number, score: SessionScore, finishedAt: Date): Promise<boolean>;
  list(orgId: string, traineeUserId: string | null, page: PageRequest): Promise<Page<SessionSummary>>;
  progress(orgId: string, traineeUserId: string | null): Promise<TraineeProgress[]>;
  /** Sessions finished before `until` per UTC day and trainee, with the sum of their totals (the analytics backfill). */
  finishedByDay(orgId: string, until: Date): Promise<FinishedTrainingByDay[]>;
}

export interface FinishedTrainingByDay {
  day: string;
  traineeUserId: string;
  sessions: number;
  /** The sum of the sessions' totals (0 to 100 each). */
  scoreSum: number;
}

export interface TrainingRepos {
  scenarios: ScenarioRepository;
  sessions: SessionRepository;
}
export type TrainingUnitOfWork = UnitOfWork<TrainingRepos>;
export const TRAINING_UNIT_OF_WORK = Symbol('TRAINING_UNIT_OF_WORK');

/** What training needs to know about organizations (through OrganizationsApi). */
export interface OrganizationDirectory {
  kind(ctx: RequestContext, orgId: string): Promise<string | undefined>;
  idBySlug(ctx: RequestContext, slug: string): Promise<string | undefined>;
}
export const ORGANIZATION_DIRECTORY = Symbol('ORGANIZATION_DIRECTORY');

export type { ScenarioContent };
