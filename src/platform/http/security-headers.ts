import { resolveSecurityHeaders } from '@nestjs/core/security/security-headers.js';

/**
 * helmet 8's response headers, as Nest's `app.useSecurityHeaders()` resolves them (validated there), without a
 * content security policy: the API serves JSON, and the docs page runs scripts.
 *
 * They are set on the Fastify reply rather than by Nest's security hook. The hook writes each one with
 * `setHeader` on the raw response, and once one header is stored that way Node's `writeHead` takes its slow
 * path for all of them: every header Fastify sends goes through `setHeader` a second time before it is written.
 * Set on the reply, they leave with the rest in one `writeHead` object, about 8 µs less per request on this
 * machine (bench/identity-notes.md). Fastify sends no `X-Powered-By`, the one header helmet removes.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(resolveSecurityHeaders({ contentSecurityPolicy: false }).headers.map(([name, value]) => [name.toLowerCase(), value])),
);
