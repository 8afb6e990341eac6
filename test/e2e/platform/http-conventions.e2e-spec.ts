import { testConfig } from '../../support/test-config';
import { createTestApp, TestApp } from '../../support/test-app';
import { ProbeModule } from '../../support/probe.module';
import { expectProblem } from '../../support/problem';
// After the app's imports, which load reflect-metadata that @nestjs/common needs.
import { ValidationPipe } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/internal.js';
import { ApplicationConfig, ModulesContainer } from '@nestjs/core';
import { resolveSecurityHeaders } from '@nestjs/core/security/security-headers.js';

describe('HTTP conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      config: testConfig({ HTTP_BODY_LIMIT_BYTES: '4096', AUTH_RATE_LIMIT_MAX: '3', CORS_ORIGINS: 'https://app.revsync.test' }),
      extraImports: [ProbeModule],
    });
  });
  afterAll(() => t.close());

  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(options);
  const json = (url: string, payload: string, headers: Record<string, string> = {}) =>
    inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json', ...headers } });

  describe('successful', () => {
    it('answers liveness under the global prefix', async () => {
      const res = await inject({ method: 'GET', url: '/api/v1/health/live' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', checks: {} });
    });

    it('echoes a valid body after whitelisting and transformation', async () => {
      const res = await json('/api/v1/probe/echo', JSON.stringify({ email: 'a@b.co', count: 3, address: { city: 'Pune' } }));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ email: 'a@b.co', count: 3, address: { city: 'Pune' } });
    });

    it('takes a sane X-Request-Id and echoes it; generates one otherwise', async () => {
      const given = await inject({ method: 'GET', url: '/api/v1/health/live', headers: { 'x-request-id': 'trace-abc-123' } });
      expect(given.headers['x-request-id']).toBe('trace-abc-123');
      const hostile = await inject({ method: 'GET', url: '/api/v1/health/live', headers: { 'x-request-id': 'bad id\u0000<script>' } });
      expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const missing = await inject({ method: 'GET', url: '/api/v1/health/live' });
      expect(missing.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('puts the request id into problem bodies', async () => {
      const res = await inject({ method: 'GET', url: '/api/v1/nowhere', headers: { 'x-request-id': 'req-42' } });
      expect(expectProblem(res, 404).request_id).toBe('req-42');
    });

    it('sends security headers', async () => {
      const res = await inject({ method: 'GET', url: '/api/v1/health/live' });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    });

    it("sends helmet's full set of security headers on every kind of response, and no X-Powered-By", async () => {
      const helmet = resolveSecurityHeaders({ contentSecurityPolicy: false }).headers;
      expect(helmet.length).toBeGreaterThanOrEqual(10);
      const responses = {
        ok: await inject({ method: 'GET', url: '/api/v1/health/live' }),
        unauthenticated: await inject({ method: 'GET', url: '/api/v1/probe/private' }),
        notFound: await inject({ method: 'GET', url: '/api/v1/nowhere' }),
        preflight: await inject({
          method: 'OPTIONS',
          url: '/api/v1/health/live',
          headers: { origin: 'https://app.revsync.test', 'access-control-request-method': 'GET' },
        }),
        malformedUrl: await inject({ method: 'GET', url: '/api/v1/health/%E0%A4%A' }),
      };
      expect(Object.fromEntries(Object.entries(responses).map(([kind, res]) => [kind, res.statusCode]))).toEqual({
        ok: 200,
        unauthenticated: 401,
        notFound: 404,
        preflight: 204,
        malformedUrl: 400,
      });
      for (const [kind, res] of Object.entries(responses)) {
        for (const [name, value] of helmet) expect({ kind, name, value: res.headers[name.toLowerCase()] }).toEqual({ kind, name, value });
        expect({ kind, poweredBy: res.headers['x-powered-by'] }).toEqual({ kind, poweredBy: undefined });
      }
      expect(expectProblem(responses.malformedUrl, 400)).toMatchObject({ code: 'HTTP.BAD_REQUEST', instance: '/api/v1/health/%E0%A4%A' });
    });

    it('allows configured CORS origins only', async () => {
      const allowed = await inject({
        method: 'OPTIONS',
        url: '/api/v1/health/live',
        headers: { origin: 'https://app.revsync.test', 'access-control-request-method': 'GET' },
      });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.revsync.test');
      const other = await inject({
        method: 'OPTIONS',
        url: '/api/v1/health/live',
        headers: { origin: 'https://evil.test', 'access-control-request-method': 'GET' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      expect(other.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('answers a preflight for a private route before authentication, allowing every method the API uses', async () => {
      const res = await inject({
        method: 'OPTIONS',
        url: '/api/v1/probe/private',
        headers: {
          origin: 'https://app.revsync.test',
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'authorization, x-organization-id',
        },
      });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(res.headers['access-control-allow-origin']).toBe('https://app.revsync.test');
      expect(res.headers['access-control-allow-credentials']).toBe('true');
      expect(String(res.headers['access-control-allow-methods']).split(', ')).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE']));
      expect(res.headers['access-control-allow-headers']).toBe('authorization, x-organization-id');
      expect(Number(res.headers['access-control-max-age'])).toBeGreaterThan(0);
      expect(res.headers.vary).toContain('Origin');
    });

    it('lets an allowed origin read the response and its exposed headers; keeps others out', async () => {
      const allowed = await inject({ method: 'GET', url: '/api/v1/probe/private', headers: { origin: 'https://app.revsync.test' } });
      expect(allowed.statusCode).toBe(401);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.revsync.test');
      expect(String(allowed.headers['access-control-expose-headers']).split(', ')).toEqual(expect.arrayContaining(['x-request-id', 'retry-after', 'etag']));
      expect(allowed.headers.vary).toBe('Origin');
      const other = await inject({ method: 'GET', url: '/api/v1/health/live', headers: { origin: 'https://app.revsync.test.evil.test' } });
      expect(other.statusCode).toBe(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      expect(other.headers['access-control-expose-headers']).toBeUndefined();
      expect(other.headers.vary).toBe('Origin');
    });

    it('treats OPTIONS without Access-Control-Request-Method as an ordinary request', async () => {
      expectProblem(await inject({ method: 'OPTIONS', url: '/api/v1/health/live', headers: { origin: 'https://app.revsync.test' } }), 404);
    });
  });

  describe('failing', () => {
    it('rejects malformed JSON with 400 problem+json', async () => {
      const body = expectProblem(await json('/api/v1/probe/echo', '{"email": "a@b.co", '), 400, 'HTTP.MALFORMED_JSON');
      expect(JSON.stringify(body)).not.toMatch(/Unexpected|position|at JSON/);
    });

    it('rejects unknown fields, naming them', async () => {
      const body = expectProblem(await json('/api/v1/probe/echo', JSON.stringify({ email: 'a@b.co', count: 1, role: 'admin' })), 400, 'HTTP.VALIDATION_FAILED');
      expect(body.errors).toEqual({ role: [expect.stringContaining('should not exist')] });
    });

    it('validates every body, query and path parameter of every route, and runs no pipe on the rest', () => {
      // Validation is attached per parameter (src/platform/http/params.ts); a handler that took
      // @nestjs/common's Body, Query or Param would get its input unvalidated. This walks the routes
      // of the whole app, the probe's included.
      const pipeable = new Set<number>([
        RouteParamtypes.BODY,
        RouteParamtypes.RAW_BODY,
        RouteParamtypes.QUERY,
        RouteParamtypes.PARAM,
        RouteParamtypes.FILE,
        RouteParamtypes.FILES,
        RouteParamtypes.COOKIES,
        RouteParamtypes.SIGNED_COOKIES,
      ]);
      const unvalidated: string[] = [];
      let validated = 0;
      for (const module of t.app.get(ModulesContainer).values()) {
        for (const { metatype } of module.controllers.values()) {
          const controller = metatype as new () => object;
          for (const method of Object.getOwnPropertyNames(controller.prototype)) {
            const params = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; pipes?: unknown[] }>;
            for (const [key, { index, pipes = [] }] of Object.entries(params)) {
              if (!pipeable.has(Number(key.split(':')[0]))) continue;
              if (pipes[0] instanceof ValidationPipe) validated += 1;
              else unvalidated.push(`${controller.name}.${method} parameter ${index}`);
            }
          }
        }
      }
      expect(unvalidated).toEqual([]);
      expect(validated).toBeGreaterThan(50);
      // Global pipes would also run on @Ctx(), a chain of promises on every request for nothing.
      expect(t.app.get(ApplicationConfig).getGlobalPipes()).toEqual([]);
    });

    it('reports every invalid field, nested ones by path', async () => {
      const body = expectProblem(
        await json('/api/v1/probe/echo', JSON.stringify({ email: 'nope', count: 99, address: { city: 7 } })),
        400,
        'HTTP.VALIDATION_FAILED',
      );
      expect(Object.keys(body.errors as object).sort()).toEqual(['address.city', 'count', 'email']);
    });

    it('rejects an oversized body with 413', async () => {
      const big = JSON.stringify({ email: 'a@b.co', count: 1, pad: 'x'.repeat(10_000) });
      expectProblem(await json('/api/v1/probe/echo', big), 413, 'HTTP.PAYLOAD_TOO_LARGE');
    });

    it('rejects a wrong content type with 415', async () => {
      const res = await inject({ method: 'POST', url: '/api/v1/probe/echo', payload: '<a/>', headers: { 'content-type': 'application/xml' } });
      expectProblem(res, 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE');
    });

    it('rejects __proto__ and constructor.prototype keys', async () => {
      expectProblem(await json('/api/v1/probe/echo', '{"email":"a@b.co","count":1,"__proto__":{"admin":true}}'), 400);
      expectProblem(await json('/api/v1/probe/echo', '{"email":"a@b.co","count":1,"constructor":{"prototype":{"admin":true}}}'), 400);
    });

    it('answers an unknown route with 404 problem+json', async () => {
      expectProblem(await inject({ method: 'GET', url: '/api/v1/does-not-exist' }), 404, 'HTTP.NOT_FOUND');
      expectProblem(await inject({ method: 'DELETE', url: '/nothing/here?x=1' }), 404, 'HTTP.NOT_FOUND');
    });

    it('maps domain errors through their kind', async () => {
      expectProblem(await inject({ method: 'GET', url: '/api/v1/probe/conflict' }), 409, 'PROBE.CONFLICT');
    });

    it('hides the cause of an unexpected error', async () => {
      const res = await inject({ method: 'GET', url: '/api/v1/probe/boom' });
      const body = expectProblem(res, 500, 'HTTP.INTERNAL');
      expect(res.body).not.toMatch(/duplicate key|users_email_key|secret\.ts|stack|at \//);
      expect(body.detail).toContain('request id');
    });

    it('keeps routes private by default', async () => {
      expectProblem(await inject({ method: 'GET', url: '/api/v1/probe/private' }), 401, 'AUTH.UNAUTHENTICATED');
      expectProblem(await inject({ method: 'GET', url: '/api/v1/probe/private', headers: { authorization: 'Bearer abc.def.ghi' } }), 401);
    });
  });

  describe('pagination', () => {
    it('returns { data, meta } with defaults', async () => {
      const res = await inject({ method: 'GET', url: '/api/v1/probe/items' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.data).toHaveLength(20);
      expect(body.meta).toEqual({ page: 1, limit: 20, total: 250, total_pages: 13 });
    });

    it('serves a later page', async () => {
      const body = (await inject({ method: 'GET', url: '/api/v1/probe/items?page=3&limit=100' })).json();
      expect(body.data).toHaveLength(50);
      expect(body.data[0]).toEqual({ n: 201 });
    });

    it.each(['limit=101', 'limit=0', 'page=0', 'page=abc', 'limit=1e3', 'limit=-1', 'sort=name'])('refuses ?%s', async (query) => {
      expectProblem(await inject({ method: 'GET', url: `/api/v1/probe/items?${query}` }), 400, 'HTTP.VALIDATION_FAILED');
    });
  });

  describe('rate limiting', () => {
    it('applies the stricter auth profile with 429 and Retry-After', async () => {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 5; i += 1) {
        last = await inject({ method: 'GET', url: '/api/v1/probe/auth-limited', remoteAddress: '10.9.8.7' });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expectProblem(last!, 429, 'HTTP.RATE_LIMITED');
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('does not apply the auth profile to other routes', async () => {
      for (let i = 0; i < 6; i += 1) {
        const res = await inject({ method: 'GET', url: '/api/v1/probe/items', remoteAddress: '10.9.8.8' });
        expect(res.statusCode).toBe(200);
      }
    });

    it('counts per client and route, and says so in X-RateLimit headers', async () => {
      const first = await inject({ method: 'GET', url: '/api/v1/probe/auth-limited', remoteAddress: '10.9.8.9' });
      const second = await inject({ method: 'GET', url: '/api/v1/probe/auth-limited', remoteAddress: '10.9.8.9' });
      expect(first.headers['x-ratelimit-limit-auth']).toBe('3');
      expect([first.headers['x-ratelimit-remaining-auth'], second.headers['x-ratelimit-remaining-auth']]).toEqual(['2', '1']);
      expect(Number(first.headers['x-ratelimit-reset-auth'])).toBeGreaterThan(0);
      expect(Number(first.headers['x-ratelimit-limit'])).toBeGreaterThan(3);
      expect(Number(first.headers['x-ratelimit-remaining']) - Number(second.headers['x-ratelimit-remaining'])).toBe(1);
      // Another client has its own counters.
      const other = await inject({ method: 'GET', url: '/api/v1/probe/auth-limited', remoteAddress: '10.9.8.10' });
      expect(other.headers['x-ratelimit-remaining-auth']).toBe('2');
    });

    it('counts an IPv6 client by its /64, so rotating addresses inside it does not reset the limit', async () => {
      const statuses: number[] = [];
      for (let i = 1; i <= 5; i += 1) {
        statuses.push((await inject({ method: 'GET', url: '/api/v1/probe/auth-limited', remoteAddress: `2001:db8:1:2::${i.toString(16)}` })).statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const elsewhere = await inject({ method: 'GET', url: '/api/v1/probe/auth-limited', remoteAddress: '2001:db8:1:3::1' });
      expect(elsewhere.statusCode).toBe(200);
    });

    it('honours a route-level @Throttle override', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await inject({ method: 'GET', url: '/api/v1/probe/throttled', remoteAddress: '10.9.8.11' })).statusCode);
      expect(statuses).toEqual([200, 200, 429]);
    });

    it('leaves routes marked @SkipThrottle alone', async () => {
      const res = await inject({ method: 'GET', url: '/api/v1/health/live', remoteAddress: '10.9.8.12' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
      expect(res.headers['x-ratelimit-limit-auth']).toBeUndefined();
    });
  });
});
