import { Registry } from 'prom-client';
import { HttpRequestMetrics } from './http-metrics';

describe('HttpRequestMetrics', () => {
  it('counts responses per route, method and status and observes their latency in the buckets', async () => {
    const registry = new Registry();
    const metrics = new HttpRequestMetrics(registry);
    metrics.record('GET', '/api/v1/auth/me', 200, 0.0004);
    metrics.record('GET', '/api/v1/auth/me', 200, 0.002); // on a bound: counted in that bucket (le is "less or equal")
    metrics.record('GET', '/api/v1/auth/me', 401, 0.0031);
    metrics.record('POST', '/api/v1/auth/login', 429, 7); // past the last bound: +Inf only
    const text = await registry.metrics();
    expect(text).toContain('http_requests_total{method="GET",route="/api/v1/auth/me",status="200"} 2');
    expect(text).toContain('http_requests_total{method="GET",route="/api/v1/auth/me",status="401"} 1');
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.002",method="GET",route="/api/v1/auth/me"} 2');
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/auth/me"} 3');
    expect(text).toContain('http_request_duration_seconds_bucket{le="5",method="POST",route="/api/v1/auth/login"} 0');
    expect(text).toContain('http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/api/v1/auth/login"} 1');
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="/api/v1/auth/me"} 3');
  });
});
