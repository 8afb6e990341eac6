import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { AiErrors } from '../../domain/ai-errors';
import { type Scenario, type ScenarioContent, scenarioProblems, STARTER_SCENARIOS } from '../../domain/training/scenario';
import { ORGANIZATION_DIRECTORY, type OrganizationDirectory, TRAINING_UNIT_OF_WORK, type TrainingUnitOfWork } from '../training-ports';
import { requireDealership } from './training-access';

/** Creating, editing and archiving a dealership's role-play scenarios (managers and principals). */
@Injectable()
export class ScenarioUseCases {
  constructor(
    @Inject(TRAINING_UNIT_OF_WORK) private readonly uow: TrainingUnitOfWork,
    @Inject(ORGANIZATION_DIRECTORY) private readonly organizations: OrganizationDirectory,
  ) {}

  async create(ctx: RequestContext, orgId: string, content: ScenarioContent): Promise<Scenario> {
    await requireDealership(ctx, orgId, this.organizations);
    check(content);
    const now = new Date();
    const scenario: Scenario = { ...content, id: randomUUID(), orgId, createdBy: ctx.userId ?? null, archivedAt: null, createdAt: now, updatedAt: now };
    await this.uow.repos.scenarios.insert(scenario);
    return scenario;
  }

  async update(ctx: RequestContext, orgId: string, id: string, changes: Partial<ScenarioContent>): Promise<Scenario> {
    const current = await this.get(ctx, orgId, id);
    if (current.archivedAt) throw AiErrors.notFound('scenario');
    const next: Scenario = { ...current, ...definedOnly(changes), deal: { ...current.deal, ...definedOnly(changes.deal ?? {}) }, updatedAt: new Date() };
    check(next);
    await this.uow.repos.scenarios.update(next);
    return next;
  }

  /** Archived scenarios leave the list and cannot start sessions; past sessions keep them. Idempotent. */
  async archive(ctx: RequestContext, orgId: string, id: string): Promise<void> {
    const current = await this.get(ctx, orgId, id);
    if (current.archivedAt) return;
    await this.uow.repos.scenarios.update({ ...current, archivedAt: new Date(), updatedAt: new Date() });
  }

  async get(ctx: RequestContext, orgId: string, id: string): Promise<Scenario> {
    await requireDealership(ctx, orgId, this.organizations);
    const scenario = await this.uow.repos.scenarios.find(orgId, id);
    if (!scenario) throw AiErrors.notFound('scenario');
    return scenario;
  }

  async list(ctx: RequestContext, orgId: string, page: PageRequest): Promise<Page<Scenario>> {
    await requireDealership(ctx, orgId, this.organizations);
    return this.uow.repos.scenarios.list(orgId, page);
  }

  /** Copies the starter scenarios the dealership does not have yet (by title); returns how many were added. */
  async addStarterSet(ctx: RequestContext, orgId: string): Promise<number> {
    await requireDealership(ctx, orgId, this.organizations);
    const titles = await this.uow.repos.scenarios.titles(orgId);
    let added = 0;
    for (const content of STARTER_SCENARIOS) {
      if (titles.has(content.title)) continue;
      const now = new Date();
      await this.uow.repos.scenarios.insert({ ...content, id: randomUUID(), orgId, createdBy: null, archivedAt: null, createdAt: now, updatedAt: now });
      added += 1;
    }
    return added;
  }
}

function check(content: ScenarioContent): void {
  const problems = scenarioProblems(content);
  if (Object.keys(problems).length > 0) throw AiErrors.validation(problems);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
