import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, RequestContext } from '../../../../platform/kernel';
import { CommerceErrors } from '../../domain';
import { isBuyer } from '../access';
import { publishStatusChanges } from '../events';
import { providerKey } from '../idempotency';
import { COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork, Payment } from '../ports';
import { OrderQueries } from '../queries/order.queries';
import { RAZORPAY, RAZORPAY_GATEWAY, RazorpayGateway } from '../razorpay-ports';
import { CardAttempts } from '../services/card-attempts';
import { PaymentSettlement } from '../services/payment-settlement';
import type { OrderView } from '../views';

export interface RazorpayCheckout {
  payment: Payment;
  razorpayOrderId: string;
  keyId: string;
}

/**
 * The buyer chooses Razorpay for an order awaiting payment: a `razorpay`
 * payment attempt (the open card attempt cancelled first), and a Razorpay
 * order for the amount from our own data, with our payment id as receipt.
 * Repeating it resumes the same attempt and Razorpay order.
 */
@Injectable()
export class CreateRazorpayOrderUseCase {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(RAZORPAY_GATEWAY) private readonly gateway: RazorpayGateway,
    private readonly cardAttempts: CardAttempts,
  ) {}

  async execute(ctx: RequestContext, input: { orderId: string; recoveryId: string }): Promise<RazorpayCheckout> {
    if (!this.gateway.enabled) throw CommerceErrors.razorpayDisabled();
    const before = await this.uow.repos.orders.findById(input.orderId);
    if (!before || !isBuyer(ctx, before.order)) throw CommerceErrors.orderNotFound();
    const latest = await this.uow.repos.payments.latestForOrder(input.orderId);
    const resumable = latest?.method === 'razorpay' && latest.status === 'requires_payment';
    if (!resumable) {
      if (!before.order.isOpen) throw CommerceErrors.invalidTransition(before.order.status, 'paid');
      await this.cardAttempts.stop(ctx, input.orderId);
    }
    const payment = await this.uow.run(async (repos, events) => {
      const stored = await repos.orders.lock(input.orderId);
      if (!stored) throw CommerceErrors.orderNotFound();
      const current = await repos.payments.latestForOrder(input.orderId);
      if (current?.method === 'razorpay' && current.status === 'requires_payment') return current;
      if (!stored.order.isOpen) throw CommerceErrors.invalidTransition(stored.order.status, 'paid');
      if (stored.order.totalMinor === 0) throw CommerceErrors.invalidMoney('an order that costs nothing needs no payment');
      const now = new Date();
      const attempts = await repos.payments.listForOrder(input.orderId);
      for (const open of attempts.filter((p) => p.status === 'requires_payment' || p.status === 'processing')) {
        open.status = 'cancelled';
        open.updatedAt = now;
        await repos.payments.save(open);
      }
      const created: Payment = {
        id: randomUUID(),
        orgId: stored.order.sellerOrgId,
        orderId: input.orderId,
        buyerUserId: stored.order.buyerUserId,
        attempt: Math.max(0, ...attempts.map((p) => p.attempt)) + 1,
        method: 'razorpay',
        status: 'requires_payment',
        amountMinor: stored.order.totalMinor,
        currency: stored.order.currency,
        providerRef: null,
        clientSecret: null,
        providerKey: providerKey(input.recoveryId, input.orderId, RAZORPAY),
        failureReason: null,
        createdAt: now,
        updatedAt: now,
      };
      await repos.payments.insert(created);
      stored.order.awaitPayment(now);
      await repos.orders.save(stored.order);
      publishStatusChanges(ctx, events, stored.order);
      return created;
    });
    const withOrder = payment.providerRef ? payment : await this.createProviderOrder(payment);
    return { payment: withOrder, razorpayOrderId: withOrder.providerRef as string, keyId: this.gateway.keyId as string };
  }

  private async createProviderOrder(payment: Payment): Promise<Payment> {
    let created;
    try {
      created = await this.gateway.createOrder({
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        receipt: payment.id,
        notes: { order_id: payment.orderId, payment_id: payment.id },
      });
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw CommerceErrors.paymentProviderUnavailable();
    }
    return this.uow.run(async (repos) => {
      const current = await repos.payments.lock(payment.id);
      if (!current) throw CommerceErrors.paymentNotFound();
      if (current.providerRef) return current;
      current.providerRef = created.id;
      current.updatedAt = new Date();
      await repos.payments.save(current);
      return current;
    });
  }
}

