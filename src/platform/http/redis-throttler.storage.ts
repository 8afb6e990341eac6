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
/** A process takes at most this share of a limit from Redis at once (a lease), and at most MAX_LEASE hits. */
const LEASE_SHARE = 50;
const MAX_LEASE = 100;
/** Leases kept per process; past this the oldest is dropped (its unused hits are simply not used). */
const MAX_LEASED_KEYS = 10_000;

/**
 * One fixed window per key, in a hash: hits, when the window ends, when a block
 * ends (milliseconds of the Redis clock, so every API process agrees on time).
 * A caller asks for up to ARGV[4] hits at once (a lease; 1 for a single hit):
 * it is granted what is left of the limit, at most that many, and they are
 * counted at once. With nothing left, the request is one hit past the limit and
 * the key is blocked for blockDuration. A hit during a block is not counted;
 * once both the window and the block are over it starts afresh.
 * Returns { totalHits, msToWindowEnd, blocked (0/1), msToBlockEnd, granted }.
 */
const HIT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local block = tonumber(ARGV[3])
local want = tonumber(ARGV[4])
local w = redis.call('HMGET', KEYS[1], 'hits', 'ends', 'blocked')
local hits = tonumber(w[1])
local ends = tonumber(w[2]) or 0
local blocked = tonumber(w[3]) or 0
if not hits or (ends <= now and blocked <= now) then
  hits = 0
  ends = now + ttl
  blocked = 0
end
local granted = 0
if blocked <= now then
  local room = limit - hits
  if room >= 1 then
    granted = math.min(want, room)
    hits = hits + granted
  else
    hits = hits + 1
    blocked = now + block
  end
end
redis.call('HSET', KEYS[1], 'hits', hits, 'ends', ends, 'blocked', blocked)
redis.call('PEXPIREAT', KEYS[1], math.max(ends, blocked))
local isBlocked = 0
if blocked > now then isBlocked = 1 end
return { hits, ends - now, isBlocked, math.max(0, blocked - now), granted }`;

/** Hits a process took from Redis for one key and hands out locally: next to last (its totalHits), until the window ends. */
interface Lease {
  next: number;
  last: number;
  windowEndsAt: number;
  blockedUntil: number;
}

interface ScriptedRedis extends Redis {
  throttleHit(key: string, ttl: number, limit: number, blockDuration: number, want: number): Promise<[number, number, number, number, number]>;
}

/**
 * @nestjs/throttler's storage in Redis, so one limit holds across every API
 * process: each count is one atomic script (no read-modify-write race between
 * processes).
 *
 * A limit of LEASE_SHARE hits or more is not counted one request at a time: a
 * process takes a lease of up to limit / LEASE_SHARE hits (at most MAX_LEASE)
 * in one script call and counts requests against it in memory, and a block is
 * remembered until it ends. The limit still holds across processes, since
 * leased hits are counted in Redis when taken; a process may hold back at most
 * 1/LEASE_SHARE of a limit unused, so a client may be limited that much early,
 * never late. Smaller limits (the auth profile) count every hit in Redis.
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
  private readonly leases = new Map<string, Lease>();
  private readonly renewals = new Map<string, Promise<ThrottlerStorageRecord>>();

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
    const redisKey = `${this.prefix}${throttlerName}:${key}`;
    const leaseSize = Math.min(MAX_LEASE, Math.floor(limit / LEASE_SHARE));
    if (leaseSize <= 1) return this.count(redis, redisKey, ttl, limit, blockDuration, 1);
    for (;;) {
      const fromLease = this.fromLease(redisKey);
      if (fromLease) return fromLease;
      // Requests that find the lease spent wait for one renewal, then take from it.
      const renewal = this.renewals.get(redisKey);
      if (renewal) {
        await renewal;
        continue;
      }
      const renewing = this.count(redis, redisKey, ttl, limit, blockDuration, leaseSize);
      this.renewals.set(redisKey, renewing);
      try {
        return await renewing;
      } finally {
        this.renewals.delete(redisKey);
      }
    }
  }

  /** The next hit of this process's lease, or a block it knows of; undefined when a new lease is needed. */
  private fromLease(redisKey: string): ThrottlerStorageRecord | undefined {
    const lease = this.leases.get(redisKey);
    if (!lease) return undefined;
    const now = Date.now();
    if (lease.blockedUntil > now) {
      return {
        totalHits: lease.last,
        timeToExpire: secondsUntil(lease.windowEndsAt, now),
        isBlocked: true,
        timeToBlockExpire: Math.max(1, secondsUntil(lease.blockedUntil, now)),
      };
    }
    if (lease.windowEndsAt <= now || lease.next > lease.last) return undefined;
    const totalHits = lease.next;
    lease.next += 1;
    return { totalHits, timeToExpire: secondsUntil(lease.windowEndsAt, now), isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Counts `want` hits in Redis (a lease when more than one): the first is this request's, the rest are kept. */
  private async count(
    redis: ScriptedRedis,
    redisKey: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    want: number,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const [totalHits, toWindowEnd, blocked, toBlockEnd, granted] = await redis.throttleHit(redisKey, ttl, limit, blockDuration || ttl, want);
      const isBlocked = blocked === 1;
      const firstHit = granted > 0 ? totalHits - granted + 1 : totalHits;
      if (want > 1)
        this.keepLease(redisKey, {
          next: firstHit + 1,
          last: granted > 0 ? totalHits : firstHit,
          windowEndsAt: Date.now() + toWindowEnd,
          blockedUntil: isBlocked ? Date.now() + toBlockEnd : 0,
        });
      return {
        totalHits: firstHit,
        timeToExpire: Math.max(0, Math.ceil(toWindowEnd / 1000)),
        isBlocked,
        timeToBlockExpire: isBlocked ? Math.max(1, Math.ceil(toBlockEnd / 1000)) : 0,
      };
    } catch (error) {
      this.warn(error as Error);
      return allowed(ttl);
    }
  }

  private keepLease(redisKey: string, lease: Lease): void {
    this.leases.delete(redisKey);
    if (this.leases.size >= MAX_LEASED_KEYS) this.leases.delete(this.leases.keys().next().value as string);
    this.leases.set(redisKey, lease);
  }

  private warn(error: Error): void {
    const now = Date.now();
    if (now - this.lastWarning < WARNING_INTERVAL_MS) return;
    this.lastWarning = now;
    this.logger.warn({ msg: 'rate-limit store unavailable: requests are let through (fail open)', error: error.message });
  }
}

function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

function allowed(ttl: number): ThrottlerStorageRecord {
  return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
}
