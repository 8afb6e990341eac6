import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { RequestContext } from '../kernel/request-context';
import { JobQueue } from '../queues/job-queue';
import { PLATFORM_JOBS as JOBS, PLATFORM_QUEUES as QUEUES } from '../queues/queue.registry';
import type { OutgoingMail, OutgoingSms } from './notification.types';

/**
 * What use cases call to send a message. Sending happens in a job, so a slow
 * provider never slows a request; `dedupeKey` makes a repeated call enqueue once.
 */
@Injectable()
export class NotificationSender {
  constructor(private readonly jobs: JobQueue) {}

  sendMail(ctx: RequestContext, mail: OutgoingMail, dedupeKey?: string): Promise<string> {
    return this.jobs.enqueue(QUEUES.mail, JOBS.mailDeliver, ctx, mail, { jobId: dedupeKey && jobId('mail', dedupeKey) });
  }

  sendSms(ctx: RequestContext, sms: OutgoingSms, dedupeKey?: string): Promise<string> {
    return this.jobs.enqueue(QUEUES.sms, JOBS.smsDeliver, ctx, sms, { jobId: dedupeKey && jobId('sms', dedupeKey) });
  }
}

function jobId(channel: string, key: string): string {
  return `${channel}:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}
