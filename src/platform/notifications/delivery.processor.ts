import { Inject, Logger } from '@nestjs/common';
import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import type { JobPayload } from '../queues/job-payload';
import { PLATFORM_JOBS as JOBS, PLATFORM_QUEUES as QUEUES } from '../queues/queue.registry';
import { MAIL_TRANSPORT, MailTransport, OutgoingMail, OutgoingSms, SMS_TRANSPORT, SmsTransport } from './notification.types';

/** The delivery key survives retries and re-deliveries of the same job. */
function deliveryKey(job: Job<JobPayload<unknown>>): string {
  return `${job.queue.name}:${job.data.key}`;
}

@Processor(QUEUES.mail)
export class MailDeliveryProcessor {
  private readonly logger = new Logger(MailDeliveryProcessor.name);
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  @Process(JOBS.mailDeliver)
  async deliver(job: Job<JobPayload<OutgoingMail>>): Promise<void> {
    await this.transport.deliverMail(deliveryKey(job), job.data.data);
    this.logger.log({ msg: 'mail delivered', job_id: job.id, request_id: job.data.ctx.requestId });
  }
}

@Processor(QUEUES.sms)
export class SmsDeliveryProcessor {
  private readonly logger = new Logger(SmsDeliveryProcessor.name);
  constructor(@Inject(SMS_TRANSPORT) private readonly transport: SmsTransport) {}

  @Process(JOBS.smsDeliver)
  async deliver(job: Job<JobPayload<OutgoingSms>>): Promise<void> {
    await this.transport.deliverSms(deliveryKey(job), job.data.data);
    this.logger.log({ msg: 'sms delivered', job_id: job.id, request_id: job.data.ctx.requestId });
  }
}
