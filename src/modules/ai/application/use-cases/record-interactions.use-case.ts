import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { AiErrors } from '../../domain/ai-errors';
import { type InteractionEvent, partitionByAge } from '../../domain/interaction';
import { AI_CONFIG, type AiConfig } from '../ai-config';
import { INTERACTIONS, type InteractionRepository, RATE_LIMITER, type RateLimiter, RECOMMENDATION_CACHE, type RecommendationCache } from '../ports';
import { requireUser } from './submit-onboarding.use-case';

const MINUTE_MS = 60_000;

export interface RecordedInteractions {
  received: number;
  stored: number;
  duplicates: number;
  /** Older than the raw retention or from the future: ignored. */
  rejected: number;
}

/**
 * A batch of the caller's interactions. One INSERT for the batch; duplicates
 * (same client event id) are ignored. A save, unsave or purchase changes what
 * to recommend, so the caller's cached recommendations are dropped.
 */
@Injectable()
export class RecordInteractionsUseCase {
  constructor(
    @Inject(INTERACTIONS) private readonly interactions: InteractionRepository,
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(RECOMMENDATION_CACHE) private readonly cache: RecommendationCache,
    @Inject(AI_CONFIG) private readonly config: AiConfig,
  ) {}

  async execute(ctx: RequestContext, events: InteractionEvent[]): Promise<RecordedInteractions> {
    const userId = requireUser(ctx);
    const { allowed, retryAfterMs } = await this.limiter.hit(`ai:interactions:${userId}`, this.config.interactions.batchesPerMinute, MINUTE_MS);
    if (!allowed) throw AiErrors.rateLimited(Math.max(1, Math.ceil(retryAfterMs / 1000)));
    const unique = [...new Map(events.map((event) => [event.clientEventId, event])).values()];
    const { fresh, stale } = partitionByAge(unique, new Date(), this.config.interactions.rawRetentionDays);
    const stored = fresh.length > 0 ? await this.interactions.record(userId, fresh) : 0;
    if (fresh.some((event) => event.type === 'save' || event.type === 'unsave' || event.type === 'purchase')) await this.cache.invalidate(userId);
    return { received: events.length, stored, duplicates: fresh.length - stored + (events.length - unique.length), rejected: stale.length };
  }
}
