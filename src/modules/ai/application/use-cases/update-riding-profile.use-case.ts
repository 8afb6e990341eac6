import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { AiErrors } from '../../domain/ai-errors';
import type { RidingProfileAnswers } from '../../domain/riding-profile';
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
import type { RidingProfileView } from '../views';
import { requireUser, saveChecked } from './submit-onboarding.use-case';

/** Edits some answers of the caller's profile (the others are kept). */
@Injectable()
export class UpdateRidingProfileUseCase {
  constructor(
    @Inject(RIDING_PROFILES) private readonly profiles: RidingProfileRepository,
    @Inject(VEHICLE_CATALOG) private readonly catalog: VehicleCatalog,
    @Inject(RECOMMENDATION_CACHE) private readonly cache: RecommendationCache,
    @Inject(EMBEDDING_JOBS) private readonly embeddings: EmbeddingJobs,
  ) {}

  async execute(ctx: RequestContext, changes: Partial<RidingProfileAnswers>): Promise<RidingProfileView> {
    const userId = requireUser(ctx);
    const current = await this.profiles.find(userId);
    if (!current) throw AiErrors.profileMissing();
    const merged: RidingProfileAnswers = {
      experience: changes.experience ?? current.experience,
      ridingStyles: changes.ridingStyles ?? current.ridingStyles,
      vehicleModelIds: changes.vehicleModelIds ?? current.vehicleModelIds,
      goals: changes.goals ?? current.goals,
      budgetMinor: changes.budgetMinor !== undefined ? changes.budgetMinor : current.budgetMinor,
      currency: changes.currency !== undefined ? changes.currency : current.currency,
      riskAppetite: changes.riskAppetite ?? current.riskAppetite,
    };
    const profile = await saveChecked(ctx, userId, merged, this.profiles, this.catalog);
    await this.cache.invalidate(userId);
    await this.embeddings.profile(ctx, userId);
    return profile;
  }
}
