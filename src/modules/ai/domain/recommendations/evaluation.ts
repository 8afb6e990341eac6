import { interactionWeight, type InteractionType } from '../interaction';
import { profileTerms, type RidingGoal, type RidingStyle } from '../riding-profile';
import { itemSimilarities } from './item-similarity';
import { l2normalize } from './dense-vectors';
import {
  type CandidateListing,
  type DenseContent,
  HYBRID_WEIGHTS,
  listingText,
  recommend,
  type RecommenderWeights,
  type UserSignal,
} from './hybrid-recommender';

/**
 * Offline evaluation of the recommender (`npm run eval:recs`): a synthetic
 * but structured marketplace (seeded, so every run gives the same figures),
 * each rider's last new listing held out, and hit-rate@K and NDCG@K of
 * popularity, content only, collaborative only and the hybrid, all through
 * the production code (recommend(), itemSimilarities()).
 *
 * The world: listings name a vehicle and words of a riding theme; riders own
 * vehicles and have one or two themes, which their onboarding profile states
 * only partly (some skip onboarding, some answer only their main theme).
 * Riders mostly pick listings fitting their vehicle and themes, sometimes a
 * trending one, and often a listing's hidden "companion" (bought together:
 * structure only interactions reveal, not text).
 */
export const EVAL_K = 10;

interface Theme {
  styles: RidingStyle[];
  goals: RidingGoal[];
  words: string[];
}

const VEHICLES = [
  'MT-07',
  'MT-09',
  'Z900',
  'Ninja 650',
  'Duke 390',
  'CBR650R',
  'Africa Twin',
  'Tenere 700',
  'Street Triple',
  'Panigale V2',
  'Scrambler 800',
  'GS 1250',
];
const THEMES: Theme[] = [
  { styles: ['touring'], goals: ['smoothness'], words: ['touring', 'comfort', 'smooth', 'range', 'fueling'] },
  { styles: ['track'], goals: ['power'], words: ['track', 'race', 'quickshifter', 'lap', 'performance'] },
  { styles: ['commuting'], goals: ['economy'], words: ['economy', 'fuel', 'commute', 'city', 'efficiency'] },
  { styles: ['cruising'], goals: ['sound'], words: ['sound', 'exhaust', 'pops', 'decat', 'cruiser'] },
  { styles: ['off_road'], goals: ['weight'], words: ['enduro', 'trail', 'torque', 'lightweight', 'carbon'] },
  { styles: ['sport'], goals: ['power'], words: ['sport', 'throttle', 'response', 'stage', 'hp'] },
];
const FILLER = ['map', 'kit', 'v2', 'pro', 'edition', 'plus', 'set', 'custom'];
const EVENT_MIX: Array<[InteractionType, number]> = [
  ['view', 0.55],
  ['click', 0.15],
  ['save', 0.13],
  ['download', 0.07],
  ['purchase', 0.1],
];

export interface EvalOptions {
  seed: number;
  listings: number;
  riders: number;
  sellers: number;
}

export const DEFAULT_EVAL_OPTIONS: EvalOptions = { seed: 42, listings: 400, riders: 600, sellers: 25 };

export interface EvalRider {
  id: string;
  vehicles: string[];
  themes: number[];
  /** What onboarding tells the recommender (may be partial or missing). */
  profileTerms: string[];
  train: UserSignal[];
  heldOut: string;
}

export interface EvalDataset {
  listings: CandidateListing[];
  riders: EvalRider[];
}

export interface MethodScore {
  method: string;
  hitRate: number;
  ndcg: number;
}

