import fastifyCors, { FastifyCorsOptions } from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

export interface CorsPolicy {
  /** Exact origins (scheme, host and port) allowed to call the API from a browser (CORS_ORIGINS). */
  origins: readonly string[];
  /** Response headers a browser script may read. */
  exposedHeaders: readonly string[];
  /** Methods a preflight allows. */
  methods: readonly string[];
  /** How long a browser may cache a preflight answer. */
  maxAgeSeconds: number;
}

/**
 * CORS through @fastify/cors, in its onRequest hook (so a preflight is answered
 * before authentication, which a browser never sends on one), with options
 * chosen per request from the allow-list:
 *
 * - Every response says `Vary: Origin`, since the answer depends on it.
 * - An allowed origin gets `Access-Control-Allow-Origin` (itself), credentials
 *   and the exposed headers; a preflight from it (OPTIONS with
 *   Access-Control-Request-Method) is answered 204 with the methods and the
 *   requested headers echoed.
 * - Any other origin gets no CORS header at all (the library's `origin: false`),
 *   and the browser keeps the response from the page.
 * - OPTIONS without Access-Control-Request-Method is not a preflight: it is
 *   routed like any request (a 404 problem, as no route answers OPTIONS).
 */
export async function installCors(app: NestFastifyApplication, policy: CorsPolicy): Promise<void> {
  const allowed = new Set(policy.origins);
  const base: FastifyCorsOptions = {
    credentials: true,
    exposedHeaders: [...policy.exposedHeaders],
    methods: [...policy.methods],
    maxAge: policy.maxAgeSeconds,
    strictPreflight: false,
  };
  const refused: FastifyCorsOptions = { origin: false };
  const delegator = (request: FastifyRequest, callback: (error: Error | null, options: FastifyCorsOptions) => void): void => {
    const origin = request.headers.origin;
    if (origin === undefined || !allowed.has(origin)) return callback(null, refused);
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    callback(null, { ...base, origin, preflight });
  };
  await app.register(fastifyCors as never, { delegator, hook: 'onRequest' });
}
