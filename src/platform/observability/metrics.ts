import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { HttpRequestMetrics } from './http-metrics';

/** One registry per process; the API and the worker each expose their own view. */
export const metricsRegistry = new Registry();

/**
 * The process's own metrics (CPU, memory, event loop lag, GC pauses), started
 * once by the process entry points (`main.ts`, `worker.ts`, `npm run dev`).
 * Not at import: prom-client's GC collector is a process-wide
 * PerformanceObserver it offers no way to disconnect, so every load of this
 * module that started it would stay reachable for the life of the process
 * (a Jest worker loads it once per test file).
 */
export function collectProcessMetrics(): void {
  collectDefaultMetrics({ register: metricsRegistry });
}

export const httpMetrics = new HttpRequestMetrics(metricsRegistry);

export const queueDepth = new Gauge({
  name: 'queue_jobs',
  help: 'Jobs per queue and state, read from Redis at scrape time',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
});

export const jobOutcomes = new Counter({
  name: 'queue_job_outcomes_total',
  help: 'Jobs processed by this process, by queue, job name and outcome',
  labelNames: ['queue', 'job', 'outcome'] as const,
  registers: [metricsRegistry],
});
