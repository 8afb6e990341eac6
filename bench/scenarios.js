'use strict';

/**
 * Benchmark scenarios: each compares one RevSync API request with the bare
 * Fastify + pg server in bench/baseline-server.js doing the comparable work.
 * Append new scenarios to the list; bench/run.js runs them in order.
 *
 * A scenario:
 *   name         unique, short, kebab-case; the key in bench/results/latest.json
 *   description  one line for the report
 *   api          the RevSync request: { path, method = 'GET', headers, body }
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
];
