import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG } from '../../../../platform/config/config.module';
import type { AppConfig } from '../../../../platform/config/config.schema';
import { withTimeout } from '../../../../platform/kernel';
import { sessionRevocationChannel } from '../../application/session-revocations';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork, SessionGate } from '../../application/ports';
import { IDENTITY_CONFIG, IdentityConfig } from '../identity-config';
import { closeRedis } from '../../../../platform/infra/close-redis';

interface Entry {
  active: boolean;
  userId: string | undefined;
  expiresAt: number;
}

const PUBLISH_TIMEOUT_MS = 1000;
/** Start-up waits this long for the first subscription; after that the cache switches on whenever it is confirmed. */
const FIRST_SUBSCRIPTION_WAIT_MS = 2000;
/** A revoked session never comes back, so a negative answer may be kept longer than a positive one. */
const NEGATIVE_TTL_FACTOR = 6;

/**
 * Answers "is this session still active?" for every authenticated request.
 *
 * The answer comes from a primary-key lookup on `sessions`, remembered per
 * process for a few seconds. Revoking a session (logout, password change,
 * reset, disable…) evicts it here and publishes its id on a Redis channel
 * every API process subscribes to, so the other processes evict it too and
 * the next request with its access token is refused.
 *
 * Safety rules: the cache is only used while the subscription is confirmed
 * (on any disconnect it is flushed and bypassed until re-subscribed, since
 * messages may have been missed), and a lookup that raced an invalidation is
 * not cached (generation counter). With IDENTITY_SESSION_CACHE_TTL_MS=0 every
 * request reads the database.
 */
@Injectable()
export class CachedSessionGate implements SessionGate, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SessionGate');
  private readonly cache = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly channel: string;
  private generation = 0;
  private subscribed = false;
  private subscriber?: Redis;
  private publisher?: Redis;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(IDENTITY_CONFIG) identity: IdentityConfig,
  ) {
    this.ttlMs = identity.sessionCacheTtlMs;
    this.maxEntries = identity.sessionCacheMaxEntries;
    this.channel = sessionRevocationChannel(config.redis.keyPrefix);
  }

  private get enabled(): boolean {
    return this.ttlMs > 0 && Boolean(this.config.redis.url);
  }

  async onModuleInit(): Promise<void> {
    if (!this.enabled) return;
    const url = this.config.redis.url as string;
    this.publisher = new Redis(url, { maxRetriesPerRequest: 2, connectionName: 'identity-session-publisher' });
    this.publisher.on('error', (error: Error) => this.logger.warn({ msg: 'session publisher error', error: error.message }));
    const subscriber = new Redis(url, { maxRetriesPerRequest: null, connectionName: 'identity-session-subscriber' });
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.onMessage(message);
    });
    let firstSubscription: () => void = () => undefined;
    const subscribedOnce = new Promise<void>((resolve) => (firstSubscription = resolve));
    subscriber.on('ready', () => {
      subscriber
        .subscribe(this.channel)
        .then(() => {
          this.flush();
          this.subscribed = true;
          firstSubscription();
        })
        .catch((error: Error) => this.logger.warn({ msg: 'session channel subscribe failed', error: error.message }));
    });
    for (const event of ['close', 'end', 'reconnecting', 'error']) {
      subscriber.on(event, (error?: Error) => {
        if (this.subscribed) this.logger.warn({ msg: 'session channel lost: checking the database on every request', event, error: error?.message });
        this.subscribed = false;
        this.flush();
      });
    }
    await withTimeout(subscribedOnce, FIRST_SUBSCRIPTION_WAIT_MS, 'session channel subscription').catch(() =>
      this.logger.warn({ msg: 'session channel not subscribed yet: checking the database on every request until it is' }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscribed = false;
    await Promise.all([closeRedis(this.subscriber), closeRedis(this.publisher)]);
  }

  isActive(sessionId: string, userId: string): Promise<boolean> {
    if (this.subscribed) {
      const hit = this.cache.get(sessionId);
      if (hit && hit.expiresAt > Date.now()) {
        // Let the event loop read any revocation already waiting on the subscriber socket before trusting the entry.
        // (One promise, settled from the setImmediate callback: this runs on every authenticated request.)
        return new Promise<boolean>((resolve, reject) =>
          setImmediate(() => {
            if (this.cache.get(sessionId) === hit) resolve(hit.active && hit.userId === userId);
            else this.lookUp(sessionId, userId).then(resolve, reject);
          }),
        );
      }
    }
    return this.lookUp(sessionId, userId);
  }

  /** Reads the session's status and remembers the answer unless an invalidation raced the read. */
  private async lookUp(sessionId: string, userId: string): Promise<boolean> {
    const now = Date.now();
    const generation = this.generation;
    const status = await this.uow.repos.sessions.status(sessionId);
    const active = Boolean(status && !status.revoked && status.absoluteExpiresAt.getTime() > now && status.userId === userId);
    if (this.subscribed && generation === this.generation) {
      const ttl = active ? this.ttlMs : this.ttlMs * NEGATIVE_TTL_FACTOR;
      const expiresAt = active && status ? Math.min(now + ttl, status.absoluteExpiresAt.getTime()) : now + ttl;
      this.remember(sessionId, { active, userId: status?.userId, expiresAt });
    }
    return active;
  }

  async revoked(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0 || !this.enabled) return;
    this.evict(sessionIds);
    try {
      await withTimeout(this.publisher!.publish(this.channel, JSON.stringify({ ids: sessionIds })), PUBLISH_TIMEOUT_MS, 'redis publish');
    } catch (error) {
      // The revocation is committed; other processes will see it once their cache entry expires (at most the TTL).
      this.logger.error({ msg: 'could not broadcast session revocation', sessions: sessionIds.length, error: (error as Error).message });
    }
  }

  private onMessage(message: string): void {
    try {
      const ids = (JSON.parse(message) as { ids?: unknown }).ids;
      if (Array.isArray(ids)) this.evict(ids.filter((id): id is string => typeof id === 'string'));
    } catch {
      this.flush();
    }
  }

  private evict(ids: string[]): void {
    this.generation += 1;
    for (const id of ids) this.cache.delete(id);
  }

  private flush(): void {
    this.generation += 1;
    this.cache.clear();
  }

  private remember(sessionId: string, entry: Entry): void {
    this.cache.delete(sessionId);
    this.cache.set(sessionId, entry);
    if (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}
