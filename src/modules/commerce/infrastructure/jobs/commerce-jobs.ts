import { Process, Processor } from '@nestjs/bull';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bull';
import { randomUUID } from 'node:crypto';
import { systemContext, type RequestContext } from '../../../../platform/kernel';
import type { JobPayload } from '../../../../platform/queues/job-payload';
import { JobQueue } from '../../../../platform/queues/job-queue';
import { COMMERCE_UNIT_OF_WORK, CommerceJobs, CommerceUnitOfWork } from '../../application/ports';
import { ExpireOrdersUseCase } from '../../application/use-cases/change-order-status.use-case';
import { ReconcileLedgerUseCase } from '../../application/use-cases/wallet.use-cases';
import { ProcessStripeEventUseCase, STRIPE } from '../../application/use-cases/stripe-webhook.use-case';
import { ProcessConnectEventUseCase, STRIPE_CONNECT } from '../../application/use-cases/payouts.use-cases';

/** The commerce context's queue and jobs. */
export const COMMERCE_QUEUE = 'commerce';
export const COMMERCE_JOB_NAMES = {
  webhook: 'commerce.webhook.process',
  sweep: 'commerce.maintenance.sweep',
} as const;

const WEBHOOK_ATTEMPTS = 8;
const KEEP_FAILED = 1000;
const SWEEP_EVERY_MS = 60_000;
export const SWEEP_JOB_ID = 'commerce-maintenance-sweep';
/** An event still unprocessed this long after it arrived is enqueued again (its job was lost). */
const STALE_EVENT_MS = 5 * 60_000;

interface WebhookJob {
  provider: string;
  eventId: string;
}

@Injectable()
export class BullCommerceJobs implements CommerceJobs {
  constructor(private readonly jobs: JobQueue) {}

  async processWebhook(ctx: RequestContext, provider: string, eventId: string): Promise<void> {
    // One job per event: the job id de-duplicates deliveries while the job is kept.
    await this.jobs.enqueue<WebhookJob>(
      COMMERCE_QUEUE,
      COMMERCE_JOB_NAMES.webhook,
      ctx,
      { provider, eventId },
      {
        jobId: `webhook:${provider}:${eventId}`,
        attempts: WEBHOOK_ATTEMPTS,
        removeOnFail: KEEP_FAILED,
      },
    );
  }
}

@Processor(COMMERCE_QUEUE)
export class CommerceJobsProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(CommerceJobsProcessor.name);

  constructor(
    private readonly processStripeEvent: ProcessStripeEventUseCase,
    private readonly processConnectEvent: ProcessConnectEventUseCase,
    private readonly expireOrders: ExpireOrdersUseCase,
    private readonly reconcile: ReconcileLedgerUseCase,
    private readonly jobs: JobQueue,
    private readonly commerceJobs: BullCommerceJobs,
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const payload: JobPayload<Record<string, never>> = { ctx: systemContext('commerce-sweep'), data: {}, key: randomUUID() };
    await this.jobs.queue(COMMERCE_QUEUE).add(COMMERCE_JOB_NAMES.sweep, payload, {
      repeat: { every: SWEEP_EVERY_MS },
      jobId: SWEEP_JOB_ID,
      removeOnComplete: true,
      removeOnFail: 100,
    });
  }

  @Process(COMMERCE_JOB_NAMES.webhook)
  async webhook(job: Job<JobPayload<WebhookJob>>): Promise<string> {
    const { provider, eventId } = job.data.data;
    const outcome =
      provider === STRIPE_CONNECT
        ? await this.processConnectEvent.execute(job.data.ctx, { eventId })
        : await this.processStripeEvent.execute(job.data.ctx, { eventId });
    this.logger.log({ msg: 'webhook event processed', job_id: job.id, event_id: job.data.data.eventId, outcome });
    return outcome;
  }

  /** Expired orders, forgotten idempotency keys, webhook events whose job was lost, and the ledger reconciliation. */
  @Process(COMMERCE_JOB_NAMES.sweep)
  async sweep(job: Job<JobPayload<Record<string, never>>>): Promise<void> {
    const now = new Date();
    const expired = await this.expireOrders.execute(job.data.ctx, now);
    const purged = await this.uow.repos.idempotency.purgeExpired(now);
    const stale = await this.uow.repos.webhooks.unprocessed(STRIPE, new Date(now.getTime() - STALE_EVENT_MS), 100);
    for (const eventId of stale) await this.commerceJobs.processWebhook(job.data.ctx, STRIPE, eventId);
    const staleConnect = await this.uow.repos.webhooks.unprocessed(STRIPE_CONNECT, new Date(now.getTime() - STALE_EVENT_MS), 100);
    for (const eventId of staleConnect) await this.commerceJobs.processWebhook(job.data.ctx, STRIPE_CONNECT, eventId);
    const differences = await this.reconcile.execute(job.data.ctx, { requireAdmin: false });
    this.logger.log({ msg: 'commerce sweep done', job_id: job.id, expired, purged, requeued: stale.length, ledger_differences: differences.length });
  }
}
