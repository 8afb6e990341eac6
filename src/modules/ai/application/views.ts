import type { RidingProfile } from '../domain/riding-profile';
import type { VehicleSummary } from './ports';

export interface RidingProfileView extends RidingProfile {
  vehicles: VehicleSummary[];
}

export function toProfileView(profile: RidingProfile, vehicles: Map<string, VehicleSummary>): RidingProfileView {
  return { ...profile, vehicles: profile.vehicleModelIds.map((id) => vehicles.get(id)).filter((v): v is VehicleSummary => v !== undefined) };
}
