import { Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bull';
import { randomUUID } from 'node:crypto';
import { systemContext } from '../../../../platform/kernel';
import type { JobPayload } from '../../../../platform/queues/job-payload';
import { JobQueue } from '../../../../platform/queues/job-queue';
import { previousPeriod } from '../../domain';
import { PAYOUT_SETTINGS, PayoutSettings } from '../../application/ports';
import { RunPayoutsUseCase } from '../../application/use-cases/payouts.use-cases';
import { COMMERCE_QUEUE } from './commerce-jobs';

export const PAYOUT_JOB_NAMES = { monthly: 'commerce.payouts.monthly' } as const;
export const PAYOUT_JOB_ID = 'commerce-payouts-monthly';
/** A run that leaves payouts failed or unknown is retried: 5 attempts, an hour apart and doubling. */
const PAYOUT_ATTEMPTS = 5;
const PAYOUT_BACKOFF_MS = 60 * 60_000;

/**
 * The monthly payouts: a repeatable job on PAYOUT_CRON (UTC, default the 1st
 * at 03:00) pays the month before. The job is thin; the use case makes a
 * repeated or concurrent run harmless.
 */
/**
 * The month a monthly run pays: the one before its scheduled time. Bull adds a
 * repeatable job's next occurrence when the current one starts, with a delay
 * until the cron time, so the schedule is timestamp + delay (the timestamp
 * alone is the previous run). Fixed by the schedule, a retry hours later still
 * pays the same period.
 */
export function payoutPeriodOf(job: Pick<Job, 'timestamp' | 'opts'>): string {
  return previousPeriod(new Date(job.timestamp + (job.opts.delay ?? 0)));
}

@Injectable()
@Processor(COMMERCE_QUEUE)
export class PayoutJobsProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(PayoutJobsProcessor.name);

  constructor(
    private readonly runPayouts: RunPayoutsUseCase,
    private readonly jobs: JobQueue,
    @Inject(PAYOUT_SETTINGS) private readonly settings: PayoutSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const payload: JobPayload<Record<string, never>> = { ctx: systemContext('commerce-payouts'), data: {}, key: randomUUID() };
    await this.jobs.queue(COMMERCE_QUEUE).add(PAYOUT_JOB_NAMES.monthly, payload, {
      repeat: { cron: this.settings.cron, tz: 'UTC' },
      jobId: PAYOUT_JOB_ID,
      attempts: PAYOUT_ATTEMPTS,
      backoff: { type: 'exponential', delay: PAYOUT_BACKOFF_MS },
      removeOnComplete: true,
      removeOnFail: 100,
    });
  }

  @Process(PAYOUT_JOB_NAMES.monthly)
  async monthly(job: Job<JobPayload<Record<string, never>>>): Promise<string> {
    const period = payoutPeriodOf(job);
    const run = await this.runPayouts.execute(job.data.ctx, { period });
    const unsettled = run.results.filter((r) => r.outcome === 'failed' || r.outcome === 'pending' || r.outcome === 'in_progress');
    this.logger.log({ msg: 'monthly payouts', job_id: job.id, period, payouts: run.results.length, unsettled: unsettled.length });
    if (unsettled.length > 0) throw new Error(`${unsettled.length} payouts of ${period} are not paid yet: retried`);
    return period;
  }
}
