import { Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bull';
import { randomUUID } from 'node:crypto';
import { systemContext } from '../../../../platform/kernel';
import type { JobPayload } from '../../../../platform/queues/job-payload';
import { JobQueue } from '../../../../platform/queues/job-queue';
import { AI_CONFIG, type AiConfig } from '../../application/ai-config';
import { RollUpInteractionsUseCase } from '../../application/use-cases/roll-up-interactions.use-case';
import { RecomputeSimilaritiesUseCase } from '../../application/recommendations/recommendation.use-cases';
import { EmbedContentUseCase } from '../../application/recommendations/embedding.use-cases';
import type { EmbeddingJobs } from '../../application/ports';
import type { RequestContext } from '../../../../platform/kernel';

/** The ai context's queue and jobs. */
export const AI_QUEUE = 'ai';
export const AI_JOBS = {
  interactionsRollup: 'ai.interactions.rollup',
  similaritiesRecompute: 'ai.recommendations.recompute-similarities',
  embedListing: 'ai.recommendations.embed-listing',
  embedProfile: 'ai.recommendations.embed-profile',
  embedSweep: 'ai.recommendations.embed-sweep',
} as const;

/** Attempts of one listing's or profile's embedding job (the sweep catches what still fails). */
const EMBED_ATTEMPTS = 3;

const KEEP_FAILED = 100;
const MINUTE_MS = 60_000;

/** Repeatable jobs: Bull keys them by name, id and interval, so one schedule whatever the number of workers. */
const SCHEDULES: Array<{ job: string; jobId: string; everyMs: (config: AiConfig) => number }> = [
  { job: AI_JOBS.interactionsRollup, jobId: 'ai-interactions-rollup', everyMs: (config) => config.interactions.rollupEveryMinutes * MINUTE_MS },
  { job: AI_JOBS.similaritiesRecompute, jobId: 'ai-similarities-recompute', everyMs: (config) => config.similarityRecomputeMinutes * MINUTE_MS },
  { job: AI_JOBS.embedSweep, jobId: 'ai-embed-sweep', everyMs: (config) => config.embeddingSweepMinutes * MINUTE_MS },
];

/**
 * The EMBEDDING_JOBS port: one job per listing or profile change. The job
 * reloads the row and skips it when it already has a vector of the current
 * model, so a repeated job costs one query. Nothing is queued without Mistral.
 */
@Injectable()
export class QueuedEmbeddingJobs implements EmbeddingJobs {
  constructor(
    private readonly jobs: JobQueue,
    @Inject(AI_CONFIG) private readonly config: AiConfig,
  ) {}

  async listing(ctx: RequestContext, listingId: string): Promise<void> {
    if (!this.config.apiKey) return;
    await this.jobs.enqueue(
      AI_QUEUE,
      AI_JOBS.embedListing,
      ctx,
      { listingId },
      {
        attempts: EMBED_ATTEMPTS,
        removeOnComplete: true,
        removeOnFail: KEEP_FAILED,
      },
    );
  }

  async profile(ctx: RequestContext, userId: string): Promise<void> {
    if (!this.config.apiKey) return;
    await this.jobs.enqueue(
      AI_QUEUE,
      AI_JOBS.embedProfile,
      ctx,
      { userId },
      {
        attempts: EMBED_ATTEMPTS,
        removeOnComplete: true,
        removeOnFail: KEEP_FAILED,
      },
    );
  }
}

@Processor(AI_QUEUE)
@Injectable()
export class AiJobsProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(AiJobsProcessor.name);

  constructor(
    private readonly rollUp: RollUpInteractionsUseCase,
    private readonly recompute: RecomputeSimilaritiesUseCase,
    private readonly embed: EmbedContentUseCase,
    private readonly jobs: JobQueue,
    @Inject(AI_CONFIG) private readonly config: AiConfig,
  ) {}

  /** Schedules the repeatable jobs, replacing schedules left by a previous interval setting. */
  async onApplicationBootstrap(): Promise<void> {
    const queue = this.jobs.queue(AI_QUEUE);
    const existing = await queue.getRepeatableJobs();
    for (const schedule of SCHEDULES) {
      const every = schedule.everyMs(this.config);
      for (const scheduled of existing) {
        if (scheduled.name === schedule.job && Number(scheduled.every) !== every) await queue.removeRepeatableByKey(scheduled.key);
      }
      const payload: JobPayload<Record<string, never>> = { ctx: systemContext(schedule.jobId), data: {}, key: randomUUID() };
      await queue.add(schedule.job, payload, { repeat: { every }, jobId: schedule.jobId, removeOnComplete: true, removeOnFail: KEEP_FAILED });
    }
  }

  @Process(AI_JOBS.interactionsRollup)
  async interactionsRollup(job: Job<JobPayload<Record<string, never>>>): Promise<void> {
    const moved = await this.rollUp.execute();
    this.logger.log({ msg: 'interaction rollup done', job_id: job.id, moved });
  }

  @Process(AI_JOBS.similaritiesRecompute)
  async similaritiesRecompute(job: Job<JobPayload<Record<string, never>>>): Promise<void> {
    const pairs = await this.recompute.execute();
    this.logger.log({ msg: 'item similarities recomputed', job_id: job.id, pairs });
  }

  @Process(AI_JOBS.embedListing)
  async embedListing(job: Job<JobPayload<{ listingId: string }>>): Promise<string> {
    return this.embed.listing(job.data.ctx, job.data.data.listingId);
  }

  @Process(AI_JOBS.embedProfile)
  async embedProfile(job: Job<JobPayload<{ userId: string }>>): Promise<string> {
    return this.embed.profile(job.data.ctx, job.data.data.userId);
  }

  @Process(AI_JOBS.embedSweep)
  async embedSweep(job: Job<JobPayload<Record<string, never>>>): Promise<void> {
    const result = await this.embed.sweep(job.data.ctx);
    this.logger.log({ msg: 'embedding sweep done', job_id: job.id, ...result });
  }
}
