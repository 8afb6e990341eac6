import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signed link carries: the key, when it expires, and how to name and type the download. */
export interface LinkClaims {
  key: string;
  /** Unix seconds. */
  exp: number;
  name?: string;
  type?: string;
}

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

export function createLinkToken(secret: string, claims: LinkClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

/** The claims when the token is well-formed, signed with `secret` and not expired; otherwise undefined. */
export function verifyLinkToken(secret: string, token: string, nowSeconds = Math.floor(Date.now() / 1000)): LinkClaims | undefined {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkClaims;
    if (typeof claims.key !== 'string' || typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}
