import { Process, Processor } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bull';
import type { RequestContext } from '../../../../platform/kernel';
import type { JobPayload } from '../../../../platform/queues/job-payload';
import { JobQueue } from '../../../../platform/queues/job-queue';
import { MARKETPLACE_JOBS, MARKETPLACE_QUEUE } from '../../application/ports';
import { ReviewTuneUseCase } from '../../application/use-cases/review-tune.use-case';

/** Puts a tune on the safety gate's queue (one job per listing and version: a duplicate enqueue is ignored). */
@Injectable()
export class ReviewQueue {
  constructor(private readonly jobs: JobQueue) {}

  async enqueue(ctx: RequestContext, listingId: string, dedupe: string): Promise<void> {
    await this.jobs.enqueue(MARKETPLACE_QUEUE, MARKETPLACE_JOBS.reviewTune, ctx, { listingId }, { jobId: `review-${listingId}-${dedupe}`, attempts: 5 });
  }
}

@Processor(MARKETPLACE_QUEUE)
export class MarketplaceJobsProcessor {
  constructor(private readonly reviewTune: ReviewTuneUseCase) {}

  @Process(MARKETPLACE_JOBS.reviewTune)
  async review(job: Job<JobPayload<{ listingId: string }>>): Promise<string> {
    return this.reviewTune.execute(job.data.ctx, job.data.data);
  }
}
