/** Services the ai context's use cases need from outside, implemented in infrastructure/. */
import type { RequestContext } from '../../../platform/kernel';
import type { InteractionEvent, InteractionType } from '../domain/interaction';
import type { RidingProfile, RidingProfileAnswers } from '../domain/riding-profile';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ModelUsage {
  promptTokens: number;
  completionTokens: number;
}

export type ModelFailure = 'timeout' | 'rate_limited' | 'server_error' | 'connection' | 'client_error' | 'bad_response' | 'cut_off';

/** What went wrong talking to the model's API, sorted so the caller can decide to retry. */
export class ModelCallError extends Error {
  constructor(
    readonly failure: ModelFailure,
    message: string,
    readonly retryAfterMs?: number,
    /** Tokens the model spent before failing (a stream cut off after some chunks). */
    readonly partialUsage?: ModelUsage,
  ) {
    super(message);
    this.name = 'ModelCallError';
  }
}

export interface ChatInput {
  model: string;
  messages: ChatMessage[];
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  maxTokens?: number;
  temperature?: number;
  timeoutMs: number;
}

export interface ChatOutput {
  content: string;
  model: string;
  usage: ModelUsage;
}

/** The language model's API (Mistral). Throws ModelCallError and nothing else. */
export interface LanguageModelGateway {
  chat(input: ChatInput): Promise<ChatOutput>;
  /** Calls onDelta with each piece of text as it arrives; resolves once the stream ended properly. */
  chatStream(input: ChatInput, onDelta: (text: string) => void): Promise<ChatOutput>;
  embed(input: { model: string; texts: string[]; timeoutMs: number }): Promise<{ vectors: number[][]; model: string; usage: ModelUsage }>;
  moderate(input: { model: string; texts: string[]; timeoutMs: number }): Promise<{ flaggedCategories: string[][]; model: string }>;
}
export const LANGUAGE_MODEL = Symbol('LANGUAGE_MODEL');

/** Tokens spent per budget key (an organization id, or the platform's key) and UTC day. */
export interface TokenLedger {
  spentToday(key: string): Promise<number>;
  add(key: string, usage: ModelUsage): Promise<void>;
}
export const TOKEN_LEDGER = Symbol('TOKEN_LEDGER');

export type ModelCallOutcome = 'ok' | ModelFailure | 'breaker_open' | 'budget_exceeded' | 'malformed_reply';

/** Where every model call is counted (tokens, latency, errors per model and organization). */
export interface AiMetrics {
  call(labels: { model: string; org: string; purpose: string; outcome: ModelCallOutcome }, latencyMs: number): void;
  tokens(labels: { model: string; org: string }, usage: ModelUsage): void;
  retry(labels: { model: string; failure: ModelFailure }): void;
}
export const AI_METRICS = Symbol('AI_METRICS');

// ---------------------------------------------------------------- riding profiles

export interface RidingProfileRepository {
  find(userId: string): Promise<RidingProfile | undefined>;
  /** Inserts or replaces the answers (dropping the profile's embedding, which no longer describes it); returns the stored profile. */
  save(userId: string, answers: RidingProfileAnswers): Promise<RidingProfile>;
  /** The profile's embedding by this model, if it has one. */
  embeddingOf(userId: string, model: string): Promise<Float32Array | null>;
  /** Profiles (all, or this user's) without an embedding by this model, oldest change first, with their version (last change, opaque). */
  unembedded(model: string, limit: number, userId?: string): Promise<Array<{ profile: RidingProfile; version: string }>>;
  /** Stores the embedding unless the profile changed since `version`; returns whether it was stored. */
  storeEmbedding(userId: string, version: string, vector: number[], model: string): Promise<boolean>;
}
export const RIDING_PROFILES = Symbol('RIDING_PROFILES');

export interface VehicleSummary {
  id: string;
  name: string;
  brand: string;
  type: string;
  retired: boolean;
}

/** The vehicle catalog, as this context needs it (through CatalogApi). */
export interface VehicleCatalog {
  models(ctx: RequestContext, ids: string[]): Promise<Map<string, VehicleSummary>>;
}
export const VEHICLE_CATALOG = Symbol('VEHICLE_CATALOG');

