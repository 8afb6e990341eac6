import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * @nestjs/throttler's own guard (tracker = client IP, IPv6 grouped by subnet;
 * X-RateLimit-* headers; Retry-After and ThrottlerException on a block), on
 * HTTP only: WebSocket messages are limited by their handlers (e.g. typing), per user.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  override canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return Promise.resolve(true);
    return super.canActivate(context);
  }
}
