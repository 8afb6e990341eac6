import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { LinkSigner } from '../../application/ports';

const KEY_INFO = 'revsync community signed links v1';
const KEY_BYTES = 32;

/**
 * `base64url(JSON claims).base64url(HMAC-SHA256)`. The claims hold the purpose
 * (`p`) and expiry (`x`, epoch seconds) besides the caller's; verification
 * checks the signature in constant time, then the purpose, then the expiry. The
 * key is derived from the configured secret with HKDF, so it is never the
 * secret itself (which may be shared with the JWT key in development).
 */
export class HmacLinkSigner implements LinkSigner {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), KEY_INFO, KEY_BYTES));
  }

  sign(purpose: string, claims: Record<string, string>, ttlSeconds: number): string {
    const body = Buffer.from(JSON.stringify({ ...claims, p: purpose, x: Math.floor(this.now() / 1000) + ttlSeconds }), 'utf8').toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  verify(purpose: string, token: string): Record<string, string> | undefined {
    const parts = token.split('.');
    if (parts.length !== 2) return undefined;
    const [body, mac] = parts;
    const expected = Buffer.from(this.mac(body), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (!claims || typeof claims !== 'object') return undefined;
    const { p, x, ...rest } = claims as Record<string, unknown>;
    if (p !== purpose) return undefined;
    if (typeof x !== 'number' || x * 1000 < this.now()) return undefined;
    if (!Object.values(rest).every((value) => typeof value === 'string')) return undefined;
    return rest as Record<string, string>;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
