import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { interactionWeight } from '../../domain/interaction';
import { itemSimilarities } from '../../domain/recommendations/item-similarity';
import { type DenseContent, denseTaste, type Recommendation, recommend } from '../../domain/recommendations/hybrid-recommender';
import { profileTerms } from '../../domain/riding-profile';
import { AI_CONFIG, type AiConfig } from '../ai-config';
import { AiApi } from '../ai.api';
import {
  EMBEDDING_JOBS,
  type EmbeddingJobs,
  INTERACTIONS,
  type InteractionRepository,
  LISTING_CATALOG,
  type ListingCatalogRepository,
  MARKETPLACE_LISTINGS,
  type MarketplaceListings,
  RECOMMENDATION_CACHE,
  type RecommendationCache,
  RIDING_PROFILES,
  type RidingProfileRepository,
  SIMILARITIES,
  type SimilarityRepository,
  VEHICLE_CATALOG,
  type VehicleCatalog,
  type VehicleSummary,
} from '../ports';
import { requireUser } from '../use-cases/submit-onboarding.use-case';

/** Candidates considered per request: the most recently published listings. */
const MAX_CANDIDATES = 2000;
const SIMILAR_PER_ITEM = 20;
const PER_SELLER_CAP = 3;
export const MAX_RECOMMENDATIONS = 50;

/** The content model of the local fallback (no Mistral, or no vector for this rider yet). */
export const LOCAL_CONTENT_MODEL = 'local-tfidf';

export interface RecommendationList {
  items: Recommendation[];
  generatedAt: string;
  cached: boolean;
  /** What scored content similarity: the embedding model (MISTRAL_EMBED_MODEL) or the local TF-IDF fallback. */
  contentModel: string;
}

/** GET /ai/recommendations: the hybrid recommender over the read model, cached per user for an hour. */
@Injectable()
export class RecommendationQueries {
  constructor(
    @Inject(LISTING_CATALOG) private readonly listings: ListingCatalogRepository,
    @Inject(INTERACTIONS) private readonly interactions: InteractionRepository,
    @Inject(SIMILARITIES) private readonly similarities: SimilarityRepository,
    @Inject(RIDING_PROFILES) private readonly profiles: RidingProfileRepository,
    @Inject(VEHICLE_CATALOG) private readonly vehicles: VehicleCatalog,
    @Inject(RECOMMENDATION_CACHE) private readonly cache: RecommendationCache,
    @Inject(AI_CONFIG) private readonly config: AiConfig,
    private readonly ai: AiApi,
  ) {}

  async forMe(ctx: RequestContext, limit: number): Promise<RecommendationList> {
    const userId = requireUser(ctx);
    const key = `list:${limit}`;
    const hit = await this.cache.get<Omit<RecommendationList, 'cached'>>(userId, key);
    if (hit) return { ...hit, cached: true };
    const [candidates, signals, profile, popularity] = await Promise.all([
      this.listings.published(MAX_CANDIDATES),
      this.interactions.signals(userId),
      this.profiles.find(userId),
      this.interactions.popularity(),
    ]);
    const liked = [...new Set(signals.filter((s) => interactionWeight(s.type, s.events ? s.ratingSum / s.events : null) > 0).map((s) => s.listingId))];
    const [similar, vehicles, dense] = await Promise.all([
      this.similarities.forItems(liked),
      profile ? this.vehicles.models(ctx, profile.vehicleModelIds) : Promise.resolve(new Map<string, VehicleSummary>()),
      this.denseContent(
        userId,
        candidates.map((c) => c.listingId),
        liked,
      ),
    ]);
    // Embeddings only count when they give this rider a taste (profile or liked listings embedded); else TF-IDF alone.
    const useDense = dense !== null && denseTaste(signals, dense) !== null;
    const items = recommend({
      candidates,
      signals,
      // Every vehicle of the profile counts for the compatibility filter, retired models included (the rider still owns it).
      rider: {
        profileTerms: profile ? profileTerms(profile) : [],
        vehicles: (profile?.vehicleModelIds ?? []).map((id) => ({ id, name: vehicles.get(id)?.name ?? 'vehicle' })),
      },
      similar,
      popularity,
      limit,
      perSellerCap: PER_SELLER_CAP,
      dense: useDense ? dense : undefined,
    });
    const fresh = { items, generatedAt: new Date().toISOString(), contentModel: useDense ? this.config.embedModel : LOCAL_CONTENT_MODEL };
    await this.cache.set(userId, key, fresh);
    return { ...fresh, cached: false };
  }

