import { Process, Processor } from '@nestjs/bull';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bull';
import { randomUUID } from 'node:crypto';
import { systemContext } from '../../../../platform/kernel';
import type { JobPayload } from '../../../../platform/queues/job-payload';
import { JobQueue } from '../../../../platform/queues/job-queue';
import { SendEmailDigestsUseCase } from '../../application/notifications/send-digests.use-case';
import { COMMUNITY_CONFIG, type CommunityConfig } from '../../application/ports';

/** The community context's queue and jobs. */
export const COMMUNITY_QUEUE = 'community';
export const COMMUNITY_JOBS = {
  emailDigest: 'community.email-digest.send',
} as const;

const KEEP_FAILED = 100;
/** Bull keys a repeatable job by name, id and interval: one digest schedule whatever the number of workers. */
export const EMAIL_DIGEST_JOB_ID = 'community-email-digest';

@Processor(COMMUNITY_QUEUE)
export class CommunityJobsProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(CommunityJobsProcessor.name);

  constructor(
    private readonly sendDigests: SendEmailDigestsUseCase,
    private readonly jobs: JobQueue,
    @Inject(COMMUNITY_CONFIG) private readonly config: CommunityConfig,
  ) {}

  /** Schedules the digest, replacing a schedule left by a previous interval setting. */
  async onApplicationBootstrap(): Promise<void> {
    const queue = this.jobs.queue(COMMUNITY_QUEUE);
    const every = this.config.digestIntervalMinutes * 60_000;
    for (const scheduled of await queue.getRepeatableJobs()) {
      if (scheduled.name === COMMUNITY_JOBS.emailDigest && Number(scheduled.every) !== every) await queue.removeRepeatableByKey(scheduled.key);
    }
    const payload: JobPayload<Record<string, never>> = { ctx: systemContext('community-email-digest'), data: {}, key: randomUUID() };
    await queue.add(COMMUNITY_JOBS.emailDigest, payload, { repeat: { every }, jobId: EMAIL_DIGEST_JOB_ID, removeOnComplete: true, removeOnFail: KEEP_FAILED });
  }

  @Process(COMMUNITY_JOBS.emailDigest)
  async emailDigest(job: Job<JobPayload<Record<string, never>>>): Promise<void> {
    const outcome = await this.sendDigests.execute(job.data.ctx);
    this.logger.log({ msg: 'notification digests sent', job_id: job.id, ...outcome });
  }
}
