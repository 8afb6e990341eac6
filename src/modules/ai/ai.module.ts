import { DynamicModule, Module, Provider } from '@nestjs/common';
import { moduleConfigProvider } from '../../platform/config/config.module';
import { AI_CONFIG, type AiConfig } from './application/ai-config';
import { AiApi } from './application/ai.api';
import { ModelCalls } from './application/model-calls';
import {
  AI_METRICS,
  INTERACTIONS,
  LANGUAGE_MODEL,
  RATE_LIMITER,
  RECOMMENDATION_CACHE,
  RIDING_PROFILES,
  TOKEN_LEDGER,
  VEHICLE_CATALOG,
} from './application/ports';
import { RecordInteractionsUseCase } from './application/use-cases/record-interactions.use-case';
import { RollUpInteractionsUseCase } from './application/use-cases/roll-up-interactions.use-case';
import { InteractionsController } from './infrastructure/http/interactions.controller';
import { AI_QUEUE, AiJobsProcessor, QueuedEmbeddingJobs } from './infrastructure/jobs/ai-jobs';
import { SqlInteractionRepository } from './infrastructure/persistence/sql-interaction.repository';
import { RedisRateLimiter } from './infrastructure/redis/redis-rate-limiter';
import { registerQueues } from '../../platform/queues/queues.module';
import { unitOfWorkProvider } from '../../platform/database/unit-of-work';
import { CustomerActor } from './application/training/customer-actor';
import {
  RecomputeSimilaritiesUseCase,
  RecommendationQueries,
  RecordPurchasesUseCase,
  SyncListingUseCase,
} from './application/recommendations/recommendation.use-cases';
import { EMBEDDING_JOBS, LISTING_CATALOG, SIMILARITIES } from './application/ports';
import { EmbedContentUseCase } from './application/recommendations/embedding.use-cases';
import { AiEventHandlers } from './infrastructure/events/ai-event-handlers';
import { RecommendationsController } from './infrastructure/http/recommendations.controller';
import { SqlListingCatalog, SqlSimilarities } from './infrastructure/persistence/sql-recommendation.repositories';
import { ScenarioUseCases } from './application/training/scenario.use-cases';
import { SessionUseCases } from './application/training/session.use-cases';
import { ORGANIZATION_DIRECTORY, TRAINING_UNIT_OF_WORK } from './application/training-ports';
import { TrainingScenariosController, TrainingSessionsController } from './infrastructure/http/training.controller';
import { OrganizationsDirectory } from './infrastructure/organizations/organizations-directory';
import { trainingRepos } from './infrastructure/persistence/sql-training.repositories';
import { TrainingScenariosSeeder } from './infrastructure/seed/training-scenarios.seeder';
import { AiDemoSeeder } from './infrastructure/seed/ai-demo.seeder';
import { ProfileQueries } from './application/queries/profile.queries';
import { UserInsightsQuery } from './application/queries/user-insights.query';
import { InsightsController } from './infrastructure/http/insights.controller';
import { SubmitOnboardingUseCase } from './application/use-cases/submit-onboarding.use-case';
import { UpdateRidingProfileUseCase } from './application/use-cases/update-riding-profile.use-case';
import { RedisRecommendationCache } from './infrastructure/cache/redis-recommendation.cache';
import { CatalogVehicles } from './infrastructure/catalog/catalog-vehicles';
import { ProfileController } from './infrastructure/http/profile.controller';
import { SqlRidingProfileRepository } from './infrastructure/persistence/sql-riding-profile.repository';
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
  similarityRecomputeMinutes: read.int('AI_SIMILARITY_RECOMPUTE_MINUTES', 60, 1, 7 * 24 * 60),
  embeddingSweepMinutes: read.int('AI_EMBEDDING_SWEEP_MINUTES', 15, 1, 7 * 24 * 60),
  interactions: {
    batchesPerMinute: read.int('AI_INTERACTION_BATCHES_PER_MINUTE', 60, 1, 100_000),
    rawRetentionDays: read.int('AI_INTERACTIONS_RAW_RETENTION_DAYS', 30, 1, 3650),
    rollupEveryMinutes: read.int('AI_INTERACTIONS_ROLLUP_MINUTES', 60, 1, 7 * 24 * 60),
    rollupChunk: read.int('AI_INTERACTIONS_ROLLUP_CHUNK', 5000, 1, 1_000_000),
  },
}));

const ADAPTERS: Provider[] = [
  { provide: LANGUAGE_MODEL, useClass: MistralGateway },
  { provide: TOKEN_LEDGER, useClass: SqlTokenLedger },
  { provide: AI_METRICS, useClass: PrometheusAiMetrics },
  { provide: RIDING_PROFILES, useClass: SqlRidingProfileRepository },
  { provide: VEHICLE_CATALOG, useClass: CatalogVehicles },
  { provide: RECOMMENDATION_CACHE, useClass: RedisRecommendationCache },
  { provide: INTERACTIONS, useClass: SqlInteractionRepository },
  { provide: RATE_LIMITER, useClass: RedisRateLimiter },
  { provide: ORGANIZATION_DIRECTORY, useClass: OrganizationsDirectory },
  unitOfWorkProvider(TRAINING_UNIT_OF_WORK, trainingRepos),
  { provide: LISTING_CATALOG, useClass: SqlListingCatalog },
  { provide: SIMILARITIES, useClass: SqlSimilarities },
  { provide: EMBEDDING_JOBS, useClass: QueuedEmbeddingJobs },
];

const USE_CASES = [
  SubmitOnboardingUseCase,
  UpdateRidingProfileUseCase,
  RecordInteractionsUseCase,
  RollUpInteractionsUseCase,
  ScenarioUseCases,
  SessionUseCases,
  CustomerActor,
  RecomputeSimilaritiesUseCase,
  RecommendationQueries,
  RecordPurchasesUseCase,
  SyncListingUseCase,
  EmbedContentUseCase,
];
const QUERIES = [ProfileQueries, UserInsightsQuery];
const CONTROLLERS = [
  ProfileController,
  InteractionsController,
  TrainingScenariosController,
  TrainingSessionsController,
  RecommendationsController,
  InsightsController,
];

/**
 * The ai context: the one language model provider (Mistral) every AI feature
 * uses, reached by other contexts through AiApi. Global so any context can
 * inject AiApi without importing this module.
 */
@Module({})
export class AiModule {
  static register(options: { processJobs: boolean; serveHttp: boolean }): DynamicModule {
    return {
      module: AiModule,
      global: true,
      imports: [registerQueues(AI_QUEUE)],
      controllers: options.serveHttp ? CONTROLLERS : [],
      providers: [
        config,
        ...ADAPTERS,
        ModelCalls,
        AiApi,
        ...USE_CASES,
        ...QUERIES,
        TrainingScenariosSeeder,
        AiDemoSeeder,
        AiEventHandlers,
        ...(options.processJobs ? [AiJobsProcessor] : []),
      ],
      exports: [AiApi],
    };
  }
}
