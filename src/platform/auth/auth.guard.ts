import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../kernel/domain-error';
import { IS_PUBLIC } from './public.decorator';
import { ACCESS_TOKEN_VERIFIER, AccessTokenVerifier, Principal } from './principal';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/;

/** Private by default: a route without @Public() needs a valid bearer token. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier?: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match || !this.verifier) {
      throw new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'A valid bearer access token is required.');
    }
    request.principal = await this.verifier.verify(match[1]);
    return true;
  }
}
