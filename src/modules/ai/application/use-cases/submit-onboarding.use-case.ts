import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { AiErrors } from '../../domain/ai-errors';
import { normalizeAnswers, type RidingProfileAnswers } from '../../domain/riding-profile';
import {
  EMBEDDING_JOBS,
  type EmbeddingJobs,
  RECOMMENDATION_CACHE,
  type RecommendationCache,
  RIDING_PROFILES,
  type RidingProfileRepository,
  VEHICLE_CATALOG,
  type VehicleCatalog,
} from '../ports';
import { type RidingProfileView, toProfileView } from '../views';

/** The onboarding questionnaire: creates the caller's riding profile, or replaces it when run again. */
@Injectable()
export class SubmitOnboardingUseCase {
  constructor(
    @Inject(RIDING_PROFILES) private readonly profiles: RidingProfileRepository,
    @Inject(VEHICLE_CATALOG) private readonly catalog: VehicleCatalog,
    @Inject(RECOMMENDATION_CACHE) private readonly cache: RecommendationCache,
    @Inject(EMBEDDING_JOBS) private readonly embeddings: EmbeddingJobs,
  ) {}

  async execute(ctx: RequestContext, input: RidingProfileAnswers): Promise<{ profile: RidingProfileView; created: boolean }> {
    const userId = requireUser(ctx);
    const existing = await this.profiles.find(userId);
    const profile = await saveChecked(ctx, userId, input, this.profiles, this.catalog);
    await this.cache.invalidate(userId);
    await this.embeddings.profile(ctx, userId);
    return { profile, created: existing === undefined };
  }
}

export function requireUser(ctx: RequestContext): string {
  if (!ctx.userId) throw AiErrors.forbidden('A signed-in person is needed.');
  return ctx.userId;
}

/** Validates the answers (vehicles must be active catalog models), stores them and returns the view. */
export async function saveChecked(
  ctx: RequestContext,
  userId: string,
  input: RidingProfileAnswers,
  profiles: RidingProfileRepository,
  catalog: VehicleCatalog,
): Promise<RidingProfileView> {
  const { answers, problems } = normalizeAnswers(input);
  const vehicles = await catalog.models(ctx, answers.vehicleModelIds);
  const unknown = answers.vehicleModelIds.filter((id) => !vehicles.has(id) || vehicles.get(id)?.retired);
  if (unknown.length > 0) (problems.vehicle_model_ids ??= []).push(`unknown or retired vehicle models: ${unknown.join(', ')}`);
  if (Object.keys(problems).length > 0) throw AiErrors.validation(problems);
  const saved = await profiles.save(userId, answers);
  return toProfileView(saved, vehicles);
}
