import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { Counter } from 'prom-client';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { withTimeout } from '../kernel/with-timeout';
import { metricsRegistry } from '../observability/metrics';
import { assertNamespace, entryKey, namespaceBase, versionKey } from './cache-keys';
import { closeRedis } from '../infra/close-redis';

/** A cache command that has not answered within this counts as a miss: the caller reads the database instead. */
export const CACHE_COMMAND_TIMEOUT_MS = 150;
/** Start-up waits this long for the connection; after that the cache switches on whenever Redis is ready. */
/** How long a finished load is still shared with callers that missed while it ran. */
const SHARED_LOAD_GRACE_MS = 1000;
const FIRST_CONNECTION_WAIT_MS = 2000;
/** How often an invalidation that could not reach Redis is retried. */
const INVALIDATION_RETRY_MS = 1000;
const RECONNECT_MAX_DELAY_MS = 2000;
const DISCONNECT_TIMEOUT_MS = 200;

/**
 * Reads a namespace's version and the entry under it in one round trip. A
 * missing version (first use, or the counter was evicted) starts from the
 * server clock in microseconds, so it is always above any version whose entries
 * may still be around.
 */
const READ_SCRIPT = `
local version = redis.call('GET', KEYS[1])
if not version then
  local now = redis.call('TIME')
  version = now[1] .. string.format('%06d', tonumber(now[2]))
  redis.call('SET', KEYS[1], version)
end
return { version, redis.call('GET', ARGV[1] .. version .. ':' .. ARGV[2]) }`;

const INVALIDATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  local now = redis.call('TIME')
  redis.call('SET', KEYS[1], now[1] .. string.format('%06d', tonumber(now[2])))
