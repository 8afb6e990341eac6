import { Process, Processor } from '@nestjs/bull';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bull';
import { randomUUID } from 'node:crypto';
import { systemContext } from '../../../../platform/kernel';
import type { JobPayload } from '../../../../platform/queues/job-payload';
import { JobQueue } from '../../../../platform/queues/job-queue';
import { BOOKINGS_SETTINGS, BookingsSettings } from '../../application/ports';
import { ExpireBookingHoldsUseCase } from '../../application/use-cases/online-payment.use-cases';

/** The bookings context's queue and jobs. */
export const BOOKINGS_QUEUE = 'bookings';
export const BOOKINGS_JOBS = {
  expireHolds: 'bookings.holds.expire',
} as const;

const KEEP_FAILED = 100;
/** Bull keys a repeatable job by name, id and interval: one sweep whatever the number of workers. */
export const EXPIRE_HOLDS_JOB_ID = 'bookings-expire-holds';

@Processor(BOOKINGS_QUEUE)
export class BookingsJobsProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(BookingsJobsProcessor.name);

  constructor(
    private readonly expireHolds: ExpireBookingHoldsUseCase,
    private readonly jobs: JobQueue,
    @Inject(BOOKINGS_SETTINGS) private readonly settings: BookingsSettings,
  ) {}

  /** Schedules the sweep, replacing a schedule left by a previous interval setting. */
  async onApplicationBootstrap(): Promise<void> {
    const queue = this.jobs.queue(BOOKINGS_QUEUE);
    const every = this.settings.holdSweepIntervalMs;
    for (const scheduled of await queue.getRepeatableJobs()) {
      if (scheduled.name === BOOKINGS_JOBS.expireHolds && Number(scheduled.every) !== every) await queue.removeRepeatableByKey(scheduled.key);
    }
    const payload: JobPayload<Record<string, never>> = { ctx: systemContext('bookings-expire-holds'), data: {}, key: randomUUID() };
    await queue.add(BOOKINGS_JOBS.expireHolds, payload, { repeat: { every }, jobId: EXPIRE_HOLDS_JOB_ID, removeOnComplete: true, removeOnFail: KEEP_FAILED });
  }

  @Process(BOOKINGS_JOBS.expireHolds)
  async expire(job: Job<JobPayload<Record<string, never>>>): Promise<void> {
    const expired = await this.expireHolds.execute(job.data.ctx, new Date());
    if (expired > 0) this.logger.log({ msg: 'booking holds expired', job_id: job.id, expired });
  }
}
