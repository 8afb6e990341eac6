import { Inject, Injectable } from '@nestjs/common';
import type { AccessTokenVerifier, Principal } from '../../../../platform/auth/principal';
import { IdentityErrors } from '../../domain';
import { ACCESS_TOKEN_CODEC, AccessTokenCodec, SESSION_GATE, SessionGate } from '../ports';

/**
 * What the platform's AuthGuard calls on every private request: the JWT must
 * verify (pinned algorithm, issuer, audience, type, expiry) and its session
 * must still be active, so a revoked session's access tokens die at once.
 */
@Injectable()
export class AuthenticateAccessTokenUseCase implements AccessTokenVerifier {
  constructor(
    @Inject(ACCESS_TOKEN_CODEC) private readonly codec: AccessTokenCodec,
    @Inject(SESSION_GATE) private readonly gate: SessionGate,
  ) {}

  async verify(token: string): Promise<Principal> {
    const claims = await this.codec.verify(token);
    if (!(await this.gate.isActive(claims.sessionId, claims.userId))) throw IdentityErrors.sessionRevoked();
    return { userId: claims.userId, sessionId: claims.sessionId, roles: claims.roles };
  }
}