/** Mulberry32: small, seeded, good enough for a synthetic data set. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildDataset(options: EvalOptions = DEFAULT_EVAL_OPTIONS): EvalDataset {
  const random = rng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const weighted = (weights: number[]): number => {
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) <= 0) return i;
    return weights.length - 1;
  };

  const meta: Array<{ vehicle: string | null; theme: number; quality: number }> = [];
  const listings: CandidateListing[] = [];
  for (let i = 0; i < options.listings; i++) {
    const vehicle = random() < 0.85 ? pick(VEHICLES) : null;
    const theme = Math.floor(random() * THEMES.length);
    const kind = random() < 0.6 ? 'tune' : random() < 0.75 ? 'part' : 'vehicle';
    const words = [...THEMES[theme].words].sort(() => random() - 0.5).slice(0, 2);
    const title = [vehicle ?? 'Universal', ...words, pick(FILLER), kind === 'tune' ? 'tune' : kind === 'part' ? 'part' : 'bike'].join(' ');
    listings.push({
      listingId: `l${String(i).padStart(4, '0')}`,
      orgId: `s${Math.floor(random() * options.sellers)}`,
      kind,
      title,
      // The vehicle's name stands for its catalog model id; "Universal" listings fit any model.
      modelIds: vehicle ? [vehicle] : [],
      priceMinor: 10_000,
      currency: 'EUR',
    });
    // A heavy-tailed quality: some listings are simply liked more (what popularity sees).
    meta.push({ vehicle, theme, quality: Math.exp(random() * 2.5) });
  }
  // Each listing's companion: one listing for the same vehicle, bought together by riders (invisible in the text).
  const companion = listings.map((_, i) => {
    const same = meta.map((m, j) => j).filter((j) => j !== i && meta[j].vehicle === meta[i].vehicle && meta[j].theme !== meta[i].theme);
    return same.length ? pick(same) : (i + 1) % listings.length;
  });

  const riders: EvalRider[] = [];
  for (let u = 0; u < options.riders; u++) {
    const vehicles = random() < 0.25 ? [pick(VEHICLES), pick(VEHICLES)] : [pick(VEHICLES)];
    const themes = random() < 0.4 ? [Math.floor(random() * THEMES.length), Math.floor(random() * THEMES.length)] : [Math.floor(random() * THEMES.length)];
    const affinity = meta.map((m) => {
      const fit = m.vehicle === null ? 1 : vehicles.includes(m.vehicle) ? 5 : 0.15;
      const taste = m.theme === themes[0] ? 5 : themes.includes(m.theme) ? 2.5 : 0.3;
      return fit * taste * m.quality;
    });
    const events: Array<{ listing: number; type: InteractionType }> = [];
    const count = 6 + Math.floor(random() * 15);
    for (let e = 0; e < count; e++) {
      const previous = events.at(-1);
      let listing: number;
      if (previous && random() < 0.3) listing = companion[previous.listing];
      else if (random() < 0.1) listing = weighted(meta.map((m) => m.quality));
      else listing = weighted(affinity);
      events.push({ listing, type: EVENT_MIX[weighted(EVENT_MIX.map(([, w]) => w))][0] });
    }
    // Hold out the last listing the rider met for the first time; train on everything else.
    const firstSeenAt = new Map<number, number>();
    events.forEach((ev, i) => firstSeenAt.has(ev.listing) || firstSeenAt.set(ev.listing, i));
    const onlyOnce = events.map((ev, i) => i).filter((i) => events.filter((ev) => ev.listing === events[i].listing).length === 1);
    if (onlyOnce.length === 0) continue;
    const held = events[onlyOnce[onlyOnce.length - 1]].listing;
    const train = new Map<string, UserSignal>();
    for (const ev of events) {
      if (ev.listing === held) continue;
      const key = `${ev.listing}:${ev.type}`;
      const signal = train.get(key) ?? { listingId: listings[ev.listing].listingId, type: ev.type, events: 0, ratingSum: 0 };
      signal.events += 1;
      train.set(key, signal);
    }
    if (train.size < 2) continue;
    const onboarding = random();
    const answered = onboarding < 0.2 ? [] : onboarding < 0.6 ? [themes[0]] : themes;
    riders.push({
      id: `u${u}`,
      vehicles,
      themes,
      profileTerms: answered.length
        ? profileTerms({ ridingStyles: answered.flatMap((t) => THEMES[t].styles), goals: answered.flatMap((t) => THEMES[t].goals) })
        : [],
      train: [...train.values()],
      heldOut: listings[held].listingId,
    });
  }
  return { listings, riders };
}

function signalWeight(s: UserSignal): number {
  return s.type === 'rate' ? interactionWeight('rate', s.events ? s.ratingSum / s.events : null) : interactionWeight(s.type, null) * Math.min(s.events, 5);
}

const CONTENT_ONLY: RecommenderWeights = { content: 1, collaborative: 0, popularity: 0, vehicle: HYBRID_WEIGHTS.vehicle };
const METHODS: Array<{ method: string; weights: RecommenderWeights | 'popularity'; dense?: boolean }> = [
  { method: 'popularity', weights: 'popularity' },
  { method: 'vehicle fit + popularity', weights: { content: 0, collaborative: 0, popularity: HYBRID_WEIGHTS.popularity, vehicle: HYBRID_WEIGHTS.vehicle } },
  { method: 'content only', weights: CONTENT_ONLY },
  { method: 'content only (dense stand-in)', weights: CONTENT_ONLY, dense: true },
  { method: 'collaborative only', weights: { content: 0, collaborative: 1, popularity: 0, vehicle: 0 } },
  { method: 'hybrid', weights: HYBRID_WEIGHTS },
  { method: 'hybrid (dense stand-in)', weights: HYBRID_WEIGHTS, dense: true },
];

const STAND_IN_DIMENSIONS = 256;

/**
 * The offline stand-in for an embedding model: words hashed into a dense,
 * normalized vector (a bag of words, no meaning). It runs the embeddings code
 * path (centroid, cosine, rescaling) without a Mistral key; it cannot show
 * what a real model adds (synonyms, paraphrases), which this synthetic set,
 * built from a fixed vocabulary, would not reward anyway.
 */
