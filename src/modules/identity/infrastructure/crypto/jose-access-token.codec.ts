import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify } from 'jose';
import { KeyObject, createHmac, createSecretKey, randomUUID } from 'node:crypto';
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

interface Remembered {
  /** Settled already, handed out as it is: a hit makes no promise of its own. */
  claims: Promise<AccessTokenClaims>;
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
  private readonly verified = new Map<string, Remembered>();
  private readonly encodedHeader = Buffer.from(JSON.stringify({ alg: ACCESS_TOKEN_ALG, typ: ACCESS_TOKEN_TYP }), 'utf8').toString('base64url');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
  }

  /**
   * Signs with node:crypto's HMAC on the calling thread. jose would sign through WebCrypto, whose jobs queue on
   * libuv's thread pool behind the argon2 verifications of concurrent logins, so every sign-in waited for
   * other people's password checks before it got its token. The encoding is the JWS compact form
   * (RFC 7515 §7.1); verification stays with jose.
   */
  issue(claims: AccessTokenClaims): Promise<{ token: string; expiresIn: number }> {
    const expiresIn = this.config.jwt.accessTtlSeconds;
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      sid: claims.sessionId,
      roles: claims.roles,
      sub: claims.userId,
      iss: this.config.jwt.issuer,
      aud: this.config.jwt.audience,
      iat: now,
      exp: now + expiresIn,
      jti: randomUUID(),
    };
    const signingInput = `${this.encodedHeader}.${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`;
    const signature = createHmac('sha256', this.key).update(signingInput, 'utf8').digest('base64url');
    return Promise.resolve({ token: `${signingInput}.${signature}`, expiresIn });
  }

  verify(token: string): Promise<AccessTokenClaims> {
    const hit = this.verified.get(token);
    if (hit) {
      if (Date.now() < hit.expiresAtMs) return hit.claims;
      this.verified.delete(token);
    }
    return this.verifyAndRemember(token);
  }

  private async verifyAndRemember(token: string): Promise<AccessTokenClaims> {
    const { claims, expiresAtMs } = await this.verifySignatureAndClaims(token);
    this.verified.set(token, { claims: Promise.resolve(claims), expiresAtMs });
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
