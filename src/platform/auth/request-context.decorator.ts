import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { RequestContext } from '../kernel/request-context';
import type { AuthenticatedRequest } from './auth.guard';

/** The request context (ARCHITECTURE.md 3) from the request and the principal the guards established. */
export function requestContextOf(request: AuthenticatedRequest): RequestContext {
  const principal = request.principal;
  const userAgent = request.headers['user-agent'];
  return {
    requestId: String(request.id),
    userId: principal?.userId,
    sessionId: principal?.sessionId,
    orgId: principal?.orgId,
    roles: principal?.roles ?? [],
    apiKeyId: principal?.apiKeyId,
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent : undefined,
  };
}

/** Handler parameter: `@Ctx() ctx: RequestContext`. */
export const Ctx = createParamDecorator((_data: unknown, host: ExecutionContext): RequestContext =>
  requestContextOf(host.switchToHttp().getRequest<AuthenticatedRequest>()),
);
