import { createHash } from 'node:crypto';

/**
 * Conditional GET helpers (RFC 9110): strong ETags from the body, If-None-Match
 * matching, and the string a cached response is stored as. Pure, unit-tested.
 */

/** A strong validator: the same bytes always give the same tag, on every API process. */
export function strongEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/**
 * Whether If-None-Match matches `etag`, so the answer is 304. GET uses the weak
 * comparison (RFC 9110 13.1.2): W/"x" matches "x". `*` matches any current representation.
 */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const candidates = (Array.isArray(header) ? header.join(',') : header).split(',').map((tag) => tag.trim());
  return candidates.some((tag) => tag === '*' || tag.replace(/^W\//, '') === etag);
}

/** A cached response is its ETag, a newline, then the JSON body (ETags never contain a newline). */
export function encodeCachedResponse(etag: string, body: string): string {
  return `${etag}\n${body}`;
}

export function decodeCachedResponse(entry: string): { etag: string; body: string } {
  const newline = entry.indexOf('\n');
  return { etag: entry.slice(0, newline), body: entry.slice(newline + 1) };
}

/** A cache key naming the route and its (already validated) query, in a fixed order; absent values are left out. */
export function cacheKey(route: string, query: Record<string, string | number | undefined> = {}): string {
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`);
  return parts.length > 0 ? `${route}?${parts.join('&')}` : route;
}
