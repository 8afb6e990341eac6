import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, type RequestContext } from '../../../../platform/kernel';
import { l2normalize } from '../../domain/recommendations/dense-vectors';
import { listingEmbeddingText, profileEmbeddingText } from '../../domain/recommendations/embedding-text';
import type { RidingProfile } from '../../domain/riding-profile';
import { AI_CONFIG, type AiConfig } from '../ai-config';
import { AiApi } from '../ai.api';
import {
  type IndexedListing,
  LISTING_CATALOG,
  type ListingCatalogRepository,
  RECOMMENDATION_CACHE,
  type RecommendationCache,
  RIDING_PROFILES,
  type RidingProfileRepository,
  VEHICLE_CATALOG,
  type VehicleCatalog,
} from '../ports';

/** Texts per embedding request. */
export const EMBED_BATCH = 32;
/** Rows one sweep embeds at most (listings and profiles each); the next sweep goes on. */
export const SWEEP_MAX_ROWS = 512;

export type EmbedOutcome = 'embedded' | 'skipped' | 'changed';

export interface SweepResult {
  listings: number;
  profiles: number;
  /** Set when the model failed (AI.UNAVAILABLE, AI.BUDGET_EXCEEDED...): the sweep stopped, the next one retries. */
  stoppedBy?: string;
}

/**
 * Embeds listings of the read model and riding profiles with MISTRAL_EMBED_MODEL
 * (one job per published or edited listing and per saved profile, plus a
 * periodic sweep of what is still missing). Vectors are stored normalized and
 * labelled with the configured model name, so a change of model re-embeds
 * everything and vectors of two models are never compared. Without Mistral,
 * nothing happens and recommendations use the local TF-IDF content model.
 */
@Injectable()
export class EmbedContentUseCase {
  private readonly logger = new Logger('AiEmbeddings');

  constructor(
    private readonly ai: AiApi,
    @Inject(AI_CONFIG) private readonly config: AiConfig,
    @Inject(LISTING_CATALOG) private readonly listings: ListingCatalogRepository,
    @Inject(RIDING_PROFILES) private readonly profiles: RidingProfileRepository,
    @Inject(VEHICLE_CATALOG) private readonly vehicles: VehicleCatalog,
    @Inject(RECOMMENDATION_CACHE) private readonly cache: RecommendationCache,
  ) {}

  /** The job of one listing: embeds it if it is published and has no vector of the current model. Model errors propagate (the job is retried). */
  async listing(ctx: RequestContext, listingId: string): Promise<EmbedOutcome> {
    if (!this.ai.isConfigured()) return 'skipped';
    const row = await this.listings.indexed(listingId);
    if (!row || !row.published || row.embeddingModel === this.config.embedModel) return 'skipped';
    return (await this.embedListings(ctx, [row])) > 0 ? 'embedded' : 'changed';
  }

  /** The job of one profile (after onboarding or an edit). */
  async profile(ctx: RequestContext, userId: string): Promise<EmbedOutcome> {
    if (!this.ai.isConfigured()) return 'skipped';
    const rows = await this.profiles.unembedded(this.config.embedModel, 1, userId);
    if (rows.length === 0) return 'skipped';
    return (await this.embedProfiles(ctx, rows)) > 0 ? 'embedded' : 'changed';
  }

  /** The periodic sweep: published listings and profiles still without a vector of the current model, in batches. */
  async sweep(ctx: RequestContext): Promise<SweepResult> {
    const result: SweepResult = { listings: 0, profiles: 0 };
    if (!this.ai.isConfigured()) return result;
    const model = this.config.embedModel;
    try {
      for (let seen = 0; seen < SWEEP_MAX_ROWS;) {
        const rows = await this.listings.unembedded(model, Math.min(EMBED_BATCH, SWEEP_MAX_ROWS - seen));
        if (rows.length === 0) break;
        seen += rows.length;
        result.listings += await this.embedListings(ctx, rows);
      }
      for (let seen = 0; seen < SWEEP_MAX_ROWS;) {
        const rows = await this.profiles.unembedded(model, Math.min(EMBED_BATCH, SWEEP_MAX_ROWS - seen));
        if (rows.length === 0) break;
        seen += rows.length;
        result.profiles += await this.embedProfiles(ctx, rows);
      }
    } catch (error) {
      if (!(error instanceof DomainError) || !error.code.startsWith('AI.')) throw error;
      result.stoppedBy = error.code;
      this.logger.warn({ msg: 'embedding sweep stopped', request_id: ctx.requestId, code: error.code, ...result });
    }
    return result;
  }

  private async embedListings(ctx: RequestContext, rows: IndexedListing[]): Promise<number> {
    const names = await this.vehicles.models(
      ctx,
      rows.flatMap((r) => r.modelIds),
    );
    const texts = rows.map((r) =>
      listingEmbeddingText(
        r,
        r.modelIds.flatMap((id) => {
          const v = names.get(id);
          return v ? [`${v.brand} ${v.name}`] : [];
        }),
      ),
    );
    const vectors = await this.embed(ctx, 'ai.recommendations.embed-listing', texts);
    let stored = 0;
    for (const [i, row] of rows.entries()) {
      if (vectors[i] && (await this.listings.storeEmbedding(row.listingId, row.version, vectors[i], this.config.embedModel))) stored += 1;
    }
    return stored;
  }

  private async embedProfiles(ctx: RequestContext, rows: Array<{ profile: RidingProfile; version: string }>): Promise<number> {
    const names = await this.vehicles.models(
      ctx,
      rows.flatMap((r) => r.profile.vehicleModelIds),
    );
    const texts = rows.map(({ profile }) =>
      profileEmbeddingText(
        profile,
        profile.vehicleModelIds.flatMap((id) => {
          const v = names.get(id);
          return v ? [`${v.brand} ${v.name}`] : [];
        }),
      ),
    );
    const vectors = await this.embed(ctx, 'ai.recommendations.embed-profile', texts);
    let stored = 0;
    for (const [i, { profile, version }] of rows.entries()) {
      if (vectors[i] && (await this.profiles.storeEmbedding(profile.userId, version, vectors[i], this.config.embedModel))) {
        stored += 1;
        // The rider's cached list was made without this vector.
        await this.cache.invalidate(profile.userId);
      }
    }
    return stored;
  }

  /** Normalized vectors in input order; an empty or malformed vector is left undefined (that row waits for the next sweep). */
  private async embed(ctx: RequestContext, purpose: string, texts: string[]): Promise<Array<number[] | undefined>> {
    const { vectors } = await this.ai.embed(ctx, { orgId: null, purpose, texts });
    return texts.map((_, i) => {
      const v = vectors[i];
      if (!v || v.length === 0 || !v.every((x) => Number.isFinite(x))) return undefined;
      return Array.from(l2normalize(v));
    });
  }
}
