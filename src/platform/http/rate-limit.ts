import { Module, SetMetadata } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG } from '../config/config.module';
import { routeMetadata } from '../auth/route-metadata';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import type { AppConfig } from '../config/config.schema';

const AUTH_PROFILE = 'revsync:rate-limit:auth';

/** Puts a route under the stricter `auth` profile (sign-up, login, refresh, reset, OTP). */
export const AuthRateLimit = (): MethodDecorator & ClassDecorator => SetMetadata(AUTH_PROFILE, true);

function usesAuthProfile(context: ExecutionContext): boolean {
  return Boolean(routeMetadata<boolean>(AUTH_PROFILE, context));
}

/** The Redis storage as a provider of its own, so Nest runs its connect and shutdown hooks. */
@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
class RateLimitStorageModule {}

export const RateLimitModule = ThrottlerModule.forRootAsync({
  imports: [RateLimitStorageModule],
  inject: [APP_CONFIG, RedisThrottlerStorage],
  useFactory: (config: AppConfig, storage: RedisThrottlerStorage) => ({
    storage,
    // Per route and client; a plain string instead of the default's sha256 of the same parts.
    generateKey: (context: ExecutionContext, tracker: string, name: string) => `${name}:${context.getClass().name}.${context.getHandler().name}:${tracker}`,
    throttlers: [
      { name: 'default', ttl: config.rateLimit.ttlMs, limit: config.rateLimit.limit },
      { name: 'auth', ttl: config.rateLimit.authTtlMs, limit: config.rateLimit.authLimit, skipIf: (context) => !usesAuthProfile(context) },
    ],
  }),
});
