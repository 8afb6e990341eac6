import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Page, type PageRequest, type RequestContext, toPage } from '../../../../platform/kernel';
import { AiErrors } from '../../domain/ai-errors';
import type { Scenario } from '../../domain/training/scenario';
import { type SessionState, TrainingSession } from '../../domain/training/session';
import {
  ORGANIZATION_DIRECTORY,
  type OrganizationDirectory,
  type SessionSummary,
  type TraineeProgress,
  TRAINING_UNIT_OF_WORK,
  type TrainingUnitOfWork,
} from '../training-ports';
import { CustomerActor } from './customer-actor';
import { TRAINING_SESSION_FINISHED, TrainingSessionFinishedPayload } from './training-events';
import { canSee, requireDealership, visibleTrainee } from './training-access';

export interface TurnResult {
  session: SessionState;
  reply: string;
  turnsLeft: number;
}

const concurrentChange = () => new DomainError('AI.CONCURRENT_CHANGE', 'conflict', 'The session changed meanwhile (another message or its end): reload it.');

/** Starting, playing, finishing and reading F&I role-play sessions. */
@Injectable()
export class SessionUseCases {
  constructor(
    @Inject(TRAINING_UNIT_OF_WORK) private readonly uow: TrainingUnitOfWork,
    @Inject(ORGANIZATION_DIRECTORY) private readonly organizations: OrganizationDirectory,
    private readonly customer: CustomerActor,
  ) {}

  async start(ctx: RequestContext, orgId: string, scenarioId: string): Promise<SessionState> {
    await requireDealership(ctx, orgId, this.organizations);
    if (!ctx.userId) throw AiErrors.forbidden('A training session is played by a person: sign in as one.');
    const scenario = await this.uow.repos.scenarios.find(orgId, scenarioId);
    if (!scenario || scenario.archivedAt) throw AiErrors.notFound('scenario');
    const session = TrainingSession.start({
      id: randomUUID(),
      scenario,
      traineeUserId: ctx.userId,
      mode: this.customer.modeForNewSession(),
      openingLine: this.customer.opening(scenario),
      now: new Date(),
    });
    await this.uow.repos.sessions.insert(session.snapshot);
    return session.snapshot;
  }

  /**
   * The trainee's message and the customer's reply, streamed to `onDelta` as
   * it comes. Everything that can refuse the message is checked before the
   * first piece; the turn is stored once the reply is complete (a reply that
   * breaks off stores nothing: the trainee sends the message again).
   */
  async say(ctx: RequestContext, orgId: string, sessionId: string, text: string, onDelta: (text: string) => void): Promise<TurnResult> {
    const { session, scenario } = await this.playable(ctx, orgId, sessionId);
    session.assertCanSpeak();
    const before = session.snapshot;
    if (before.traineeUserId !== ctx.userId) throw AiErrors.forbidden('Only the trainee who started the session plays it.');
    const reply = await this.customer.reply(ctx, before.mode, scenario, before.transcript, text, onDelta);
    const lines = session.addTurn(text, reply, new Date());
    if (!(await this.uow.repos.sessions.appendLines(orgId, sessionId, before.version, lines))) throw concurrentChange();
    return { session: { ...session.snapshot, version: before.version + 1 }, reply, turnsLeft: session.turnsLeft() };
  }

  async finish(ctx: RequestContext, orgId: string, sessionId: string): Promise<SessionState> {
    const { session, scenario } = await this.playable(ctx, orgId, sessionId);
    const before = session.snapshot;
    if (before.status !== 'active') throw AiErrors.sessionFinished();
    if (before.traineeUserId !== ctx.userId) throw AiErrors.forbidden('Only the trainee who started the session finishes it.');
    const score = await this.customer.score(ctx, before.mode, scenario, before.transcript);
    const now = new Date();
    session.finish(score, now);
    await this.uow.run(async (repos, events) => {
      if (!(await repos.sessions.finish(orgId, sessionId, before.version, score, now))) throw concurrentChange();
      events.publish<TrainingSessionFinishedPayload>(ctx, {
        type: TRAINING_SESSION_FINISHED,
        orgId,
        payload: { sessionId, orgId, traineeUserId: before.traineeUserId, scenarioId: scenario.id, scoreTotal: score.total, finishedAt: now.toISOString() },
      });
    });
    return { ...session.snapshot, version: before.version + 1 };
  }

  async get(ctx: RequestContext, orgId: string, sessionId: string): Promise<SessionState> {
    await requireDealership(ctx, orgId, this.organizations);
    const state = await this.uow.repos.sessions.find(orgId, sessionId);
    if (!state || !canSee(ctx, state.traineeUserId)) throw AiErrors.notFound('training session');
    return state;
  }

  async list(ctx: RequestContext, orgId: string, filter: { traineeUserId?: string }, page: PageRequest): Promise<Page<SessionSummary>> {
    await requireDealership(ctx, orgId, this.organizations);
    const visible = visibleTrainee(ctx);
    const trainee = visible ?? filter.traineeUserId ?? null;
    if (visible !== null && filter.traineeUserId && filter.traineeUserId !== visible) return toPage([], 0, page);
    return this.uow.repos.sessions.list(orgId, trainee, page);
  }

  async progress(ctx: RequestContext, orgId: string): Promise<TraineeProgress[]> {
    await requireDealership(ctx, orgId, this.organizations);
    return this.uow.repos.sessions.progress(orgId, visibleTrainee(ctx));
  }

  private async playable(ctx: RequestContext, orgId: string, sessionId: string): Promise<{ session: TrainingSession; scenario: Scenario }> {
    const state = await this.get(ctx, orgId, sessionId);
    const scenario = await this.uow.repos.scenarios.find(orgId, state.scenarioId);
    if (!scenario) throw AiErrors.notFound('scenario');
    return { session: TrainingSession.restore(state), scenario };
  }
}