end
return redis.call('INCR', KEYS[1])`;

interface ScriptedRedis extends Redis {
  cacheRead(versionKey: string, base: string, key: string): Promise<[string, string | null]>;
  cacheInvalidate(versionKey: string): Promise<number>;
}

export type CacheOutcome = 'hit' | 'miss' | 'error' | 'bypass';

const cacheLookups = new Counter({
  name: 'cache_lookups_total',
  help: 'Shared cache lookups by namespace and outcome (bypass: Redis unavailable or an invalidation is pending)',
  labelNames: ['namespace', 'outcome'] as const,
  registers: [metricsRegistry],
});

/**
 * The platform's shared cache: JSON or string values in Redis, grouped in
 * namespaces that are invalidated as a whole (see cache-keys.ts).
 *
 * It never makes a request fail: when Redis is down, slow or not configured,
 * lookups fall through to the loader (the database) and writes are skipped.
 * An invalidation that cannot reach Redis is retried until it does, and until
 * then this process bypasses the namespace so it never serves what it changed.
 * Other processes read Redis themselves: while it is down they read the
 * database, and once it is back the retried invalidation reaches them too.
 */
@Injectable()
export class CacheStore implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Cache');
  private readonly keyPrefix: string;
  private redis?: ScriptedRedis;
  private degraded = false;
  private readonly pending = new Set<string>();
  private retryTimer?: NodeJS.Timeout;
  private stopWaiting?: () => void;
  /** Concurrent misses of one entry share one load (per process). */
  private readonly loading = new Map<string, Promise<string>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.keyPrefix = config.redis.keyPrefix;
  }

  async onModuleInit(): Promise<void> {
    const url = this.config.redis.url;
    if (!url) {
      this.logger.warn({ msg: 'REDIS_URL is not set: the shared cache is off and every read goes to the database' });
      return;
    }
    const redis = new Redis(url, {
      connectionName: 'revsync-cache',
      // Fail fast instead of queueing while disconnected: the caller then reads the database.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      commandTimeout: CACHE_COMMAND_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 100, RECONNECT_MAX_DELAY_MS),
      // ioredis keeps a timer this long after disconnect() even when the socket is already gone.
      disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    }) as ScriptedRedis;
    redis.defineCommand('cacheRead', { numberOfKeys: 1, lua: READ_SCRIPT });
    redis.defineCommand('cacheInvalidate', { numberOfKeys: 1, lua: INVALIDATE_SCRIPT });
    redis.on('error', (error: Error) => this.noteFailure(error));
    redis.on('ready', () => {
      if (this.degraded) this.recovered();
      void this.retryPending();
    });
    this.redis = redis;
    const ready = new Promise<void>((resolve) => {
      redis.once('ready', () => resolve());
      this.stopWaiting = resolve;
    });
    await withTimeout(ready, FIRST_CONNECTION_WAIT_MS, 'cache connection').catch(() =>
      this.logger.warn({ msg: 'cache not connected yet: reads go to the database until it is' }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopWaiting?.();
    clearInterval(this.retryTimer);
    const redis = this.redis;
    this.redis = undefined;
    if (!redis) return;
    await closeRedis(redis);
  }

  /** The value cached under `key`, or the result of `load` (then cached for `ttlSeconds`). */
  async rememberString(namespace: string, key: string, ttlSeconds: number, load: () => Promise<string>): Promise<string> {
    assertNamespace(namespace);
    const redis = this.redis;
    if (!redis || this.pending.has(namespace)) {
      cacheLookups.inc({ namespace, outcome: 'bypass' });
      return load();
    }
    let version: string;
    try {
      const [current, cached] = await redis.cacheRead(versionKey(this.keyPrefix, namespace), namespaceBase(this.keyPrefix, namespace), key);
      if (this.degraded) this.recovered();
      if (cached !== null) {
        cacheLookups.inc({ namespace, outcome: 'hit' });
        return cached;
      }
      version = current;
    } catch (error) {
      this.noteFailure(error as Error);
      cacheLookups.inc({ namespace, outcome: 'error' });
      return load();
    }
    cacheLookups.inc({ namespace, outcome: 'miss' });
    // Stored under the version read *before* loading: if a write invalidates the
    // namespace meanwhile, this possibly stale value lands where nobody reads any more.
    const fullKey = entryKey(this.keyPrefix, namespace, version, key);
    const inFlight = this.loading.get(fullKey);
    if (inFlight) return inFlight;
    const loaded = load().then(async (value) => {
      await redis.set(fullKey, value, 'PX', ttlSeconds * 1000).catch((error: Error) => this.noteFailure(error));
      return value;
    });
    this.loading.set(fullKey, loaded);
    // A caller whose Redis read missed just before the value was stored still finds the
    // load here for a moment, instead of loading again. The key is versioned, so an
    // invalidation never serves this value to a later reader.
    const forget = () => {
      if (this.loading.get(fullKey) === loaded) this.loading.delete(fullKey);
    };
    loaded.then(() => setTimeout(forget, SHARED_LOAD_GRACE_MS).unref(), forget);
    return loaded;
  }

  async rememberJson<T>(namespace: string, key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
    return JSON.parse(await this.rememberString(namespace, key, ttlSeconds, async () => JSON.stringify(await load()))) as T;
  }

  /** The cached value, or undefined when absent or when Redis cannot answer. */
  async getJson<T>(namespace: string, key: string): Promise<T | undefined> {
    assertNamespace(namespace);
    if (!this.redis || this.pending.has(namespace)) return undefined;
    try {
      const [, cached] = await this.redis.cacheRead(versionKey(this.keyPrefix, namespace), namespaceBase(this.keyPrefix, namespace), key);
      return cached === null ? undefined : (JSON.parse(cached) as T);
    } catch (error) {
      this.noteFailure(error as Error);
      return undefined;
    }
  }

  /**
   * Stores `value` under the namespace's current version. Prefer rememberJson:
   * a value computed before a concurrent invalidation and stored after it
   * would be served until its TTL, which rememberJson rules out.
   */
  async setJson(namespace: string, key: string, value: unknown, ttlSeconds: number): Promise<void> {
    assertNamespace(namespace);
    if (!this.redis || this.pending.has(namespace)) return;
    try {
      const [version] = await this.redis.cacheRead(versionKey(this.keyPrefix, namespace), namespaceBase(this.keyPrefix, namespace), key);
      await this.redis.set(entryKey(this.keyPrefix, namespace, version, key), JSON.stringify(value), 'PX', ttlSeconds * 1000);
    } catch (error) {
      this.noteFailure(error as Error);
    }
  }

  /**
   * Makes every entry of the namespace unreachable, for every process at once.
   * Call it after the change is committed. Never throws: on failure the
   * invalidation is retried until Redis answers.
   */
  async invalidate(namespace: string): Promise<void> {
    assertNamespace(namespace);
    if (!this.redis) return;
    try {
      await this.redis.cacheInvalidate(versionKey(this.keyPrefix, namespace));
    } catch (error) {
      this.logger.error({ msg: 'cache invalidation failed: retrying, and bypassing the namespace here meanwhile', namespace, error: (error as Error).message });
      this.pending.add(namespace);
      this.retryTimer ??= setInterval(() => void this.retryPending(), INVALIDATION_RETRY_MS);
      this.retryTimer.unref();
    }
  }

  private async retryPending(): Promise<void> {
    for (const namespace of [...this.pending]) {
      try {
        await this.redis?.cacheInvalidate(versionKey(this.keyPrefix, namespace));
        this.pending.delete(namespace);
        this.logger.log({ msg: 'pending cache invalidation applied', namespace });
      } catch {
        return;
      }
    }
    if (this.pending.size === 0 && this.retryTimer) {
      clearInterval(this.retryTimer);
      this.retryTimer = undefined;
    }
  }

  private recovered(): void {
    this.degraded = false;
    this.logger.log({ msg: 'cache available again' });
  }

  /** Logs the first failure of a streak only: a down Redis would otherwise log on every request. */
  private noteFailure(error: Error): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn({ msg: 'cache unavailable: reading the database until it is back', error: error.message });
  }
}
