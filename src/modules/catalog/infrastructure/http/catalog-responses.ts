import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CacheStore } from '../../../../platform/cache/cache.store';
import { CATALOG_CACHE_NAMESPACE } from '../cache/cache-catalog-changes';
import { decodeCachedResponse, encodeCachedResponse, ifNoneMatchHits, strongEtag } from './http-cache';

/** Seed 004 caches vehicle types, brands and models for an hour; every write drops them at once. */
export const CATALOG_CACHE_TTL_SECONDS = 3600;
/**
 * Browsers and CDNs may reuse a response for a minute, then revalidate with
 * If-None-Match (a 304 costs one Redis read). Short, because admins expect
 * their change to show up soon outside the API too.
 */
export const CATALOG_HTTP_MAX_AGE_SECONDS = 60;
export const CATALOG_CACHE_CONTROL = `public, max-age=${CATALOG_HTTP_MAX_AGE_SECONDS}`;
/** Bumped whenever a response shape changes, so a deployment never serves bodies cached by the previous one. */
const RESPONSE_SCHEMA_VERSION = 1;

/**
 * Serves public catalog reads from the shared cache: the serialized body and
 * its ETag are stored together, so a hit costs one Redis round trip and no
 * JSON work. A miss (or Redis being away) runs `load` against the database.
 */
@Injectable()
export class CatalogResponses {
  constructor(private readonly cache: CacheStore) {}

  async send(request: FastifyRequest, reply: FastifyReply, key: string, load: () => Promise<unknown>): Promise<void> {
    const entry = await this.cache.rememberString(CATALOG_CACHE_NAMESPACE, `v${RESPONSE_SCHEMA_VERSION}:${key}`, CATALOG_CACHE_TTL_SECONDS, async () => {
      const body = JSON.stringify(await load());
      return encodeCachedResponse(strongEtag(body), body);
    });
    const { etag, body } = decodeCachedResponse(entry);
    void reply.header('etag', etag).header('cache-control', CATALOG_CACHE_CONTROL);
    if (ifNoneMatchHits(request.headers['if-none-match'], etag)) {
      void reply.code(304).send();
      return;
    }
    void reply.code(200).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
