import { DynamicModule, Module, Provider } from '@nestjs/common';
import { moduleConfigProvider } from '../../platform/config/config.module';
import { AI_CONFIG, type AiConfig } from './application/ai-config';
import { AiApi } from './application/ai.api';
import { ModelCalls } from './application/model-calls';
import { AI_METRICS, LANGUAGE_MODEL, TOKEN_LEDGER } from './application/ports';
import { MistralGateway } from './infrastructure/mistral/mistral.gateway';
import { PrometheusAiMetrics } from './infrastructure/metrics/prometheus-ai.metrics';
import { SqlTokenLedger } from './infrastructure/persistence/sql-token-ledger';

const SECOND = 1000;

const config = moduleConfigProvider(AI_CONFIG, (read): AiConfig => ({
  apiKey: read.raw('MISTRAL_API_KEY'),
  serverUrl: read.optionalUrl('MISTRAL_SERVER_URL', ['https:', 'http:']),
  model: read.string('MISTRAL_MODEL', 'mistral-small-latest'),
  embedModel: read.string('MISTRAL_EMBED_MODEL', 'mistral-embed'),
  moderationModel: read.string('MISTRAL_MODERATION_MODEL', 'mistral-moderation-latest'),
  timeoutMs: read.int('AI_TIMEOUT_MS', 20 * SECOND, 100, 120 * SECOND),
  streamTimeoutMs: read.int('AI_STREAM_TIMEOUT_MS', 60 * SECOND, 100, 300 * SECOND),
  maxRetries: read.int('AI_MAX_RETRIES', 2, 0, 5),
  retryBaseMs: read.int('AI_RETRY_BASE_MS', 500, 1, 30 * SECOND),
  retryMaxMs: read.int('AI_RETRY_MAX_MS', 8 * SECOND, 1, 60 * SECOND),
  breakerFailures: read.int('AI_BREAKER_FAILURES', 5, 1, 100),
  breakerCooldownMs: read.int('AI_BREAKER_COOLDOWN_MS', 30 * SECOND, 10, 600 * SECOND),
  dailyTokenBudget: read.int('AI_DAILY_TOKEN_BUDGET', 2_000_000, 0, 1_000_000_000),
  platformDailyTokenBudget: read.int('AI_PLATFORM_DAILY_TOKEN_BUDGET', 5_000_000, 0, 1_000_000_000),
}));

const ADAPTERS: Provider[] = [
  { provide: LANGUAGE_MODEL, useClass: MistralGateway },
  { provide: TOKEN_LEDGER, useClass: SqlTokenLedger },
  { provide: AI_METRICS, useClass: PrometheusAiMetrics },
];

/**
 * The ai context: the one language model provider (Mistral) every AI feature
 * uses, reached by other contexts through AiApi. Global so any context can
 * inject AiApi without importing this module.
 */
@Module({})
export class AiModule {
  static register(options: { processJobs: boolean; serveHttp: boolean }): DynamicModule {
    void options;
    return {
      module: AiModule,
      global: true,
      controllers: [],
      providers: [config, ...ADAPTERS, ModelCalls, AiApi],
      exports: [AiApi],
    };
  }
}
