import { Counter, Histogram, Registry } from 'prom-client';
import { HTTP_DURATION_BUCKETS, HttpRequestMetrics } from './http-metrics';

type Observation = [method: string, route: string, status: number, seconds: number];

/** The same observations through prom-client's own labelled Counter and Histogram. */
async function promClientExposition(observations: Observation[]): Promise<string> {
  const registry = new Registry();
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by route template, method and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route template and method',
    labelNames: ['method', 'route'],
    buckets: [...HTTP_DURATION_BUCKETS],
    registers: [registry],
  });
  for (const [method, route, status, seconds] of observations) {
    requests.inc({ method, route, status: String(status) });
    duration.observe({ method, route }, seconds);
  }
  return registry.metrics();
}

async function ourExposition(observations: Observation[]): Promise<string> {
  const registry = new Registry();
  const metrics = new HttpRequestMetrics().register(registry);
  for (const observation of observations) metrics.record(...observation);
  return registry.metrics();
}

/** Lines sorted: series order within a metric is not part of the format. */
const lines = (exposition: string) => exposition.split('\n').sort();

describe('HttpRequestMetrics', () => {
  it('exposes what prom-client’s labelled Counter and Histogram expose for the same requests', async () => {
    const observations: Observation[] = [
      ['GET', '/api/v1/auth/me', 200, 0.0004],
      ['GET', '/api/v1/auth/me', 200, 0.002], // on a bound: counted in that bucket (le is "less or equal")
      ['GET', '/api/v1/auth/me', 401, 0.0031],
      ['POST', '/api/v1/auth/me', 405, 0.7],
      ['POST', '/api/v1/auth/login', 201, 0.12],
      ['POST', '/api/v1/auth/login', 429, 7], // past the last bound: +Inf only
      ['GET', 'unmatched', 404, 0.0001],
    ];
    const ours = await ourExposition(observations);
    expect(lines(ours)).toEqual(lines(await promClientExposition(observations)));
    expect(ours).toContain('http_request_duration_seconds_bucket{le="0.002",method="GET",route="/api/v1/auth/me"} 2');
    expect(ours).toContain('http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/api/v1/auth/login"} 2');
    expect(ours).toContain('http_requests_total{method="GET",route="/api/v1/auth/me",status="401"} 1');
  });

  it('lists no series before the first request, and none after a reset', async () => {
    const registry = new Registry();
    const metrics = new HttpRequestMetrics().register(registry);
    expect(await registry.metrics()).not.toMatch(/^http_requests_total\{/m);
    metrics.record('GET', '/x', 200, 0.01);
    expect(await registry.metrics()).toMatch(/^http_requests_total\{method="GET",route="\/x",status="200"\} 1$/m);
    registry.resetMetrics();
    expect(await registry.metrics()).not.toMatch(/^http_(requests_total|request_duration_seconds_count)\{/m);
  });
});