export function standInEmbedding(tokens: string[]): Float32Array {
  const vector = new Float32Array(STAND_IN_DIMENSIONS);
  for (const token of tokens) {
    let h = 2166136261;
    for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 16777619) >>> 0;
    vector[h % STAND_IN_DIMENSIONS] += 1;
  }
  return l2normalize(vector);
}

export function evaluate(dataset: EvalDataset, k = EVAL_K): MethodScore[] {
  const matrix = new Map<string, Map<string, number>>();
  const popularity = new Map<string, number>();
  for (const rider of dataset.riders) {
    const items = new Map<string, number>();
    for (const s of rider.train) items.set(s.listingId, (items.get(s.listingId) ?? 0) + signalWeight(s));
    matrix.set(rider.id, items);
    for (const [id, w] of items) if (w > 0) popularity.set(id, (popularity.get(id) ?? 0) + 1);
  }
  const similar = new Map<string, Array<{ listingId: string; score: number }>>();
  for (const row of itemSimilarities(matrix, 20)) {
    const list = similar.get(row.listingId) ?? [];
    list.push({ listingId: row.similarListingId, score: row.score });
    similar.set(row.listingId, list);
  }
  const byPopularity = [...dataset.listings].sort(
    (a, b) => (popularity.get(b.listingId) ?? 0) - (popularity.get(a.listingId) ?? 0) || a.listingId.localeCompare(b.listingId),
  );

  const listingVectors = new Map(dataset.listings.map((l) => [l.listingId, standInEmbedding(listingText(l))]));
  return METHODS.map(({ method, weights, dense }) => {
    let hits = 0;
    let gain = 0;
    for (const rider of dataset.riders) {
      const seen = matrix.get(rider.id)!;
      const ranked =
        weights === 'popularity'
          ? byPopularity.filter((l) => !((seen.get(l.listingId) ?? 0) > 0)).slice(0, k)
          : recommend({
              candidates: dataset.listings,
              signals: rider.train,
              rider: { profileTerms: rider.profileTerms, vehicles: rider.vehicles.map((name) => ({ id: name, name })) },
              similar,
              popularity,
              limit: k,
              perSellerCap: 3,
              weights,
              dense: dense ? denseFor(rider, listingVectors) : undefined,
            }).map((r) => r.listing);
      const rank = ranked.findIndex((l) => l.listingId === rider.heldOut);
      if (rank >= 0) {
        hits += 1;
        gain += 1 / Math.log2(rank + 2);
      }
    }
    const n = Math.max(1, dataset.riders.length);
    return { method, hitRate: hits / n, ndcg: gain / n };
  });
}

function denseFor(rider: EvalRider, vectors: Map<string, Float32Array>): DenseContent {
  return { profile: rider.profileTerms.length > 0 ? standInEmbedding(rider.profileTerms) : null, vectors };
}

/** The README's table. */
export function formatTable(scores: MethodScore[], dataset: EvalDataset, k = EVAL_K): string {
  const lines = [
    `Synthetic set: ${dataset.listings.length} listings, ${dataset.riders.length} riders, ${dataset.riders.reduce((n, r) => n + r.train.length, 0)} training signals (seeded).`,
    '',
    `| method | hit-rate@${k} | NDCG@${k} |`,
    '| --- | ---: | ---: |',
    ...scores.map((s) => `| ${s.method} | ${s.hitRate.toFixed(3)} | ${s.ndcg.toFixed(3)} |`),
  ];
  return lines.join('\n');
}
