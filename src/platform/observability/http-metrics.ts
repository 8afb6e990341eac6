import { Counter, Histogram, Registry } from 'prom-client';

/** Latency buckets of `http_request_duration_seconds`, in seconds. */
export const HTTP_DURATION_BUCKETS: readonly number[] = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * `http_requests_total` (method, route, status) and `http_request_duration_seconds`
 * (method, route), recorded once per response, as prom-client's own Counter and Histogram.
 */
export class HttpRequestMetrics {
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route'>;

  constructor(registry: Registry, buckets: readonly number[] = HTTP_DURATION_BUCKETS) {
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by route template, method and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route template and method',
      labelNames: ['method', 'route'] as const,
      buckets: [...buckets],
      registers: [registry],
    });
  }

  record(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.duration.observe({ method, route }, seconds);
  }
}
