import { Injectable } from '@nestjs/common';
import { CacheStore } from '../../../../platform/cache/cache.store';
import type { RecommendationCache } from '../../application/ports';

/** Recommendations are kept one hour (seed 000), then recomputed. */
export const RECOMMENDATION_TTL_SECONDS = 3600;

/**
 * One cache namespace per user in the platform's CacheStore, so dropping a
 * user's entries (they saved or bought something, edited their profile) is one
 * INCR and touches nobody else's.
 */
@Injectable()
export class RedisRecommendationCache implements RecommendationCache {
  constructor(private readonly store: CacheStore) {}

  get<T>(userId: string, key: string): Promise<T | undefined> {
    return this.store.getJson<T>(namespace(userId), key);
  }

  set(userId: string, key: string, value: unknown): Promise<void> {
    return this.store.setJson(namespace(userId), key, value, RECOMMENDATION_TTL_SECONDS);
  }

  invalidate(userId: string): Promise<void> {
    return this.store.invalidate(namespace(userId));
  }
}

function namespace(userId: string): string {
  return `r${userId.replace(/-/g, '').toLowerCase()}`;
}
