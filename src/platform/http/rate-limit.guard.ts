import { CanActivate, ExecutionContext, Injectable, OnModuleInit } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  DEFAULT_IPV6_SUBNET_PREFIX,
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  normalizeIp,
  ThrottlerException,
  ThrottlerGenerateKeyFunction,
  ThrottlerGuard,
  ThrottlerModuleOptions,
  ThrottlerOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FixedWindowThrottlerStorage } from './fixed-window.storage';

/** What one throttler does on one route, worked out on the route's first request. */
interface Step {
  name: string;
  suffix: string;
  limit: number;
  ttl: number;
  blockDuration: number;
  skipIf?: (context: ExecutionContext) => boolean;
  generateKey: ThrottlerGenerateKeyFunction;
}

// Route-level settings of @Throttle/@SkipThrottle and friends (the library's metadata keys).
const ROUTE_OVERRIDES = ['THROTTLER:LIMIT', 'THROTTLER:TTL', 'THROTTLER:BLOCK_DURATION', 'THROTTLER:TRACKER', 'THROTTLER:KEY_GENERATOR'];
const SKIP = 'THROTTLER:SKIP';
const DYNAMIC = null;

/**
 * @nestjs/throttler's rules and options, without its per-request overhead.
 *
 * The library's guard re-reads about ten pieces of route metadata and awaits a
 * dozen promises on every request; on a private read that was ~20 µs of a
 * ~280 µs budget. This guard works each route's throttlers out once, then per
 * request does the same counting synchronously: tracker (the client IP, IPv6
 * grouped by subnet as the library does), key, storage hit, X-RateLimit-*
 * headers, and on a block Retry-After plus the library's ThrottlerException.
 *
 * Anything it cannot settle ahead of time (a limit or ttl given as a function,
 * a route with @Throttle overrides, custom trackers, ignored user agents, a
 * storage other than FixedWindowThrottlerStorage) goes to the library's own
 * ThrottlerGuard, so every documented option still works.
 */
@Injectable()
export class RateLimitGuard implements CanActivate, OnModuleInit {
  private readonly library: ThrottlerGuard;
  private readonly plans = new WeakMap<object, Map<object, Step[] | typeof DYNAMIC>>();
  private throttlers: ThrottlerOptions[] = [];
  private staticOptions = false;
  private ipv6SubnetPrefix = DEFAULT_IPV6_SUBNET_PREFIX;

  constructor(
    @InjectThrottlerOptions() private readonly options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly reflector: Reflector,
  ) {
    this.library = new ThrottlerGuard(options, storage, reflector);
  }

  async onModuleInit(): Promise<void> {
    await this.library.onModuleInit();
    const common = Array.isArray(this.options) ? undefined : this.options;
    this.ipv6SubnetPrefix = common?.ipv6SubnetPrefix ?? DEFAULT_IPV6_SUBNET_PREFIX;
    this.throttlers = [...(Array.isArray(this.options) ? this.options : this.options.throttlers)];
    // The library checks the throttlers shortest ttl first; so does this guard.
    this.throttlers.sort((a, b) => (typeof a.ttl === 'number' && typeof b.ttl === 'number' ? a.ttl - b.ttl : 0));
    this.staticOptions =
      common !== undefined &&
      common.errorMessage === undefined &&
      this.storage instanceof FixedWindowThrottlerStorage &&
      !common.getTracker &&
      !common.ignoreUserAgents?.length &&
      this.throttlers.every(
        (t) =>
          typeof t.limit === 'number' &&
          typeof t.ttl === 'number' &&
          (t.blockDuration === undefined || typeof t.blockDuration === 'number') &&
          !t.getTracker &&
          !t.ignoreUserAgents?.length &&
          t.setHeaders !== false,
      ) &&
      common.setHeaders !== false;
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    // HTTP limits only: WebSocket messages are limited by their handlers (e.g. typing), per user.
    if (context.getType() !== 'http') return true;
    const steps = this.plan(context);
    if (steps === DYNAMIC) return this.library.canActivate(context);
    if (steps.length === 0) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const tracker = normalizeIp(request.ip, this.ipv6SubnetPrefix);
    const storage = this.storage as FixedWindowThrottlerStorage;
    for (const step of steps) {
      if (step.skipIf?.(context)) continue;
      const key = step.generateKey(context, tracker, step.name);
      const hit = storage.hit(key, step.ttl, step.limit, step.blockDuration, step.name);
      if (hit.isBlocked) {
        void reply.header(`Retry-After${step.suffix}`, hit.timeToBlockExpire);
        throw new ThrottlerException();
      }
      void reply.header(`X-RateLimit-Limit${step.suffix}`, step.limit);
      void reply.header(`X-RateLimit-Remaining${step.suffix}`, Math.max(0, step.limit - hit.totalHits));
      void reply.header(`X-RateLimit-Reset${step.suffix}`, hit.timeToExpire);
    }
    return true;
  }

  private plan(context: ExecutionContext): Step[] | typeof DYNAMIC {
    const classRef = context.getClass();
    const handler = context.getHandler();
    let byHandler = this.plans.get(classRef);
    if (!byHandler) {
      byHandler = new Map();
      this.plans.set(classRef, byHandler);
    }
    let steps = byHandler.get(handler);
    if (steps === undefined) {
      steps = this.build(handler, classRef);
      byHandler.set(handler, steps);
    }
    return steps;
  }

  private build(handler: object, classRef: object): Step[] | typeof DYNAMIC {
    if (!this.staticOptions || Array.isArray(this.options)) return DYNAMIC;
    const targets = [handler, classRef] as Parameters<Reflector['getAllAndOverride']>[1];
    const steps: Step[] = [];
    for (const throttler of this.throttlers) {
      const name = throttler.name ?? 'default';
      if (ROUTE_OVERRIDES.some((key) => this.reflector.getAllAndOverride(key + name, targets) !== undefined)) return DYNAMIC;
      if (this.reflector.getAllAndOverride<boolean>(SKIP + name, targets)) continue;
      const ttl = throttler.ttl as number;
      const generateKey = throttler.generateKey ?? this.options.generateKey;
      if (!generateKey) return DYNAMIC;
      steps.push({
        name,
        suffix: name === 'default' ? '' : `-${name}`,
        limit: throttler.limit as number,
        ttl,
        blockDuration: (throttler.blockDuration as number | undefined) ?? ttl,
        skipIf: throttler.skipIf ?? this.options.skipIf,
        generateKey,
      });
    }
    return steps;
  }
}
