import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { CARD_GATEWAY, CardGateway, COMMERCE_JOBS, COMMERCE_UNIT_OF_WORK, CommerceJobs, CommerceUnitOfWork } from '../ports';
import { PaymentSettlement } from '../services/payment-settlement';
import { paymentStatusOf, recordCharge } from '../services/payment-flow';
import { settleTopUp } from './wallet.use-cases';

export const STRIPE = 'stripe';

/**
 * Receives a Stripe webhook: the signature is checked over the raw body, the
 * event id is recorded once, and a job processes it. A duplicate delivery of
 * an unprocessed event enqueues again (the job id de-duplicates).
 */
@Injectable()
export class ReceiveStripeWebhookUseCase {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(CARD_GATEWAY) private readonly gateway: CardGateway,
    @Inject(COMMERCE_JOBS) private readonly jobs: CommerceJobs,
  ) {}

  async execute(ctx: RequestContext, input: { rawBody: Buffer; signature: string | undefined }): Promise<{ duplicate: boolean }> {
    const event = this.gateway.verifyWebhook(input.rawBody, input.signature);
    const fresh = await this.uow.repos.webhooks.record({
      provider: STRIPE,
      eventId: event.id,
      type: event.type,
      objectId: event.objectId,
      payload: event.payload,
    });
    const stored = fresh ? undefined : await this.uow.repos.webhooks.find(STRIPE, event.id);
    if (fresh || !stored?.processedAt) await this.jobs.processWebhook(ctx, STRIPE, event.id);
    return { duplicate: !fresh };
  }
}

/**
 * Processes a recorded Stripe event. It does not trust the event's copy of the
 * PaymentIntent: it reads the intent's current state from Stripe and applies
 * that, so duplicates, replays and events arriving in any order all lead to
 * the same final state. Everything it changes, and the processed mark, commit
 * together: a worker killed halfway leaves nothing, and the retry does it once.
 */
@Injectable()
export class ProcessStripeEventUseCase {
  private readonly logger = new Logger(ProcessStripeEventUseCase.name);

  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(CARD_GATEWAY) private readonly gateway: CardGateway,
    private readonly settlement: PaymentSettlement,
  ) {}

  async execute(ctx: RequestContext, input: { eventId: string }): Promise<'processed' | 'already processed' | 'unknown'> {
    const event = await this.uow.repos.webhooks.find(STRIPE, input.eventId);
    if (!event) return 'unknown';
    if (event.processedAt) return 'already processed';
    const intent = event.type.startsWith('payment_intent.') && event.objectId ? await this.gateway.retrieveIntent(event.objectId) : undefined;
    await this.uow.run(async (repos, events) => {
      const now = new Date();
      const payment = intent ? await repos.payments.lockByProviderRef(intent.id) : undefined;
      if (intent && payment && payment.status !== 'succeeded') {
        const status = paymentStatusOf(intent.status);
        if (status === 'succeeded') {
          recordCharge(payment, intent);
          await this.settlement.settle(ctx, repos, events, payment, now);
        } else if (intent.status === 'requires_payment_method' && intent.lastError) {
          payment.status = 'failed';
          payment.failureReason = intent.lastError;
        } else {
          payment.status = status;
        }
        if (status !== 'succeeded') {
          payment.updatedAt = now;
          await repos.payments.save(payment);
        }
      } else if (intent && !payment) {
        const topUp = await repos.topUps.lockByProviderRef(intent.id);
        if (topUp) await settleTopUp(repos, topUp, intent.status, now);
        else this.logger.warn({ msg: 'stripe event for an unknown payment intent', event_id: input.eventId, intent_id: intent.id });
      }
      await repos.webhooks.markProcessed(STRIPE, input.eventId, now);
    });
    return 'processed';
  }
}
