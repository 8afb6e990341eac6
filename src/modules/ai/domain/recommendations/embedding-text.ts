import { profileTerms, type RidingProfileAnswers } from '../riding-profile';

/** The most characters of one text sent to the embedding model (listings' descriptions can be long). */
export const MAX_EMBEDDING_TEXT = 4000;

const KIND_LABELS: Record<string, string> = { tune: 'ECU tune', part: 'motorcycle part', vehicle: 'motorcycle for sale' };

/** What a listing's embedding is computed from: its title, kind, the vehicles it fits and its description. */
export function listingEmbeddingText(listing: { title: string; kind: string; description: string }, vehicleNames: string[]): string {
  const fits = vehicleNames.length > 0 ? `for ${vehicleNames.join(', ')}` : 'for any motorcycle';
  return [listing.title, `${KIND_LABELS[listing.kind] ?? listing.kind} ${fits}`, listing.description.trim()]
    .filter((line) => line !== '')
    .join('\n')
    .slice(0, MAX_EMBEDDING_TEXT);
}

/** What a rider's profile embedding is computed from: the same words as listings use (styles, goals), experience and vehicles. */
export function profileEmbeddingText(
  profile: Pick<RidingProfileAnswers, 'experience' | 'ridingStyles' | 'goals' | 'riskAppetite'>,
  vehicleNames: string[],
): string {
  return [
    `A ${profile.experience} rider looking for ${profileTerms(profile).join(', ')}`,
    `Riding: ${profile.ridingStyles.join(', ').replace(/_/g, '-')}; goals: ${profile.goals.join(', ')}; appetite for risk: ${profile.riskAppetite}`,
    vehicleNames.length > 0 ? `Rides ${vehicleNames.join(', ')}` : '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .slice(0, MAX_EMBEDDING_TEXT);
}
