import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../kernel/domain-error';
import { ACCEPTS_API_KEY } from './api-key.decorator';
import { IS_PUBLIC } from './public.decorator';
import { ACCESS_TOKEN_VERIFIER, API_KEY_VERIFIER, AccessTokenVerifier, ApiKeyVerifier, Principal } from './principal';
import { routeMetadata } from './route-metadata';
import { API_KEY_HEADER } from './tenancy';
import { bindRequestLog } from '../observability/request-scope';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/;

const unauthenticated = (message: string) => new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', message);

/**
 * A WebSocket gateway authenticates once, at the handshake, and keeps the principal's user id in `socket.data`
 * (see the messaging gateway); a message from a socket without one is refused.
 */
function socketAuthenticated(context: ExecutionContext): boolean {
  const client = context.switchToWs().getClient<{ data?: { userId?: unknown } } | undefined>();
  if (typeof client?.data?.userId === 'string') return true;
  throw unauthenticated('A valid bearer access token is required.');
}

/**
 * Private by default: a route without @Public() needs a valid bearer token or,
 * on routes marked @AcceptsApiKey(), an organization API key (X-API-Key).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Optional() @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier?: AccessTokenVerifier,
    @Optional() @Inject(API_KEY_VERIFIER) private readonly apiKeys?: ApiKeyVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    // Synchronous for public routes: a guard's promise costs on every request.
    if (routeMetadata<boolean>(IS_PUBLIC, context)) return true;
    if (context.getType() === 'ws') return socketAuthenticated(context);
    return this.authenticate(context);
  }

  private async authenticate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const authorization = request.headers.authorization;
    const apiKey = request.headers[API_KEY_HEADER];
    if (apiKey !== undefined) {
      if (authorization !== undefined) {
        throw new DomainError('AUTH.AMBIGUOUS_CREDENTIALS', 'unauthenticated', 'Send either a bearer token or an API key, not both.');
      }
      if (typeof apiKey !== 'string' || !this.apiKeys) throw unauthenticated('A valid API key is required.');
      const principal = await this.apiKeys.verify(apiKey);
      if (!routeMetadata<boolean>(ACCEPTS_API_KEY, context)) {
        throw new DomainError('AUTH.API_KEY_NOT_ACCEPTED', 'forbidden', 'This route does not accept API keys: call it as a signed-in user.');
      }
      request.principal = principal;
      bindRequestLog(request.log, principal);
      return true;
    }
    const match = BEARER.exec(authorization ?? '');
    if (!match || !this.verifier) throw unauthenticated('A valid bearer access token is required.');
    request.principal = await this.verifier.verify(match[1]);
    bindRequestLog(request.log, request.principal);
    return true;
  }
}
