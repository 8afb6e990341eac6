import { interactionWeight, type InteractionType } from '../interaction';
import { type DenseVector, dot, rescaled, weightedCentroid } from './dense-vectors';
import { addScaled, cosine, normalize, type SparseVector, TfIdf, tokenize } from './text-vectors';

/**
 * The hybrid recommender: content similarity (embeddings when the caller has
 * them, else TF-IDF over listing text and features, plus the rider's profile),
 * item-to-item collaborative filtering, and popularity for the cold start;
 * then the rules (only published listings are candidates, only listings that
 * fit one of the rider's vehicles or any vehicle, nothing already bought, at
 * most `perSellerCap` listings of one seller) and a reason a person can read.
 * Pure and deterministic: the evaluation script runs the same code.
 */
export interface CandidateListing {
  listingId: string;
  orgId: string;
  kind: string;
  title: string;
  /** Free text (may be empty). */
  description?: string;
  /** Catalog models the listing is for (a tune's targets, a part's compatible models, a vehicle's model); empty: fits any. */
  modelIds: string[];
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
  /** The rider's vehicles (catalog model id and name, "MT-07"): the compatibility filter and the "fits your" reason. */
  vehicles: Array<{ id: string; name: string }>;
}

/** Embeddings of one model: the rider's profile (if embedded) and the listings that have one (candidates and liked ones). */
export interface DenseContent {
  profile: DenseVector | null;
  vectors: Map<string, DenseVector>;
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
  /** Embeddings: when they give the rider a taste vector, content similarity is their cosine (candidates without one keep TF-IDF). */
  dense?: DenseContent;
}

export function listingText(listing: Pick<CandidateListing, 'title' | 'kind' | 'description'>): string[] {
  return [...tokenize(listing.title), ...tokenize(listing.description ?? ''), `kind_${listing.kind}`];
}

/**
 * The compatibility rule, a filter and not a score: a listing for some vehicle
 * models is only for riders owning one of them. Listings for any model (no
 * models) fit everyone, and so does everything when the rider named no vehicle.
 */
export function fitsRider(listing: Pick<CandidateListing, 'modelIds'>, riderModelIds: ReadonlySet<string>): boolean {
  if (listing.modelIds.length === 0 || riderModelIds.size === 0) return true;
  return listing.modelIds.some((id) => riderModelIds.has(id));
}

/** Listing id -> positive weight of what the rider liked (views, saves, purchases, good ratings...). */
export function likedWeights(signals: UserSignal[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const s of signals) {
    const w = s.type === 'rate' ? interactionWeight('rate', s.events ? s.ratingSum / s.events : null) : interactionWeight(s.type, null) * Math.min(s.events, 5);
    weights.set(s.listingId, (weights.get(s.listingId) ?? 0) + w);
  }
  return new Map([...weights].filter(([, w]) => w > 0));
}

/**
 * The rider's taste in embedding space: the centroid of the liked listings'
 * vectors weighted by how much they were liked, plus the profile's vector
 * weighted like all of them together (as the TF-IDF taste does); null when
 * neither is embedded (the caller then falls back to TF-IDF).
 */
export function denseTaste(signals: UserSignal[], dense: DenseContent): Float32Array | null {
  const liked = [...likedWeights(signals)];
  const parts = liked.flatMap(([id, weight]) => {
    const vector = dense.vectors.get(id);
    return vector ? [{ vector, weight }] : [];
  });
  if (dense.profile) parts.push({ vector: dense.profile, weight: Math.max(1, liked.length) });
  return weightedCentroid(parts);
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
  const riderModels = new Set(input.rider.vehicles.map((v) => v.id));
  const candidates = input.candidates.filter((c) => fitsRider(c, riderModels));

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
  // With embeddings giving the rider a taste, content is their cosine (rescaled over the candidates that have a vector).
  const riderDense = input.dense ? denseTaste(input.signals, input.dense) : null;
  const denseScores = new Map<string, number>();
  if (riderDense && input.dense) {
    for (const c of candidates) {
      const v = input.dense.vectors.get(c.listingId);
      if (v) denseScores.set(c.listingId, dot(riderDense, v));
    }
  }
  const denseContent = rescaled(denseScores);

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

  const scored: Recommendation[] = [];
  for (const listing of candidates) {
    if (bought.has(listing.listingId) || (itemWeights.get(listing.listingId) ?? 0) > 0) continue;
    const denseScore = denseContent.get(listing.listingId);
    const parts: Record<RecommendationSource, number> = {
      content:
        denseScore !== undefined
          ? weights.content * denseScore
          : tasteVector.size > 0
            ? weights.content * cosine(tasteVector, vectors.get(listing.listingId) ?? new Map())
            : 0,
      collaborative: weights.collaborative * Math.min(1, collaborative.get(listing.listingId)?.score ?? 0),
      popularity: (weights.popularity * Math.log1p(input.popularity.get(listing.listingId) ?? 0)) / Math.log1p(maxPopularity),
      vehicle: 0,
    };
    const fits = input.rider.vehicles.find((v) => listing.modelIds.includes(v.id));
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
