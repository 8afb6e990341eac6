import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG } from '../../../../platform/config/config.module';
import type { AppConfig } from '../../../../platform/config/config.schema';
import type { RateLimiter } from '../../application/ports';
import { closeRedis } from '../../../../platform/infra/close-redis';

const COMMAND_TIMEOUT_MS = 200;

/**
 * Fixed windows counted in Redis, shared by every API process. When Redis does
 * not answer, the hit is allowed: a rate limit must not take the feature down.
 */
@Injectable()
export class RedisRateLimiter implements RateLimiter, OnApplicationShutdown {
  private readonly logger = new Logger('AiRateLimiter');
  private readonly redis: Redis | null;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = `${config.redis.keyPrefix}:ratelimit:`;
    this.redis = config.redis.url
      ? new Redis(config.redis.url, { maxRetriesPerRequest: 1, commandTimeout: COMMAND_TIMEOUT_MS, lazyConnect: true, connectionName: 'ai-rate-limiter' })
      : null;
    this.redis?.on('error', (error: Error) => this.logger.warn({ msg: 'rate limiter redis error', error: error.message }));
  }

  async hit(key: string, limit: number, windowMs: number): Promise<{ allowed: boolean; retryAfterMs: number }> {
    if (!this.redis) return { allowed: true, retryAfterMs: 0 };
    const windowKey = `${this.prefix}${key}:${Math.floor(Date.now() / windowMs)}`;
    try {
      const results = await this.redis.multi().incr(windowKey).pexpire(windowKey, windowMs).exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      return { allowed: count <= limit, retryAfterMs: windowMs - (Date.now() % windowMs) };
    } catch (error) {
      this.logger.warn({ msg: 'rate limiter unavailable, allowing', error: (error as Error).message });
      return { allowed: true, retryAfterMs: 0 };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}
