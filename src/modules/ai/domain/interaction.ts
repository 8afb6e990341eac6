/**
 * What a rider did with a listing, as the app reports it. Events carry the
 * app's own id, so a batch sent twice (a retry after a lost response) is
 * stored once.
 */
export const INTERACTION_TYPES = ['view', 'save', 'unsave', 'click', 'purchase', 'download', 'rate'] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

export const MAX_INTERACTION_BATCH = 100;
export const CLIENT_EVENT_ID_MAX_LENGTH = 64;
/** How far in the future a client clock may be before its events are refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export interface InteractionEvent {
  clientEventId: string;
  type: InteractionType;
  listingId: string;
  occurredAt: Date;
  /** 1 to 5, for `rate` only. */
  rating: number | null;
}

/**
 * How much each kind of event says about a rider's taste (implicit feedback
 * weights for recommendations); `unsave` takes back a save, a rating counts by
 * how far it is from the middle.
 */
export const INTERACTION_WEIGHTS: Record<InteractionType, number> = {
  view: 1,
  click: 1.5,
  save: 4,
  unsave: -4,
  download: 5,
  purchase: 8,
  rate: 0,
};

export function interactionWeight(type: InteractionType, rating: number | null): number {
  if (type === 'rate') return rating === null ? 0 : (rating - 3) * 2;
  return INTERACTION_WEIGHTS[type];
}

/** Events the batch may keep: not older than the raw retention (those are already rolled up), not in the future. */
export function partitionByAge(events: InteractionEvent[], now: Date, retentionDays: number): { fresh: InteractionEvent[]; stale: InteractionEvent[] } {
  const oldest = now.getTime() - retentionDays * 86_400_000;
  const newest = now.getTime() + MAX_CLOCK_SKEW_MS;
  const fresh: InteractionEvent[] = [];
  const stale: InteractionEvent[] = [];
  for (const event of events) (event.occurredAt.getTime() >= oldest && event.occurredAt.getTime() <= newest ? fresh : stale).push(event);
  return { fresh, stale };
}