/**
 * The buyer's browser hands back what Razorpay's checkout returned. The
 * signature (HMAC-SHA256 of `order_id|payment_id` with the key secret) proves
 * Razorpay issued it; then the attempt succeeds and the order is paid, once
 * (a repeat finds the payment succeeded and changes nothing).
 */
@Injectable()
export class VerifyRazorpayPaymentUseCase {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(RAZORPAY_GATEWAY) private readonly gateway: RazorpayGateway,
    private readonly settlement: PaymentSettlement,
    private readonly queries: OrderQueries,
  ) {}

  async execute(ctx: RequestContext, input: { razorpayOrderId: string; razorpayPaymentId: string; signature: string }): Promise<OrderView> {
    if (!this.gateway.enabled) throw CommerceErrors.razorpayDisabled();
    if (!this.gateway.paymentSignatureValid(input.razorpayOrderId, input.razorpayPaymentId, input.signature)) {
      throw CommerceErrors.paymentSignatureInvalid();
    }
    const orderId = await this.uow.run(async (repos, events) => {
      const payment = await repos.payments.lockByProviderRef(input.razorpayOrderId);
      if (!payment || payment.method !== 'razorpay') throw CommerceErrors.paymentNotFound();
      const stored = await repos.orders.findById(payment.orderId);
      if (!stored || !isBuyer(ctx, stored.order)) throw CommerceErrors.paymentNotFound();
      // The Razorpay payment that paid: a refund targets it.
      if (payment.status !== 'succeeded') payment.providerPaymentId = input.razorpayPaymentId;
      await this.settlement.settle(ctx, repos, events, payment, new Date());
      return payment.orderId;
    });
    return this.queries.view(orderId);
  }
}

/**
 * Razorpay's webhook: the signature over the raw body with the webhook
 * secret, each event id recorded once, and the event applied in the same
 * transaction as its processed mark (a crash leaves it unprocessed and the
 * redelivery applies it). `payment.captured` and `order.paid` settle the
 * attempt; `payment.failed` fails an attempt still waiting, so the buyer can
 * retry. Applying is idempotent: replays and reordering change nothing more.
 */
@Injectable()
export class ReceiveRazorpayWebhookUseCase {
  private readonly logger = new Logger(ReceiveRazorpayWebhookUseCase.name);

  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(RAZORPAY_GATEWAY) private readonly gateway: RazorpayGateway,
    private readonly settlement: PaymentSettlement,
  ) {}

  async execute(ctx: RequestContext, input: { rawBody: Buffer; signature: string | undefined; eventId: string | undefined }): Promise<{ duplicate: boolean }> {
    if (!this.gateway.webhooksEnabled) throw CommerceErrors.razorpayWebhookDisabled();
    const event = this.gateway.verifyWebhook(input.rawBody, input.signature, input.eventId);
    const fresh = await this.uow.repos.webhooks.record({
      provider: RAZORPAY,
      eventId: event.id,
      type: event.type,
      objectId: event.objectId,
      payload: event.payload,
    });
    if (!fresh && (await this.uow.repos.webhooks.find(RAZORPAY, event.id))?.processedAt) return { duplicate: true };
    await this.uow.run(async (repos, events) => {
      const now = new Date();
      const payment = event.objectId ? await repos.payments.lockByProviderRef(event.objectId) : undefined;
      if (!payment || payment.method !== 'razorpay') {
        this.logger.warn({ msg: 'razorpay event for no payment of ours', event_id: event.id, type: event.type });
      } else if (event.type === 'payment.captured' || event.type === 'order.paid') {
        if (payment.status !== 'succeeded') payment.providerPaymentId = razorpayPaymentIdOf(event.payload) ?? payment.providerPaymentId ?? null;
        await this.settlement.settle(ctx, repos, events, payment, now);
      } else if (event.type === 'payment.failed' && payment.status === 'requires_payment') {
        payment.status = 'failed';
        payment.failureReason = 'razorpay: payment failed';
        payment.updatedAt = now;
        await repos.payments.save(payment);
      }
      await repos.webhooks.markProcessed(RAZORPAY, event.id, now);
    });
    return { duplicate: !fresh };
  }
}

/** The Razorpay payment (pay_…) a webhook is about. */
export function razorpayPaymentIdOf(payload: unknown): string | undefined {
  const id = (payload as { payload?: { payment?: { entity?: { id?: unknown } } } } | null)?.payload?.payment?.entity?.id;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}
