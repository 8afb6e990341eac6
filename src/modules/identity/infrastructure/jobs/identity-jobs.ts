import { Process, Processor } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import type { RequestContext } from '../../../../platform/kernel';
import type { JobPayload } from '../../../../platform/queues/job-payload';
import { JobQueue } from '../../../../platform/queues/job-queue';
import { JOBS, QUEUES } from '../../../../platform/queues/queue.registry';
import type { PasswordResetQueue } from '../../application/ports';
import { IssuePasswordResetUseCase } from '../../application/use-cases/issue-password-reset.use-case';

const ATTEMPTS = 3;
const KEEP_FAILED = 100;

@Injectable()
export class BullPasswordResetQueue implements PasswordResetQueue {
  constructor(private readonly jobs: JobQueue) {}

  async enqueue(ctx: RequestContext, email: string): Promise<void> {
    // The job carries an e-mail address: it is dropped as soon as it completes.
    await this.jobs.enqueue(
      QUEUES.identity,
      JOBS.identityPasswordResetIssue,
      ctx,
      { email },
      { attempts: ATTEMPTS, removeOnComplete: true, removeOnFail: KEEP_FAILED },
    );
  }
}

@Processor(QUEUES.identity)
export class IdentityJobsProcessor {
  private readonly logger = new Logger(IdentityJobsProcessor.name);

  constructor(private readonly issuePasswordReset: IssuePasswordResetUseCase) {}

  @Process(JOBS.identityPasswordResetIssue)
  async passwordReset(job: Job<JobPayload<{ email: string }>>): Promise<void> {
    const outcome = await this.issuePasswordReset.execute(job.data.ctx, job.data.data);
    this.logger.log({ msg: 'password reset request processed', job_id: job.id, request_id: job.data.ctx.requestId, outcome });
  }
}
