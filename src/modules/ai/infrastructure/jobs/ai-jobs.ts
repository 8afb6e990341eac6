import { Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bull';
import { randomUUID } from 'node:crypto';
import { systemContext } from '../../../../platform/kernel';
import type { JobPayload } from '../../../../platform/queues/job-payload';
import { JobQueue } from '../../../../platform/queues/job-queue';
import { AI_CONFIG, type AiConfig } from '../../application/ai-config';
import { RollUpInteractionsUseCase } from '../../application/use-cases/roll-up-interactions.use-case';

/** The ai context's queue and jobs. */
export const AI_QUEUE = 'ai';
export const AI_JOBS = {
  interactionsRollup: 'ai.interactions.rollup',
} as const;

const KEEP_FAILED = 100;
const MINUTE_MS = 60_000;

/** Repeatable jobs: Bull keys them by name, id and interval, so one schedule whatever the number of workers. */
const SCHEDULES: Array<{ job: string; jobId: string; everyMs: (config: AiConfig) => number }> = [
  { job: AI_JOBS.interactionsRollup, jobId: 'ai-interactions-rollup', everyMs: (config) => config.interactions.rollupEveryMinutes * MINUTE_MS },
];

@Processor(AI_QUEUE)
@Injectable()
export class AiJobsProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(AiJobsProcessor.name);

  constructor(
    private readonly rollUp: RollUpInteractionsUseCase,
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
}
