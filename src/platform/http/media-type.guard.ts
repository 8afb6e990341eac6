import { CanActivate, ExecutionContext, Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import { SWAGGER_METADATA as DECORATORS } from './swagger-metadata';
import type { FastifyRequest } from 'fastify';
import { routeMetadata } from '../auth/route-metadata';

/** What a route accepts when it does not say otherwise with `@ApiConsumes(...)`. */
export const DEFAULT_MEDIA_TYPES: readonly string[] = ['application/json'];

/**
 * A request that carries a body must carry it in a media type the route
 * accepts: `@ApiConsumes(...)` on the route or its controller (the same list
 * the OpenAPI document shows), else JSON. Anything else is a 415 before
 * authentication or validation run, as Fastify answers for a media type it has
 * no parser for, so a text/plain or form body never turns into a list of
 * missing fields. Routes without a body parameter accept a JSON body and ignore it.
 */
@Injectable()
export class MediaTypeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    // Socket messages have no media type (and no HTTP request to read).
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const headers = request.headers;
    const length = headers['content-length'];
    const hasBody = (length !== undefined && length !== '0') || headers['transfer-encoding'] !== undefined;
    if (!hasBody) return true;
    const accepted = routeMetadata<string[]>(DECORATORS.API_CONSUMES, context) ?? DEFAULT_MEDIA_TYPES;
    const mediaType = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (accepted.some((type) => matches(type.toLowerCase(), mediaType))) return true;
    // Mapped to HTTP.UNSUPPORTED_MEDIA_TYPE by the problem filter; a guard is HTTP's own layer.
    throw new UnsupportedMediaTypeException(`The request body has a content type this endpoint does not accept; send ${accepted.join(' or ')}.`);
  }
}

function matches(accepted: string, mediaType: string): boolean {
  if (accepted === '*/*') return mediaType !== '';
  if (accepted.endsWith('/*')) return mediaType.startsWith(accepted.slice(0, -1));
  return accepted === mediaType;
}
