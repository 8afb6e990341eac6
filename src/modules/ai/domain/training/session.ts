import { AiErrors } from '../ai-errors';
import type { Scenario } from './scenario';

/**
 * One role-play: a trainee (an F&I manager of the dealership) talks to a
 * customer played by the language model, or by the scripted customer when no
 * model is configured (`mode`, shown to the trainee). A turn is one trainee
 * message and the customer's reply; the session ends when the trainee
 * finishes it (or the turns run out and they finish it), and is then scored.
 */
export const SESSION_STATUSES = ['active', 'finished'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export type CustomerMode = 'ai' | 'scripted';
export type Speaker = 'customer' | 'trainee';

export const RUBRIC_CRITERIA = ['disclosure_and_compliance', 'needs_discovery', 'objection_handling', 'no_pressure_tactics'] as const;
export type RubricCriterion = (typeof RUBRIC_CRITERIA)[number];
export const CRITERION_MAX = 5;

export interface TranscriptLine {
  seq: number;
  speaker: Speaker;
  text: string;
  at: Date;
}

export interface CriterionScore {
  criterion: RubricCriterion;
  score: number;
  comment: string;
}

export interface SessionScore {
  /** 0 to 100: the criteria's scores over their maximum. */
  total: number;
  criteria: CriterionScore[];
  summary: string;
  /** Who scored: the language model, or the rule-based scorer (no model, or the model failed). */
  scoredBy: 'ai' | 'rules';
}

export interface SessionState {
  id: string;
  orgId: string;
  scenarioId: string;
  scenarioTitle: string;
  traineeUserId: string;
  mode: CustomerMode;
  status: SessionStatus;
  maxTurns: number;
  transcript: TranscriptLine[];
  score: SessionScore | null;
  version: number;
  startedAt: Date;
  finishedAt: Date | null;
}

export class TrainingSession {
  private constructor(private state: SessionState) {}

  static start(input: { id: string; scenario: Scenario; traineeUserId: string; mode: CustomerMode; openingLine: string; now: Date }): TrainingSession {
    return new TrainingSession({
      id: input.id,
      orgId: input.scenario.orgId,
      scenarioId: input.scenario.id,
      scenarioTitle: input.scenario.title,
      traineeUserId: input.traineeUserId,
      mode: input.mode,
      status: 'active',
      maxTurns: input.scenario.maxTurns,
      transcript: [{ seq: 1, speaker: 'customer', text: input.openingLine, at: input.now }],
      score: null,
      version: 0,
      startedAt: input.now,
      finishedAt: null,
    });
  }

  static restore(state: SessionState): TrainingSession {
    return new TrainingSession(state);
  }

  get snapshot(): Readonly<SessionState> {
    return this.state;
  }

  turnsTaken(): number {
    return this.state.transcript.filter((line) => line.speaker === 'trainee').length;
  }

  turnsLeft(): number {
    return Math.max(0, this.state.maxTurns - this.turnsTaken());
  }

  /** Whether the trainee may speak now (checked before the customer's reply is generated). */
  assertCanSpeak(): void {
    if (this.state.status !== 'active') throw AiErrors.sessionFinished();
    if (this.turnsLeft() === 0) throw AiErrors.turnLimitReached();
  }

  /** Adds a turn: the trainee's message and the customer's reply. Returns the new lines. */
  addTurn(traineeText: string, customerText: string, now: Date): TranscriptLine[] {
    this.assertCanSpeak();
    const next = this.state.transcript.length + 1;
    const lines: TranscriptLine[] = [
      { seq: next, speaker: 'trainee', text: traineeText, at: now },
      { seq: next + 1, speaker: 'customer', text: customerText, at: now },
    ];
    this.state = { ...this.state, transcript: [...this.state.transcript, ...lines] };
    return lines;
  }

  finish(score: SessionScore, now: Date): void {
    if (this.state.status !== 'active') throw AiErrors.sessionFinished();
    this.state = { ...this.state, status: 'finished', score, finishedAt: now };
  }
}

/** The score's total from its criteria (0 to 100). */
export function totalOf(criteria: CriterionScore[]): number {
  const max = RUBRIC_CRITERIA.length * CRITERION_MAX;
  const sum = criteria.reduce((s, c) => s + Math.max(0, Math.min(CRITERION_MAX, Math.round(c.score))), 0);
  return Math.round((sum / max) * 100);
}
