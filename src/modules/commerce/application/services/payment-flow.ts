import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, RequestContext } from '../../../../platform/kernel';
import { CommerceErrors } from '../../domain';
import { publishStatusChanges } from '../events';
import { providerKey } from '../idempotency';
import { CARD_GATEWAY, CardGateway, COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork, IntentStatus, Payment, PaymentIntent, PaymentStatus } from '../ports';
import { PaymentSettlement } from './payment-settlement';

export type CheckoutMethod = 'card' | 'wallet';

/** What a provider's PaymentIntent status means for our payment (never moving back from succeeded). */
export function paymentStatusOf(intent: IntentStatus): PaymentStatus {
  switch (intent) {
    case 'succeeded':
      return 'succeeded';
    case 'processing':
    case 'requires_capture':
      return 'processing';
    case 'canceled':
      return 'cancelled';
    default:
      return 'requires_payment';
  }
}

/**
 * A card payment whose intent succeeded keeps the charge that paid it (the
 * intent's latest charge): the seller's payout transfer for the order is
 * funded from it (`source_transaction`).
 */
export function recordCharge(payment: Payment, intent: PaymentIntent): void {
  if (payment.method === 'card' && intent.status === 'succeeded' && intent.latestCharge) payment.providerChargeId = intent.latestCharge;
}

/**
 * Starts (or resumes) the payment of an order. Card: a payment row first, then
 * a Stripe PaymentIntent created with an idempotency key derived from the
 * request's, so a retry after a crash or a provider failure gets the same
 * intent. Wallet, and orders that cost nothing: settled at once.
 */
@Injectable()
export class PaymentFlow {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(CARD_GATEWAY) private readonly gateway: CardGateway,
    private readonly settlement: PaymentSettlement,
  ) {}

  async begin(ctx: RequestContext, orderId: string, method: CheckoutMethod, keyBase: string, options: { newAttempt?: boolean } = {}): Promise<Payment> {
    const payment = await this.uow.run(async (repos, events) => {
      const stored = await repos.orders.lock(orderId);
      if (!stored) throw CommerceErrors.orderNotFound();
      const { order } = stored;
      const latest = await repos.payments.latestForOrder(orderId);
      const resumable = latest && !['failed', 'cancelled'].includes(latest.status) && !options.newAttempt;
      if (latest && (resumable || !order.isOpen)) return latest;
      const now = new Date();
      const attempt = (latest?.attempt ?? 0) + 1;
      const created: Payment = {
        id: randomUUID(),
        orgId: order.sellerOrgId,
        orderId,
        buyerUserId: order.buyerUserId,
        attempt,
        method: order.totalMinor === 0 ? 'free' : method,
        status: 'requires_payment',
        amountMinor: order.totalMinor,
        currency: order.currency,
        providerRef: null,
        clientSecret: null,
        providerKey: providerKey(keyBase, orderId, String(attempt)),
        failureReason: null,
        createdAt: now,
        updatedAt: now,
      };
      await repos.payments.insert(created);
      order.awaitPayment(now);
      await repos.orders.save(order);
      publishStatusChanges(ctx, events, order);
      return created;
    });
    if (payment.status !== 'requires_payment') return payment;
    if (payment.method === 'card') return this.createIntent(payment);
    return this.settleNow(ctx, payment.id);
  }

  private async createIntent(payment: Payment): Promise<Payment> {
    if (payment.providerRef) return payment;
    let intent;
    try {
      intent = await this.gateway.createIntent({
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        idempotencyKey: payment.providerKey,
        transferGroup: `order_${payment.orderId}`,
        metadata: { order_id: payment.orderId, payment_id: payment.id, seller_org_id: payment.orgId },
      });
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw CommerceErrors.paymentProviderUnavailable();
    }
    return this.uow.run(async (repos) => {
      const current = await repos.payments.lock(payment.id);
      if (!current) throw CommerceErrors.paymentNotFound();
      if (current.providerRef) return current;
      current.providerRef = intent.id;
      current.clientSecret = intent.clientSecret;
      current.updatedAt = new Date();
      await repos.payments.save(current);
      return current;
    });
  }

  /** Wallet payments and free orders: the money moves in our own ledger, in one transaction. */
  private async settleNow(ctx: RequestContext, paymentId: string): Promise<Payment> {
    return this.uow.run(async (repos, events) => {
      const payment = await repos.payments.lock(paymentId);
      if (!payment) throw CommerceErrors.paymentNotFound();
      await this.settlement.settle(ctx, repos, events, payment, new Date());
      return payment;
    });
  }
}
