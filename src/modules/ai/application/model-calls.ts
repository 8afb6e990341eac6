import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '../../../platform/kernel';
import { CircuitBreaker } from '../domain/circuit-breaker';
import { AiErrors } from '../domain/ai-errors';
import { AI_CONFIG, type AiConfig } from './ai-config';
import { AI_METRICS, type AiMetrics, ModelCallError, type ModelUsage, TOKEN_LEDGER, type TokenLedger } from './ports';

/** The budget key of calls made for no organization (a customer's own recommendations, insights). */
export const PLATFORM_BUDGET_KEY = 'platform';

export interface CallScope {
  orgId: string | null;
  purpose: string;
  model: string;
}

/**
 * The policy every model call goes through: configured or not, the
 * organization's daily token budget, the circuit breaker, retries with
 * exponential backoff (and the server's Retry-After) on 429, 5xx and refused
 * connections, the exact token count, and metrics. Timeouts are not retried:
 * a caller that waited the whole timeout should not wait it again.
 */
@Injectable()
export class ModelCalls {
  private readonly logger = new Logger('AiModelCalls');
  readonly breaker: CircuitBreaker;

  constructor(
    @Inject(AI_CONFIG) private readonly config: AiConfig,
    @Inject(TOKEN_LEDGER) private readonly ledger: TokenLedger,
    @Inject(AI_METRICS) private readonly metrics: AiMetrics,
  ) {
    this.breaker = new CircuitBreaker(config.breakerFailures, config.breakerCooldownMs);
  }

  isConfigured(): boolean {
    return this.config.apiKey !== undefined;
  }

  async run<T extends { usage: ModelUsage }>(
    ctx: RequestContext,
    scope: CallScope,
    attempt: () => Promise<T>,
    check?: (result: T) => void,
  ): Promise<T & { latencyMs: number }> {
    const org = scope.orgId ?? PLATFORM_BUDGET_KEY;
    const labels = { model: scope.model, org, purpose: scope.purpose };
    const started = Date.now();
    if (!this.isConfigured()) throw AiErrors.notConfigured();
    const budget = scope.orgId === null ? this.config.platformDailyTokenBudget : this.config.dailyTokenBudget;
    if ((await this.ledger.spentToday(org)) >= budget) {
      this.metrics.call({ ...labels, outcome: 'budget_exceeded' }, 0);
      throw AiErrors.budgetExceeded();
    }
    for (let retry = 0; ; retry++) {
      if (!this.breaker.tryAcquire()) {
        this.metrics.call({ ...labels, outcome: 'breaker_open' }, Date.now() - started);
        throw AiErrors.unavailable('the circuit is open after repeated failures', Math.ceil(this.breaker.retryAfterMs() / 1000) || 1);
      }
      try {
        const result = await attempt();
        this.breaker.recordSuccess();
        await this.count(org, scope.model, result.usage);
        const latencyMs = Date.now() - started;
        try {
          check?.(result);
        } catch (error) {
          this.metrics.call({ ...labels, outcome: 'malformed_reply' }, latencyMs);
          throw error;
        }
        this.metrics.call({ ...labels, outcome: 'ok' }, latencyMs);
        return { ...result, latencyMs };
      } catch (error) {
        if (!(error instanceof ModelCallError)) throw error;
        if (error.partialUsage) await this.count(org, scope.model, error.partialUsage);
        if (error.failure === 'client_error' || error.failure === 'bad_response') {
          this.breaker.release();
        } else {
          this.breaker.recordFailure();
        }
        const retryable = error.failure === 'rate_limited' || error.failure === 'server_error' || error.failure === 'connection';
        if (retryable && retry < this.config.maxRetries) {
          this.metrics.retry({ model: scope.model, failure: error.failure });
          await sleep(this.backoffMs(retry, error.retryAfterMs));
          continue;
        }
        this.metrics.call({ ...labels, outcome: error.failure }, Date.now() - started);
        this.logger.warn({
          msg: 'model call failed',
          request_id: ctx.requestId,
          purpose: scope.purpose,
          model: scope.model,
          failure: error.failure,
          retries: retry,
        });
        if (error.failure === 'bad_response') throw AiErrors.malformedReply(error.message);
        throw AiErrors.unavailable(describe(error), error.retryAfterMs ? Math.ceil(error.retryAfterMs / 1000) : undefined);
      }
    }
  }

  private async count(org: string, model: string, usage: ModelUsage): Promise<void> {
    this.metrics.tokens({ model, org }, usage);
    if (usage.promptTokens + usage.completionTokens > 0) await this.ledger.add(org, usage);
  }

  /** Exponential with full jitter, never shorter than the server's Retry-After, capped. */
  private backoffMs(retry: number, retryAfterMs?: number): number {
    const exponential = Math.min(this.config.retryMaxMs, this.config.retryBaseMs * 2 ** retry);
    const jittered = exponential / 2 + Math.random() * (exponential / 2);
    return Math.min(this.config.retryMaxMs, Math.max(jittered, retryAfterMs ?? 0));
  }
}

function describe(error: ModelCallError): string {
  switch (error.failure) {
    case 'timeout':
      return 'it did not answer in time';
    case 'rate_limited':
      return 'it is rate limiting this server';
    case 'server_error':
      return 'it answered with a server error';
    case 'connection':
      return 'it could not be reached';
    case 'cut_off':
      return 'the reply was cut off';
    default:
      return 'it refused the request';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