/** Per-user recommendation results kept for an hour; dropped when the user's tastes change. */
export interface RecommendationCache {
  get<T>(userId: string, key: string): Promise<T | undefined>;
  set(userId: string, key: string, value: unknown): Promise<void>;
  invalidate(userId: string): Promise<void>;
}
export const RECOMMENDATION_CACHE = Symbol('RECOMMENDATION_CACHE');

// ---------------------------------------------------------------- interactions

export interface InteractionSignal {
  userId: string;
  listingId: string;
  type: InteractionType;
  events: number;
  ratingSum: number;
  lastAt: Date;
}

export interface InteractionRepository {
  /** Stores the events not seen before (by user and client event id); returns how many were new. */
  record(userId: string, events: InteractionEvent[]): Promise<number>;
  /** Moves raw events older than `before` into the daily rollup, at most `limit`; returns how many moved. */
  rollUp(before: Date, limit: number): Promise<number>;
  /** Raw and rolled-up events per user, listing and type (for one user, or everyone when userId is null). */
  signals(userId: string | null): Promise<InteractionSignal[]>;
  /** Riders with at least one positive event per listing. */
  popularity(): Promise<Map<string, number>>;
}
export const INTERACTIONS = Symbol('INTERACTIONS');

/** A fixed-window counter per key: whether one more hit fits in the window, and when it frees up. */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
}
export const RATE_LIMITER = Symbol('RATE_LIMITER');

// ---------------------------------------------------------------- recommendations

export interface CatalogListing {
  listingId: string;
  orgId: string;
  kind: string;
  title: string;
  description: string;
  /** Catalog vehicle models the listing is for; empty: any model. */
  modelIds: string[];
  priceMinor: number;
  currency: string;
}

/** A row of the read model as the embedding jobs see it. */
export interface IndexedListing extends CatalogListing {
  published: boolean;
  /** The row's version (its last change, opaque): an embedding is stored only if the row did not change meanwhile. */
  version: string;
  embeddingModel: string | null;
}

/** This context's read model of published listings, fed by the marketplace's events. */
export interface ListingCatalogRepository {
  /** Inserts or refreshes the row; a change of its text, kind or models drops its embedding (the jobs embed it again). */
  upsert(listing: CatalogListing, published: boolean): Promise<void>;
  unpublish(listingId: string): Promise<void>;
  published(limit: number): Promise<CatalogListing[]>;
  /** The listings with these ids, published or not (what a rider interacted with may have been archived since). */
  byIds(listingIds: string[]): Promise<CatalogListing[]>;
  indexed(listingId: string): Promise<IndexedListing | undefined>;
  /** Published listings without an embedding by this model, oldest change first. */
  unembedded(model: string, limit: number): Promise<IndexedListing[]>;
  /** Stores the embedding unless the row changed since `version`; returns whether it was stored. */
  storeEmbedding(listingId: string, version: string, vector: number[], model: string): Promise<boolean>;
  /** The embeddings by this model of those listings that have one (normalized). */
  embeddings(listingIds: string[], model: string): Promise<Map<string, Float32Array>>;
}
export const LISTING_CATALOG = Symbol('LISTING_CATALOG');

export interface SimilarityRepository {
  /** Replaces the whole model in one transaction. */
  replaceAll(rows: Array<{ listingId: string; similarListingId: string; score: number; coUsers: number }>): Promise<void>;
  forItems(listingIds: string[]): Promise<Map<string, Array<{ listingId: string; score: number }>>>;
}
export const SIMILARITIES = Symbol('SIMILARITIES');

/** Embedding work for the worker: one job per listing or profile to embed (no-ops without Mistral). */
export interface EmbeddingJobs {
  listing(ctx: RequestContext, listingId: string): Promise<void>;
  profile(ctx: RequestContext, userId: string): Promise<void>;
}
export const EMBEDDING_JOBS = Symbol('EMBEDDING_JOBS');

/** Listings as the marketplace's facade shows them. */
export interface MarketplaceListings {
  get(ctx: RequestContext, listingId: string): Promise<(CatalogListing & { status: string }) | undefined>;
  /** An organization's published listings, newest first (at most `limit`, capped at 100): the demo data indexes them. */
  publishedOf(ctx: RequestContext, orgId: string, limit: number): Promise<CatalogListing[]>;
}
export const MARKETPLACE_LISTINGS = Symbol('MARKETPLACE_LISTINGS');
