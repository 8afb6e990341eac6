import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { withTimeout } from '../kernel/with-timeout';
import { closeRedis } from '../infra/close-redis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** A rate-limit check that Redis has not answered within this is let through (fail open). */
export const RATE_LIMIT_COMMAND_TIMEOUT_MS = 100;
const FIRST_CONNECTION_WAIT_MS = 2000;
const RECONNECT_MAX_DELAY_MS = 2000;
const DISCONNECT_TIMEOUT_MS = 200;
/** At most one "failing open" warning per this period, so an outage does not flood the log. */
const WARNING_INTERVAL_MS = 10_000;

/**
 * One fixed window per key, in a hash: hits, when the window ends, when a block
 * ends (milliseconds of the Redis clock, so every API process agrees on time).
 * A hit during a block is not counted; past the limit the key is blocked for
 * blockDuration; once both the window and the block are over it starts afresh.
 * Returns { totalHits, msToWindowEnd, blocked (0/1), msToBlockEnd }.
 */
const HIT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local block = tonumber(ARGV[3])
local w = redis.call('HMGET', KEYS[1], 'hits', 'ends', 'blocked')
local hits = tonumber(w[1])
local ends = tonumber(w[2]) or 0
local blocked = tonumber(w[3]) or 0
if not hits or (ends <= now and blocked <= now) then
  hits = 0
  ends = now + ttl
  blocked = 0
end
if blocked <= now then
  hits = hits + 1
  if hits > limit then blocked = now + block end
end
redis.call('HSET', KEYS[1], 'hits', hits, 'ends', ends, 'blocked', blocked)
redis.call('PEXPIREAT', KEYS[1], math.max(ends, blocked))
local isBlocked = 0
if blocked > now then isBlocked = 1 end
return { hits, ends - now, isBlocked, math.max(0, blocked - now) }`;

interface ScriptedRedis extends Redis {
  throttleHit(key: string, ttl: number, limit: number, blockDuration: number): Promise<[number, number, number, number]>;
}

/**
 * @nestjs/throttler's storage in Redis, so one limit holds across every API
 * process: each hit is one atomic script (no read-modify-write race between
 * processes).
 *
 * Fails open: when Redis is down, slow (over RATE_LIMIT_COMMAND_TIMEOUT_MS) or
 * not configured, the hit is allowed and a warning is logged. A rate limit is a
 * guard against abuse, not a reason to take the API down with Redis; the
 * per-account login throttle (identity, in Postgres) still holds meanwhile.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly prefix: string;
  private redis?: ScriptedRedis;
  private lastWarning = 0;
  private stopWaiting?: () => void;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.prefix = `${config.redis.keyPrefix}:throttle:`;
  }

  async onModuleInit(): Promise<void> {
    // Nest calls the hook once per provider holding this instance: as itself and as the throttler's storage.
    // A second connection would never be closed (it kept Jest from exiting), so connect once.
    if (this.redis) return;
    const url = this.config.redis.url;
    if (!url) {
      this.logger.warn({ msg: 'REDIS_URL is not set: HTTP rate limits are off' });
      return;
    }
    const redis = new Redis(url, {
      connectionName: 'revsync-rate-limit',
      // Fail fast instead of queueing while disconnected: the hit is then allowed.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      commandTimeout: RATE_LIMIT_COMMAND_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 100, RECONNECT_MAX_DELAY_MS),
      disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    }) as ScriptedRedis;
    redis.defineCommand('throttleHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    redis.on('error', (error: Error) => this.warn(error));
    this.redis = redis;
    const ready = new Promise<void>((resolve) => {
      redis.once('ready', () => resolve());
      this.stopWaiting = resolve;
    });
    await withTimeout(ready, FIRST_CONNECTION_WAIT_MS, 'rate-limit connection').catch(() =>
      this.logger.warn({ msg: 'rate-limit store not connected yet: requests are not limited until it is' }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopWaiting?.();
    const redis = this.redis;
    this.redis = undefined;
    if (!redis) return;
    await closeRedis(redis);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const redis = this.redis;
    if (!redis) return allowed(ttl);
    try {
      const [totalHits, toWindowEnd, blocked, toBlockEnd] = await redis.throttleHit(`${this.prefix}${throttlerName}:${key}`, ttl, limit, blockDuration || ttl);
      const isBlocked = blocked === 1;
      return {
        totalHits,
        timeToExpire: Math.max(0, Math.ceil(toWindowEnd / 1000)),
        isBlocked,
        timeToBlockExpire: isBlocked ? Math.max(1, Math.ceil(toBlockEnd / 1000)) : 0,
      };
    } catch (error) {
      this.warn(error as Error);
      return allowed(ttl);
    }
  }

  private warn(error: Error): void {
    const now = Date.now();
    if (now - this.lastWarning < WARNING_INTERVAL_MS) return;
    this.lastWarning = now;
    this.logger.warn({ msg: 'rate-limit store unavailable: requests are let through (fail open)', error: error.message });
  }
}

function allowed(ttl: number): ThrottlerStorageRecord {
  return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
}
