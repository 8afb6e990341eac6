import { interactionWeight, type InteractionType } from '../interaction';
import { addScaled, cosine, normalize, type SparseVector, TfIdf, tokenize } from './text-vectors';

/**
 * The hybrid recommender: content similarity (TF-IDF over listing text and
 * features, plus the rider's profile words), item-to-item collaborative
 * filtering, and popularity for the cold start; then the rules (only
 * published listings are candidates, nothing already bought, at most
 * `perSellerCap` listings of one seller) and a reason a person can read.
 * Pure and deterministic: the evaluation script runs the same code.
 */
export interface CandidateListing {
  listingId: string;
  orgId: string;
  kind: string;
  title: string;
  priceMinor: number;
  currency: string;
}

export interface UserSignal {
  listingId: string;
  type: InteractionType;
  events: number;
  ratingSum: number;
}

export interface RiderContext {
  /** Words from the riding profile (styles, goals). */
  profileTerms: string[];
  /** Names of the rider's vehicles ("MT-07"), for the vehicle fit. */
  vehicleNames: string[];
}

export type RecommendationSource = 'content' | 'collaborative' | 'popularity' | 'vehicle';

export interface Recommendation {
  listing: CandidateListing;
  score: number;
  reason: string;
  sources: RecommendationSource[];
}

export interface RecommenderWeights {
  content: number;
  collaborative: number;
  popularity: number;
  vehicle: number;
}

export const HYBRID_WEIGHTS: RecommenderWeights = { content: 1, collaborative: 1.5, popularity: 0.3, vehicle: 0.6 };

export interface RecommendInput {
  candidates: CandidateListing[];
  signals: UserSignal[];
  rider: RiderContext;
  /** listing -> its most similar listings with scores (collaborative model). */
  similar: Map<string, Array<{ listingId: string; score: number }>>;
  /** listing -> how many riders interacted with it (any positive event). */
  popularity: Map<string, number>;
  limit: number;
  perSellerCap: number;
  weights?: RecommenderWeights;
}

export function listingText(listing: Pick<CandidateListing, 'title' | 'kind'>): string[] {
  return [...tokenize(listing.title), `kind_${listing.kind}`];
}

export function recommend(input: RecommendInput): Recommendation[] {
  const weights = input.weights ?? HYBRID_WEIGHTS;
  const byId = new Map(input.candidates.map((c) => [c.listingId, c]));
  const itemWeights = new Map<string, number>();
  const bought = new Set<string>();
  for (const s of input.signals) {
    const w = s.type === 'rate' ? interactionWeight('rate', s.events ? s.ratingSum / s.events : null) : interactionWeight(s.type, null) * Math.min(s.events, 5);
    itemWeights.set(s.listingId, (itemWeights.get(s.listingId) ?? 0) + w);
    if (s.type === 'purchase') bought.add(s.listingId);
  }
  const liked = [...itemWeights.entries()].filter(([, w]) => w > 0);

  // Content: the rider's taste as one TF-IDF vector over what they liked and their profile words.
  const tfidf = new TfIdf(input.candidates.map(listingText));
  const vectors = new Map(input.candidates.map((c) => [c.listingId, tfidf.vector(listingText(c))]));
  const taste: SparseVector = new Map();
  for (const [id, w] of liked) {
    const v = vectors.get(id);
    if (v) addScaled(taste, v, w);
  }
  if (input.rider.profileTerms.length > 0) addScaled(taste, tfidf.vector(input.rider.profileTerms), Math.max(1, liked.length));
  const tasteVector = normalize(taste);

  // Collaborative: Σ over liked items of similarity × how much they were liked.
  const collaborative = new Map<string, { score: number; because: string }>();
  const maxLike = Math.max(1, ...liked.map(([, w]) => w));
  for (const [id, w] of liked) {
    for (const sim of input.similar.get(id) ?? []) {
      const current = collaborative.get(sim.listingId) ?? { score: 0, because: id };
      const add = (sim.score * w) / maxLike;
      if (add > (collaborative.get(sim.listingId)?.score ?? 0)) current.because = id;
      current.score += add;
      collaborative.set(sim.listingId, current);
    }
  }
  const maxPopularity = Math.max(1, ...input.popularity.values());
  const vehicleTokens = input.rider.vehicleNames.map((name) => ({ name, tokens: tokenize(name) })).filter((v) => v.tokens.length > 0);

  const scored: Recommendation[] = [];
  for (const listing of input.candidates) {
    if (bought.has(listing.listingId) || (itemWeights.get(listing.listingId) ?? 0) > 0) continue;
    const parts: Record<RecommendationSource, number> = {
      content: tasteVector.size > 0 ? weights.content * cosine(tasteVector, vectors.get(listing.listingId) ?? new Map()) : 0,
      collaborative: weights.collaborative * Math.min(1, collaborative.get(listing.listingId)?.score ?? 0),
      popularity: (weights.popularity * Math.log1p(input.popularity.get(listing.listingId) ?? 0)) / Math.log1p(maxPopularity),
      vehicle: 0,
    };
    const titleTokens = new Set(tokenize(listing.title));
    const fits = vehicleTokens.find((v) => v.tokens.every((t) => titleTokens.has(t)));
    if (fits) parts.vehicle = weights.vehicle;
    const score = parts.content + parts.collaborative + parts.popularity + parts.vehicle;
    if (score <= 0) continue;
    const sources = (Object.keys(parts) as RecommendationSource[]).filter((k) => parts[k] > 0).sort((a, b) => parts[b] - parts[a]);
    scored.push({
      listing,
      score: round(score),
      sources,
      reason: reasonFor(sources[0], fits?.name, byId.get(collaborative.get(listing.listingId)?.because ?? '')?.title, input.rider.profileTerms),
    });
  }
  scored.sort((a, b) => b.score - a.score || a.listing.listingId.localeCompare(b.listing.listingId));
  return diversify(scored, input.limit, input.perSellerCap);
}

/** At most `cap` listings of one seller, keeping the order; fills up with the rest if too few sellers. */
function diversify(ranked: Recommendation[], limit: number, cap: number): Recommendation[] {
  const perSeller = new Map<string, number>();
  const picked: Recommendation[] = [];
  const skipped: Recommendation[] = [];
  for (const r of ranked) {
    if (picked.length >= limit) break;
    const n = perSeller.get(r.listing.orgId) ?? 0;
    if (n >= cap) {
      skipped.push(r);
      continue;
    }
    perSeller.set(r.listing.orgId, n + 1);
    picked.push(r);
  }
  return picked.length < limit ? [...picked, ...skipped.slice(0, limit - picked.length)] : picked;
}

function reasonFor(top: RecommendationSource, vehicle: string | undefined, because: string | undefined, terms: string[]): string {
  switch (top) {
    case 'vehicle':
      return `Fits your ${vehicle}`;
    case 'collaborative':
      return because ? `Riders who liked “${because}” also liked this` : 'Riders with similar tastes liked this';
    case 'content':
      return terms.length > 0 ? `Matches what you look for (${terms.slice(0, 3).join(', ')})` : 'Similar to listings you liked';
    default:
      return 'Popular with riders right now';
  }
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
