import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG } from '../../../../platform/config/config.module';
import type { AppConfig } from '../../../../platform/config/config.schema';
import type { RateLimiter, TypingStore } from '../../application/ports';
import { closeRedis } from '../../../../platform/infra/close-redis';

const COMMAND_TIMEOUT_MS = 500;

const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if n > tonumber(ARGV[2]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
  return ttl
end
return 0`;

type ScriptedRedis = Redis & { messagingHit(key: string, windowMs: number, limit: number): Promise<number> };

/**
 * Messaging's Redis: fixed-window send and typing limits, and typing indicators (one sorted set per
 * conversation, scored by expiry, so stale entries vanish without a sweeper). When Redis fails, limits let the
 * request through (the database still holds) and typing is simply not shown.
 */
@Injectable()
export class MessagingRedis implements RateLimiter, TypingStore, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('MessagingRedis');
  private redis?: ScriptedRedis;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.prefix = `${config.redis.keyPrefix}:messaging`;
  }

  onModuleInit(): void {
    if (!this.config.redis.url) {
      this.logger.warn({ msg: 'REDIS_URL is not set: messaging rate limits and typing indicators are off' });
      return;
    }
    const redis = new Redis(this.config.redis.url, {
      connectionName: 'messaging',
      maxRetriesPerRequest: 1,
      commandTimeout: COMMAND_TIMEOUT_MS,
    }) as ScriptedRedis;
    redis.defineCommand('messagingHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    redis.on('error', (error: Error) => this.logger.warn({ msg: 'messaging redis error', error: error.message }));
    this.redis = redis;
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }

  async hit(key: string, limit: number, windowMs: number): Promise<number> {
    if (!this.redis) return 0;
    try {
      const waitMs = Number(await this.redis.messagingHit(`${this.prefix}:rate:${key}`, windowMs, limit));
      return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
    } catch (error) {
      this.logger.warn({ msg: 'rate limit check failed: letting the request through', error: (error as Error).message });
      return 0;
    }
  }

  async start(conversationId: string, userId: string, expiresAt: number): Promise<void> {
    if (!this.redis) return;
    const key = this.typingKey(conversationId);
    await this.redis
      .multi()
      .zadd(key, expiresAt, userId)
      .pexpireat(key, expiresAt)
      .exec()
      .catch((error: Error) => this.logger.warn({ msg: 'typing not recorded', error: error.message }));
  }

  async stop(conversationId: string, userId: string): Promise<void> {
    await this.redis?.zrem(this.typingKey(conversationId), userId).catch(() => undefined);
  }

  async list(conversationId: string, now: number): Promise<Array<{ userId: string; expiresAt: number }>> {
    if (!this.redis) return [];
    try {
      const flat = await this.redis.zrangebyscore(this.typingKey(conversationId), now + 1, '+inf', 'WITHSCORES');
      const entries: Array<{ userId: string; expiresAt: number }> = [];
      for (let i = 0; i < flat.length; i += 2) entries.push({ userId: flat[i], expiresAt: Number(flat[i + 1]) });
      return entries;
    } catch {
      return [];
    }
  }

  private typingKey(conversationId: string): string {
    return `${this.prefix}:typing:${conversationId}`;
  }
}
