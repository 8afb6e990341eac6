import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG } from '../../../../platform/config/config.module';
import type { AppConfig } from '../../../../platform/config/config.schema';
import type { SendRateLimiter } from '../../application/ports';
import { closeRedis } from '../../../../platform/infra/close-redis';

const COMMAND_TIMEOUT_MS = 200;
const WARNING_INTERVAL_MS = 10_000;

/**
 * One window per key, starting at its first hit: INCR, the expiry set on the
 * first hit, and the time left, in one atomic script (no race between API
 * processes). Returns { hits, ms left in the window }.
 */
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { hits, ttl }`;

interface ScriptedRedis extends Redis {
  sendHit(key: string, windowMs: number): Promise<[number, number]>;
}

/**
 * The commerce context's limiter of e-mails (invoice sends), in Redis like the
 * platform's HTTP rate limits, so the limit holds across every API process.
 * Fails open, like the platform's: when Redis is down or slow the send is let
 * through and a warning logged (the mail outbox still delivers each once).
 */
@Injectable()
export class RedisSendRateLimiter implements SendRateLimiter, OnApplicationShutdown {
  private readonly logger = new Logger('CommerceSendRateLimiter');
  private readonly redis: ScriptedRedis | null;
  private readonly prefix: string;
  private lastWarning = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = `${config.redis.keyPrefix}:commerce:send-limit:`;
    this.redis = config.redis.url
      ? (new Redis(config.redis.url, {
          maxRetriesPerRequest: 1,
          commandTimeout: COMMAND_TIMEOUT_MS,
          lazyConnect: true,
          connectionName: 'commerce-send-rate-limiter',
        }) as ScriptedRedis)
      : null;
    this.redis?.defineCommand('sendHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.redis?.on('error', (error: Error) => this.warn(error));
  }

  async hit(key: string, limit: number, windowMs: number): Promise<{ allowed: boolean; retryAfterMs: number }> {
    if (!this.redis) return { allowed: true, retryAfterMs: 0 };
    try {
      const [hits, ttl] = await this.redis.sendHit(`${this.prefix}${key}`, windowMs);
      return { allowed: hits <= limit, retryAfterMs: Math.max(0, Number(ttl)) };
    } catch (error) {
      this.warn(error as Error);
      return { allowed: true, retryAfterMs: 0 };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }

  private warn(error: Error): void {
    const now = Date.now();
    if (now - this.lastWarning < WARNING_INTERVAL_MS) return;
    this.lastWarning = now;
    this.logger.warn({ msg: 'send rate limiter unavailable: sends are let through (fail open)', error: error.message });
  }
}
