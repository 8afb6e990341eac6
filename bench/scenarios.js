'use strict';

/**
 * Benchmark scenarios: each compares one RevSync API request with the bare
 * Fastify + pg server in bench/baseline-server.js doing the comparable work.
 * Append new scenarios to the list; bench/run.js runs them in order.
 *
 * A scenario:
 *   name         unique, short, kebab-case; the key in bench/results/latest.json
 *   description  one line for the report
 *   api          the RevSync request: { path, method = 'GET', headers, body }; path may be (ctx) => string
 *   baseline     the baseline request it is compared to, same shape
 *   connections  concurrent connections (default 50; env BENCH_CONNECTIONS overrides)
 *   duration     seconds measured after a 2 s warm-up (default 10; env BENCH_DURATION overrides)
 *   setup        optional async (ctx) => void, run once before the scenario, e.g. to
 *                seed rows with ctx.query or to log in and keep a token on ctx.state
 *
 * In a request, `headers` is an object or (ctx) => object (evaluated once per run),
 * and `body` is a string, an object (sent as JSON) or (ctx, n) => string | object,
 * called for every request with its sequence number n (for unique keys).
 * Any status other than 2xx is counted and flagged in the report.
 *
 * ctx (built by bench/run.js):
 *   apiUrl, baselineUrl, databaseUrl, redisUrl
 *   seed        { outboxId }: a row of outbox_messages inserted by the harness
 *   query(sql, params) -> rows, on the benchmark database
 *   state       a plain object scenarios may use to pass data to their requests
 */
/** Name-based ids from migrations/1763942460000-CatalogReferenceData.ts (the same in every environment). */
const CATALOG_MOTORCYCLE_ID = '7c30644d-c740-5a95-bdfb-39b187531dae';
const CATALOG_HONDA_ID = '6385c2c8-97ea-56fc-8d90-2d67e3ea7a12';

module.exports = [
  {
    name: 'health-live',
    description: 'Liveness: full request pipeline (hooks, guards, interceptors), no I/O',
    api: { method: 'GET', path: '/api/v1/health/live' },
    baseline: { method: 'GET', path: '/health/live' },
  },
  {
    name: 'db-read',
    description: 'Readiness (Postgres ping + Redis ping + queue counts) vs one single-row SELECT',
    api: { method: 'GET', path: '/api/v1/health/ready' },
    baseline: { method: 'GET', path: '/row' },
  },
  // Catalog: the API answers list reads from the shared Redis cache (after the warm-up's first miss);
  // the baseline runs the catalog's list SQL on every request. Ids are the seed's name-based UUIDs.
  {
    name: 'catalog-brands-cached',
    description: 'Brands making motorcycles, first page of 20: cached in Redis vs the same SQL on each request',
    api: { method: 'GET', path: `/api/v1/catalog/vehicle-brands?vehicle_type=${CATALOG_MOTORCYCLE_ID}` },
    baseline: { method: 'GET', path: `/catalog/vehicle-brands?vehicle_type=${CATALOG_MOTORCYCLE_ID}` },
  },
  {
    name: 'catalog-models-cached',
    description: 'Honda models, first page of 20 (brand and type joined): cached in Redis vs the same SQL on each request',
    api: { method: 'GET', path: `/api/v1/catalog/vehicle-models?vehicle_brand=${CATALOG_HONDA_ID}` },
    baseline: { method: 'GET', path: `/catalog/vehicle-models?vehicle_brand=${CATALOG_HONDA_ID}` },
  },
  // Identity: one account signed up in setup; GET /auth/me verifies the token, checks the session and reads the
  // account, against the baseline reading the same row with the same SQL (no auth at all).
  {
    name: 'identity-me',
    description: 'GET /auth/me with a bearer token (JWT + session check + account read) vs the same account SELECT',
    setup: async (ctx) => {
      const email = `bench-${Date.now()}@example.test`;
      const response = await fetch(`${ctx.apiUrl}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ full_name: 'Bench Mark', email, password: 'Bench!Passw0rd-42', date_of_birth: '1990-01-01' }),
      });
      if (response.status !== 201) throw new Error(`identity-me setup: signup answered ${response.status}`);
      const body = await response.json();
      ctx.state.accessToken = body.access_token;
      ctx.state.accountId = body.user.id;
    },
    api: { method: 'GET', path: '/api/v1/auth/me', headers: (ctx) => ({ authorization: `Bearer ${ctx.state.accessToken}` }) },
    baseline: { method: 'GET', path: (ctx) => `/account?id=${ctx.state.accountId}` },
  },
];
