import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CacheStore } from '../../../../platform/cache/cache.store';

/** Seed 004: service categories, services and shop information are cached for an hour, prices for 30 minutes. */
export const CATALOG_TTL_SECONDS = 3600;
export const SHOP_INFO_TTL_SECONDS = 3600;
export const PRICING_TTL_SECONDS = 1800;
/** Browsers and CDNs may reuse a response this long, then revalidate with If-None-Match. */
export const SHOP_CACHE_CONTROL = 'public, max-age=60';
/** Bumped whenever a response shape changes, so a deployment never serves bodies cached by the previous one. */
const RESPONSE_SCHEMA_VERSION = 1;

/**
 * Serves the shops' public reads from the shared cache: body and ETag are
 * stored together under the shop's namespace, so a manager's write (which
 * bumps the namespace's version) is visible on the next read in every process.
 */
@Injectable()
export class ShopResponses {
  constructor(private readonly cache: CacheStore) {}

  async send(request: FastifyRequest, reply: FastifyReply, namespace: string, key: string, ttlSeconds: number, load: () => Promise<unknown>): Promise<void> {
    const entry = await this.cache.rememberString(namespace, `v${RESPONSE_SCHEMA_VERSION}:${key}`, ttlSeconds, async () => {
      const body = JSON.stringify(await load());
      return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"\n${body}`;
    });
    const newline = entry.indexOf('\n');
    const etag = entry.slice(0, newline);
    void reply.header('etag', etag).header('cache-control', SHOP_CACHE_CONTROL);
    const ifNoneMatch = request.headers['if-none-match'];
    const tags = (Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : (ifNoneMatch ?? '')).split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (tags.includes(etag) || tags.includes('*')) {
      void reply.code(304).send();
      return;
    }
    void reply
      .code(200)
      .header('content-type', 'application/json; charset=utf-8')
      .send(entry.slice(newline + 1));
  }
}
