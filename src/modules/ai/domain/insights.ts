import { INTERACTION_TYPES, interactionWeight, type InteractionType } from './interaction';
import { tokenize } from './recommendations/text-vectors';
import type { RidingProfileAnswers } from './riding-profile';

/**
 * A rider's insights: figures computed from their interactions (purchases
 * included, recorded as `purchase` events) and the listings they touched, and
 * a deterministic text a person can read, used when no language model is
 * configured or when it fails. Pure: the same inputs give the same figures and text.
 */
export interface InsightSignal {
  listingId: string;
  type: InteractionType;
  events: number;
  ratingSum: number;
  lastAt: Date;
}

export interface InsightListing {
  listingId: string;
  kind: string;
  title: string;
}

export interface InsightFigures {
  events: number;
  listings: number;
  byType: Record<InteractionType, number>;
  purchases: number;
  /** Saves minus unsaves, never below zero. */
  saved: number;
  ratings: { count: number; average: number | null };
  lastActivityAt: Date | null;
  /** Kinds of listing by share of the rider's positive interest, largest first. */
  kinds: Array<{ kind: string; share: number }>;
  /** Words of the listings the rider likes most, strongest first. */
  keywords: string[];
  /** The listings the rider showed most interest in, strongest first. */
  topListings: InsightListing[];
}

export const INSIGHT_KEYWORDS = 8;
export const INSIGHT_TOP_LISTINGS = 5;

export function computeInsights(signals: InsightSignal[], listings: Map<string, InsightListing>): InsightFigures {
  const byType = Object.fromEntries(INTERACTION_TYPES.map((t) => [t, 0])) as Record<InteractionType, number>;
  const interest = new Map<string, number>();
  let ratingCount = 0;
  let ratingSum = 0;
  let last: Date | null = null;
  for (const s of signals) {
    byType[s.type] += s.events;
    if (s.type === 'rate') {
      ratingCount += s.events;
      ratingSum += s.ratingSum;
    }
    const weight =
      s.type === 'rate' ? interactionWeight('rate', s.events ? s.ratingSum / s.events : null) : interactionWeight(s.type, null) * Math.min(s.events, 5);
    interest.set(s.listingId, (interest.get(s.listingId) ?? 0) + weight);
    if (!last || s.lastAt > last) last = s.lastAt;
  }
  const liked = [...interest.entries()].filter(([, w]) => w > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const kindWeights = new Map<string, number>();
  const termWeights = new Map<string, number>();
  for (const [id, w] of liked) {
    const listing = listings.get(id);
    if (!listing) continue;
    kindWeights.set(listing.kind, (kindWeights.get(listing.kind) ?? 0) + w);
    for (const term of new Set(tokenize(listing.title))) termWeights.set(term, (termWeights.get(term) ?? 0) + w);
  }
  const totalKind = [...kindWeights.values()].reduce((a, b) => a + b, 0);
  const events = Object.values(byType).reduce((a, b) => a + b, 0);
  return {
    events,
    listings: interest.size,
    byType,
    purchases: byType.purchase,
    saved: Math.max(0, byType.save - byType.unsave),
    ratings: { count: ratingCount, average: ratingCount ? Math.round((ratingSum / ratingCount) * 10) / 10 : null },
    lastActivityAt: last,
    kinds: [...kindWeights.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([kind, w]) => ({ kind, share: Math.round((w / totalKind) * 100) / 100 })),
    keywords: [...termWeights.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, INSIGHT_KEYWORDS)
      .map(([term]) => term),
    topListings: liked
      .map(([id]) => listings.get(id))
      .filter((l): l is InsightListing => l !== undefined)
      .slice(0, INSIGHT_TOP_LISTINGS),
  };
}

export interface InsightRider {
  profile: Pick<RidingProfileAnswers, 'experience' | 'ridingStyles' | 'goals' | 'riskAppetite' | 'budgetMinor' | 'currency'> | undefined;
  vehicleNames: string[];
}

/** The text shown when no model writes one: the same facts, in plain sentences. */
export function offlineSummary(rider: InsightRider, figures: InsightFigures): string {
  const sentences: string[] = [];
  const p = rider.profile;
  if (p) {
    const styles = p.ridingStyles.map(humanize).join(', ');
    const goals = p.goals.map(humanize).join(', ');
    const vehicles = rider.vehicleNames.length ? ` on ${rider.vehicleNames.join(', ')}` : '';
    sentences.push(
      `You are ${article(p.experience)} ${p.experience} rider who rides for ${styles}${vehicles}, looking for ${goals}, with ${p.riskAppetite} appetite for risk.`,
    );
    if (p.budgetMinor !== null && p.currency) sentences.push(`Your budget per purchase is ${(p.budgetMinor / 100).toFixed(2)} ${p.currency}.`);
  } else {
    sentences.push('You have not completed the onboarding questionnaire yet: answering it makes recommendations fit you from the start.');
  }
  if (figures.events === 0) {
    sentences.push('No activity yet: browse, save or buy listings and your tastes will show here.');
    return sentences.join(' ');
  }
  sentences.push(
    `You interacted ${figures.events} ${plural(figures.events, 'time')} with ${figures.listings} ${plural(figures.listings, 'listing')}: ` +
      `${figures.purchases} ${plural(figures.purchases, 'purchase')}, ${figures.saved} saved, ${figures.byType.view} ${plural(figures.byType.view, 'view')}.`,
  );
  if (figures.kinds.length)
    sentences.push(`Most of your interest goes to ${figures.kinds.map((k) => `${k.kind}s (${Math.round(k.share * 100)} %)`).join(', ')}.`);
  if (figures.keywords.length) sentences.push(`Words that keep coming back: ${figures.keywords.slice(0, 5).join(', ')}.`);
  if (figures.ratings.average !== null) sentences.push(`Your average rating is ${figures.ratings.average} of 5.`);
  return sentences.join(' ');
}

function humanize(value: string): string {
  return value.replace(/_/g, '-');
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
