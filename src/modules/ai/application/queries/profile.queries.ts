import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { AiErrors } from '../../domain/ai-errors';
import { RIDING_PROFILES, type RidingProfileRepository, VEHICLE_CATALOG, type VehicleCatalog } from '../ports';
import { requireUser } from '../use-cases/submit-onboarding.use-case';
import { type RidingProfileView, toProfileView } from '../views';

@Injectable()
export class ProfileQueries {
  constructor(
    @Inject(RIDING_PROFILES) private readonly profiles: RidingProfileRepository,
    @Inject(VEHICLE_CATALOG) private readonly catalog: VehicleCatalog,
  ) {}

  async mine(ctx: RequestContext): Promise<RidingProfileView> {
    const profile = await this.profiles.find(requireUser(ctx));
    if (!profile) throw AiErrors.profileMissing();
    return toProfileView(profile, await this.catalog.models(ctx, profile.vehicleModelIds));
  }
}
