import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '../../../../platform/observability/metrics';
import type { AiMetrics, ModelCallOutcome, ModelFailure, ModelUsage } from '../../application/ports';

// Created once per process: prom-client refuses a second metric of the same name in one registry.
const calls = new Histogram({
  name: 'ai_model_call_seconds',
  help: 'Language model calls by model, organization (or platform), purpose and outcome, with their latency',
  labelNames: ['model', 'org', 'purpose', 'outcome'] as const,
  buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40],
  registers: [metricsRegistry],
});

const tokens = new Counter({
  name: 'ai_model_tokens_total',
  help: 'Tokens spent on the language model by model, organization (or platform) and kind (prompt, completion)',
  labelNames: ['model', 'org', 'kind'] as const,
  registers: [metricsRegistry],
});

const errors = new Counter({
  name: 'ai_model_errors_total',
  help: 'Failed language model calls by model, organization and outcome',
  labelNames: ['model', 'org', 'outcome'] as const,
  registers: [metricsRegistry],
});

const retries = new Counter({
  name: 'ai_model_retries_total',
  help: 'Language model attempts retried by model and failure',
  labelNames: ['model', 'failure'] as const,
  registers: [metricsRegistry],
});

@Injectable()
export class PrometheusAiMetrics implements AiMetrics {
  call(labels: { model: string; org: string; purpose: string; outcome: ModelCallOutcome }, latencyMs: number): void {
    calls.observe(labels, latencyMs / 1000);
    if (labels.outcome !== 'ok') errors.inc({ model: labels.model, org: labels.org, outcome: labels.outcome });
  }

  tokens(labels: { model: string; org: string }, usage: ModelUsage): void {
    if (usage.promptTokens > 0) tokens.inc({ ...labels, kind: 'prompt' }, usage.promptTokens);
    if (usage.completionTokens > 0) tokens.inc({ ...labels, kind: 'completion' }, usage.completionTokens);
  }

  retry(labels: { model: string; failure: ModelFailure }): void {
    retries.inc(labels);
  }
}
