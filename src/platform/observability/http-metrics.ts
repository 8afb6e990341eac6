import type { Metric, Registry } from 'prom-client';

/** Latency buckets of `http_request_duration_seconds`, in seconds. */
export const HTTP_DURATION_BUCKETS: readonly number[] = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Series {
  readonly method: string;
  readonly route: string;
  /** Responses per status code. */
  readonly statuses: Map<number, number>;
  /** Observations per bucket, not cumulative; the last slot is +Inf. */
  readonly buckets: Float64Array;
  sum: number;
  count: number;
}

interface MetricValue {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/** What prom-client's Registry reads from a metric when it is scraped. */
interface CollectedMetric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram';
  readonly aggregator: 'sum';
  get(): Promise<{ name: string; help: string; type: 'counter' | 'histogram'; aggregator: 'sum'; values: MetricValue[] }>;
  reset(): void;
}

/**
 * `http_requests_total` (method, route, status) and `http_request_duration_seconds`
 * (method, route), recorded once per response.
 *
 * prom-client's labelled `inc` and `observe` sort and hash their label object on
 * every call, about 3 µs per request between the two, which is a noticeable share
 * of a cheap request. Here a route and method resolve to their series with two Map
 * lookups, and the registry reads the series only when it is scraped, in the same
 * exposition format (cumulative buckets with `le` first, `_sum`, `_count`).
 */
export class HttpRequestMetrics {
  private readonly routes = new Map<string, Map<string, Series>>();

  constructor(private readonly bounds: readonly number[] = HTTP_DURATION_BUCKETS) {}

  /** Registers both metrics with `registry` (typed for prom-client's own classes, it only reads what CollectedMetric has). */
  register(registry: Registry): this {
    const metrics = [
      this.metric('http_requests_total', 'HTTP requests by route template, method and status', 'counter', () => this.counterValues()),
      this.metric('http_request_duration_seconds', 'HTTP request latency by route template and method', 'histogram', () => this.histogramValues()),
    ];
    for (const metric of metrics) registry.registerMetric(metric as unknown as Metric);
    return this;
  }

  record(method: string, route: string, status: number, seconds: number): void {
    let methods = this.routes.get(route);
    if (methods === undefined) {
      methods = new Map();
      this.routes.set(route, methods);
    }
    let series = methods.get(method);
    if (series === undefined) {
      series = { method, route, statuses: new Map(), buckets: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 };
      methods.set(method, series);
    }
    series.statuses.set(status, (series.statuses.get(status) ?? 0) + 1);
    let bucket = 0;
    while (bucket < this.bounds.length && seconds > this.bounds[bucket]) bucket += 1;
    series.buckets[bucket] += 1;
    series.sum += seconds;
    series.count += 1;
  }

  reset(): void {
    this.routes.clear();
  }

  private *allSeries(): Iterable<Series> {
    for (const methods of this.routes.values()) yield* methods.values();
  }

  private counterValues(): MetricValue[] {
    const values: MetricValue[] = [];
    for (const series of this.allSeries()) {
      for (const [status, count] of series.statuses)
        values.push({ labels: { method: series.method, route: series.route, status: String(status) }, value: count });
    }
    return values;
  }

  private histogramValues(): MetricValue[] {
    const name = 'http_request_duration_seconds';
    const values: MetricValue[] = [];
    for (const series of this.allSeries()) {
      const labels = { method: series.method, route: series.route };
      let cumulative = 0;
      for (let bucket = 0; bucket <= this.bounds.length; bucket += 1) {
        cumulative += series.buckets[bucket];
        const le = bucket < this.bounds.length ? this.bounds[bucket] : '+Inf';
        values.push({ labels: { le, ...labels }, value: cumulative, metricName: `${name}_bucket` });
      }
      values.push({ labels, value: series.sum, metricName: `${name}_sum` });
      values.push({ labels, value: series.count, metricName: `${name}_count` });
    }
    return values;
  }

  private metric(name: string, help: string, type: 'counter' | 'histogram', values: () => MetricValue[]): CollectedMetric {
    return {
      name,
      help,
      type,
      aggregator: 'sum',
      get: () => Promise.resolve({ name, help, type, aggregator: 'sum', values: values() }),
      reset: () => this.reset(),
    };
  }
}
