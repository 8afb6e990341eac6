import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { HttpRequestMetrics } from './http-metrics';

/** One registry per process; the API and the worker each expose their own view. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

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
