import { Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bull';
import { randomUUID } from 'node:crypto';
import { systemContext, type RequestContext } from '../../../../platform/kernel';
import type { JobPayload } from '../../../../platform/queues/job-payload';
import { JobQueue } from '../../../../platform/queues/job-queue';
import type { PasswordResetQueue } from '../../application/ports';
import { IssuePasswordResetUseCase } from '../../application/use-cases/issue-password-reset.use-case';
import { PurgeExpiredIdentityDataUseCase } from '../../application/use-cases/purge-expired-identity-data.use-case';
import { IDENTITY_CONFIG, IdentityConfig } from '../identity-config';

/** The identity context's queue and jobs. */
export const IDENTITY_QUEUE = 'identity';
export const IDENTITY_JOBS = {
  passwordResetIssue: 'identity.password-reset.issue',
  retentionSweep: 'identity.retention.sweep',
} as const;

const ATTEMPTS = 3;
const KEEP_FAILED = 100;
/** Bull keys a repeatable job by name, id and interval: one sweep schedule whatever the number of workers. */
export const RETENTION_SWEEP_JOB_ID = 'identity-retention-sweep';

@Injectable()
export class BullPasswordResetQueue implements PasswordResetQueue {
  constructor(private readonly jobs: JobQueue) {}

  async enqueue(ctx: RequestContext, email: string): Promise<void> {
    // The job carries an e-mail address: it is dropped as soon as it completes.
    await this.jobs.enqueue(
      IDENTITY_QUEUE,
      IDENTITY_JOBS.passwordResetIssue,
      ctx,
      { email },
      { attempts: ATTEMPTS, removeOnComplete: true, removeOnFail: KEEP_FAILED },
    );
  }
}

@Processor(IDENTITY_QUEUE)
export class IdentityJobsProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(IdentityJobsProcessor.name);

  constructor(
    private readonly issuePasswordReset: IssuePasswordResetUseCase,
    private readonly purgeExpired: PurgeExpiredIdentityDataUseCase,
    private readonly jobs: JobQueue,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  /** Schedules the retention sweep, replacing a schedule left by a previous interval setting. */
  async onApplicationBootstrap(): Promise<void> {
    const queue = this.jobs.queue(IDENTITY_QUEUE);
    const every = this.config.retentionSweepMinutes * 60_000;
    for (const scheduled of await queue.getRepeatableJobs()) {
      if (scheduled.name === IDENTITY_JOBS.retentionSweep && Number(scheduled.every) !== every) await queue.removeRepeatableByKey(scheduled.key);
    }
    const payload: JobPayload<Record<string, never>> = { ctx: systemContext('identity-retention-sweep'), data: {}, key: randomUUID() };
    await queue.add(IDENTITY_JOBS.retentionSweep, payload, {
      repeat: { every },
      jobId: RETENTION_SWEEP_JOB_ID,
      removeOnComplete: true,
      removeOnFail: KEEP_FAILED,
    });
  }

  @Process(IDENTITY_JOBS.passwordResetIssue)
  async passwordReset(job: Job<JobPayload<{ email: string }>>): Promise<void> {
    const outcome = await this.issuePasswordReset.execute(job.data.ctx, job.data.data);
    this.logger.log({ msg: 'password reset request processed', job_id: job.id, request_id: job.data.ctx.requestId, outcome });
  }

  @Process(IDENTITY_JOBS.retentionSweep)
  async retentionSweep(job: Job<JobPayload<Record<string, never>>>): Promise<void> {
    const deleted = await this.purgeExpired.execute();
    this.logger.log({ msg: 'identity retention sweep done', job_id: job.id, deleted });
  }
}