  /**
   * The vectors of the configured embedding model: the rider's profile and the
   * candidates and liked listings that have one. Scored in memory: the
   * candidate set is bounded (MAX_CANDIDATES) and the repository keeps vectors
   * per process, so a request reads only (id, embedded_at) pairs plus vectors it
   * has not seen; no model call happens on this path (jobs embed, requests read).
   */
  private async denseContent(userId: string, candidateIds: string[], likedIds: string[]): Promise<DenseContent | null> {
    if (!this.ai.isConfigured()) return null;
    const model = this.config.embedModel;
    const [profile, vectors] = await Promise.all([
      this.profiles.embeddingOf(userId, model),
      this.listings.embeddings([...new Set([...candidateIds, ...likedIds])], model),
    ]);
    return { profile, vectors };
  }
}

/** The scheduled job: recomputes the item-to-item model from every rider's interactions. */
@Injectable()
export class RecomputeSimilaritiesUseCase {
  constructor(
    @Inject(INTERACTIONS) private readonly interactions: InteractionRepository,
    @Inject(SIMILARITIES) private readonly similarities: SimilarityRepository,
  ) {}

  async execute(): Promise<number> {
    const signals = await this.interactions.signals(null);
    const matrix = new Map<string, Map<string, number>>();
    for (const s of signals) {
      const items = matrix.get(s.userId) ?? new Map<string, number>();
      const weight =
        s.type === 'rate' ? interactionWeight('rate', s.events ? s.ratingSum / s.events : null) : interactionWeight(s.type, null) * Math.min(s.events, 5);
      items.set(s.listingId, (items.get(s.listingId) ?? 0) + weight);
      matrix.set(s.userId, items);
    }
    const rows = itemSimilarities(matrix, SIMILAR_PER_ITEM);
    await this.similarities.replaceAll(rows);
    return rows.length;
  }
}

/** Keeps the read model in step with the marketplace (published / updated / archived events), reading the listing through its facade. */
@Injectable()
export class SyncListingUseCase {
  constructor(
    @Inject(LISTING_CATALOG) private readonly listings: ListingCatalogRepository,
    @Inject(MARKETPLACE_LISTINGS) private readonly marketplace: MarketplaceListings,
    @Inject(EMBEDDING_JOBS) private readonly embeddings: EmbeddingJobs,
  ) {}

  async execute(ctx: RequestContext, listingId: string): Promise<void> {
    const listing = await this.marketplace.get(ctx, listingId);
    if (!listing) return this.listings.unpublish(listingId);
    const published = listing.status === 'published';
    await this.listings.upsert(
      {
        listingId: listing.listingId,
        orgId: listing.orgId,
        kind: listing.kind,
        title: listing.title,
        description: listing.description,
        modelIds: listing.modelIds,
        priceMinor: listing.priceMinor,
        currency: listing.currency,
      },
      published,
    );
    // The job embeds it if its text changed (the upsert dropped the vector) or it never had one.
    if (published) await this.embeddings.listing(ctx, listingId);
  }
}

/** A paid order counts as a purchase interaction of the buyer (idempotent per order and listing) and drops their cached list. */
@Injectable()
export class RecordPurchasesUseCase {
  constructor(
    @Inject(INTERACTIONS) private readonly interactions: InteractionRepository,
    @Inject(RECOMMENDATION_CACHE) private readonly cache: RecommendationCache,
  ) {}

  async execute(input: { orderId: string; buyerUserId: string; listingIds: string[]; occurredAt: Date }): Promise<void> {
    await this.interactions.record(
      input.buyerUserId,
      [...new Set(input.listingIds)].map((listingId) => ({
        clientEventId: `order:${input.orderId}:${listingId}`.slice(0, 64),
        type: 'purchase' as const,
        listingId,
        occurredAt: input.occurredAt,
        rating: null,
      })),
    );
    await this.cache.invalidate(input.buyerUserId);
  }
}
