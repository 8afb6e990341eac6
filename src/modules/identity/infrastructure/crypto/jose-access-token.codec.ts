import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, errors, jwtVerify } from 'jose';
import { KeyObject, createSecretKey, randomUUID } from 'node:crypto';
import { APP_CONFIG } from '../../../../platform/config/config.module';
import type { AppConfig } from '../../../../platform/config/config.schema';
import { IdentityErrors } from '../../domain';
import type { AccessTokenClaims, AccessTokenCodec } from '../../application/ports';

/** RFC 9068 media type of access tokens; a JWT of any other `typ` (an ID token, a foreign token) is refused. */
export const ACCESS_TOKEN_TYP = 'at+jwt';
export const ACCESS_TOKEN_ALG = 'HS256';
/** Tolerated clock drift between API instances, in seconds. */
const CLOCK_TOLERANCE_SECONDS = 5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Verified tokens remembered per process (a client sends the same token for up to 15 minutes). */
const VERIFIED_CACHE_MAX = 10_000;

interface Verified {
  claims: AccessTokenClaims;
  expiresAtMs: number;
}

/**
 * Access tokens: HS256 JWTs with the algorithm pinned on verification (so
 * `alg: none` and RS/HS confusion are refused), `iss`, `aud`, `typ`, `exp`,
 * `iat`, `sub` and `sid` required.
 *
 * jose's verification costs ~85 µs (WebCrypto) on this machine, a large share
 * of a cheap request, so a token that verified is remembered until its expiry
 * (bounded LRU keyed by the token itself, which never leaves memory). Only the
 * signature and claims check is skipped on a hit: the session is still checked
 * on every request by the SessionGate, so revocation is unaffected.
 */
@Injectable()
export class JoseAccessTokenCodec implements AccessTokenCodec {
  private readonly key: KeyObject;
  private readonly verified = new Map<string, Verified>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
  }

  async issue(claims: AccessTokenClaims): Promise<{ token: string; expiresIn: number }> {
    const expiresIn = this.config.jwt.accessTtlSeconds;
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ sid: claims.sessionId, roles: claims.roles })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, typ: ACCESS_TOKEN_TYP })
      .setSubject(claims.userId)
      .setIssuer(this.config.jwt.issuer)
      .setAudience(this.config.jwt.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + expiresIn)
      .setJti(randomUUID())
      .sign(this.key);
    return { token, expiresIn };
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    const hit = this.verified.get(token);
    if (hit) {
      if (Date.now() < hit.expiresAtMs) return hit.claims;
      this.verified.delete(token);
    }
    const { claims, expiresAtMs } = await this.verifySignatureAndClaims(token);
    this.verified.set(token, { claims, expiresAtMs });
    if (this.verified.size > VERIFIED_CACHE_MAX) this.verified.delete(this.verified.keys().next().value as string);
    return claims;
  }

  private async verifySignatureAndClaims(token: string): Promise<Verified> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: [ACCESS_TOKEN_ALG],
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
        typ: ACCESS_TOKEN_TYP,
        requiredClaims: ['sub', 'sid', 'exp', 'iat'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw IdentityErrors.accessTokenExpired();
      throw IdentityErrors.accessTokenInvalid();
    }
    const { sub, sid, roles } = payload;
    if (typeof sub !== 'string' || !UUID.test(sub) || typeof sid !== 'string' || !UUID.test(sid)) throw IdentityErrors.accessTokenInvalid();
    if (roles !== undefined && !(Array.isArray(roles) && roles.every((role) => typeof role === 'string'))) throw IdentityErrors.accessTokenInvalid();
    // exp is required and numeric (jose checked it); the cached entry dies when the token does, tolerance excluded.
    return { claims: { userId: sub, sessionId: sid, roles: (roles as string[] | undefined) ?? [] }, expiresAtMs: Number(payload.exp) * 1000 };
  }
}
