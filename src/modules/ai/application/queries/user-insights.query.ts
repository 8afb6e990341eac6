import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, type RequestContext } from '../../../../platform/kernel';
import { computeInsights, type InsightFigures, type InsightRider, offlineSummary } from '../../domain/insights';
import { AiApi } from '../ai.api';
import {
  INTERACTIONS,
  type InteractionRepository,
  LISTING_CATALOG,
  type ListingCatalogRepository,
  RECOMMENDATION_CACHE,
  type RecommendationCache,
  RIDING_PROFILES,
  type RidingProfileRepository,
  VEHICLE_CATALOG,
  type VehicleCatalog,
} from '../ports';
import { requireUser } from '../use-cases/submit-onboarding.use-case';
import { type RidingProfileView, toProfileView } from '../views';

export const INSIGHTS_PROMPT_VERSION = 'user-insights-v1';
const SUMMARY_MAX_LENGTH = 1200;

export interface InsightsSummary {
  text: string;
  source: 'mistral' | 'offline';
  model: string | null;
  cached: boolean;
  generatedAt: string;
  /** Why the model's summary is missing: AI.NOT_CONFIGURED, AI.UNAVAILABLE, ... (null when the model wrote it). */
  fallbackReason: string | null;
}

export interface UserInsights {
  profile: RidingProfileView | null;
  figures: InsightFigures;
  summary: InsightsSummary;
}

const SUMMARY_SCHEMA = {
  name: 'rider_insights',
  schema: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'], additionalProperties: false },
};

const SYSTEM_PROMPT =
  'You write a short, friendly summary (at most 4 sentences, second person) of a motorcycle rider’s profile, activity and tastes ' +
  'on a marketplace of ECU tunes, parts and vehicles. Use only the facts given as JSON; never invent purchases, numbers or vehicles. ' +
  'Answer with JSON {"summary": "..."}.';

/**
 * GET /ai/user-insights: figures computed on every request (a few indexed
 * reads), and a summary. With Mistral configured the model writes it; the
 * text is cached per user (one hour) under a fingerprint of the facts, so any
 * new interaction or profile change makes the next request write a new one.
 * Without Mistral, or when the call fails (timeout, outage, budget), the
 * deterministic offline text is served and the reason is said.
 */
@Injectable()
export class UserInsightsQuery {
  private readonly logger = new Logger('AiUserInsights');

  constructor(
    @Inject(INTERACTIONS) private readonly interactions: InteractionRepository,
    @Inject(LISTING_CATALOG) private readonly listings: ListingCatalogRepository,
    @Inject(RIDING_PROFILES) private readonly profiles: RidingProfileRepository,
    @Inject(VEHICLE_CATALOG) private readonly vehicles: VehicleCatalog,
    @Inject(RECOMMENDATION_CACHE) private readonly cache: RecommendationCache,
    private readonly ai: AiApi,
  ) {}

  async forMe(ctx: RequestContext): Promise<UserInsights> {
    const userId = requireUser(ctx);
    const [signals, profile] = await Promise.all([this.interactions.signals(userId), this.profiles.find(userId)]);
    const [listings, vehicles] = await Promise.all([
      this.listings.byIds([...new Set(signals.map((s) => s.listingId))]),
      profile ? this.vehicles.models(ctx, profile.vehicleModelIds) : Promise.resolve(new Map()),
    ]);
    const figures = computeInsights(signals, new Map(listings.map((l) => [l.listingId, l])));
    const view = profile ? toProfileView(profile, vehicles) : null;
    const rider: InsightRider = { profile, vehicleNames: view ? view.vehicles.map((v) => v.name) : [] };
    const offline = (fallbackReason: string): InsightsSummary => ({
      text: offlineSummary(rider, figures),
      source: 'offline',
      model: null,
      cached: false,
      generatedAt: new Date().toISOString(),
      fallbackReason,
    });
    if (!this.ai.isConfigured()) return { profile: view, figures, summary: offline('AI.NOT_CONFIGURED') };

    const facts = factsFor(rider, figures);
    const key = `insights:${fingerprint(facts, profile?.updatedAt)}`;
    const hit = await this.cache.get<Omit<InsightsSummary, 'cached'>>(userId, key);
    if (hit) return { profile: view, figures, summary: { ...hit, cached: true } };
    try {
      const reply = await this.ai.completeJson(ctx, {
        orgId: null,
        purpose: 'ai.user-insights',
        system: SYSTEM_PROMPT,
        user: JSON.stringify(facts),
        schema: SUMMARY_SCHEMA,
        promptVersion: INSIGHTS_PROMPT_VERSION,
      });
      const text = String((reply.data as { summary: string }).summary)
        .trim()
        .slice(0, SUMMARY_MAX_LENGTH);
      if (!text) return { profile: view, figures, summary: offline('AI.MALFORMED_REPLY') };
      const written = { text, source: 'mistral' as const, model: reply.model, generatedAt: new Date().toISOString(), fallbackReason: null };
      await this.cache.set(userId, key, written);
      return { profile: view, figures, summary: { ...written, cached: false } };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn({ msg: 'insights summary fell back to the offline text', request_id: ctx.requestId, code: error.code });
      return { profile: view, figures, summary: offline(error.code) };
    }
  }
}

/** What the model is told: figures and profile answers, no ids (listings by title). */
function factsFor(rider: InsightRider, figures: InsightFigures): Record<string, unknown> {
  return {
    profile: rider.profile
      ? {
          experience: rider.profile.experience,
          riding_styles: rider.profile.ridingStyles,
          goals: rider.profile.goals,
          risk_appetite: rider.profile.riskAppetite,
          budget: rider.profile.budgetMinor !== null ? { minor_units: rider.profile.budgetMinor, currency: rider.profile.currency } : null,
          vehicles: rider.vehicleNames,
        }
      : null,
    activity: {
      events: figures.events,
      listings: figures.listings,
      by_type: figures.byType,
      purchases: figures.purchases,
      saved: figures.saved,
      average_rating: figures.ratings.average,
      last_activity_at: figures.lastActivityAt?.toISOString() ?? null,
    },
    tastes: { kinds: figures.kinds, keywords: figures.keywords, liked_listings: figures.topListings.map((l) => `${l.title} (${l.kind})`) },
  };
}

function fingerprint(facts: Record<string, unknown>, profileUpdatedAt: Date | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify({ facts, profileUpdatedAt: profileUpdatedAt?.toISOString() ?? null, prompt: INSIGHTS_PROMPT_VERSION }))
    .digest('hex')
    .slice(0, 32);
}
