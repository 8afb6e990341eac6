import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, type RequestContext } from '../../../../platform/kernel';
import { cashRefundPostings, CommerceErrors, FundingSource, journalEntry, refundPostings, refundSplit, splitRevenue } from '../../domain';
import { COMMERCE_EVENTS, OrderRefundedPayload, publishStatusChanges } from '../events';
import { CASH_REFUND_RECORDED, CashRefundRecordedPayload } from '../payment-events';
import { CARD_GATEWAY, CardGateway, COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork, Payment, Refund } from '../ports';
import { RAZORPAY_GATEWAY, RazorpayGateway } from '../razorpay-ports';

/**
 * The two halves of completing an approved refund, shared by the refunds
 * workflow and booking cancellations: paying the money back where it came
 * from, then recording it (the order's refundable amount, the split reversed
 * in the ledger, the refund completed, commerce.order.refunded) in one
 * transaction. Both are safe to repeat.
 */
@Injectable()
export class RefundSettlement {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(CARD_GATEWAY) private readonly card: CardGateway,
    @Inject(RAZORPAY_GATEWAY) private readonly razorpay: RazorpayGateway,
  ) {}

  /** Pays the money back at the provider (card, Razorpay); returns the provider's refund id. Wallet and cash move nothing outside. */
  async payBack(refund: Refund, paid: Payment): Promise<string | null> {
    try {
      if (paid.method === 'card' && paid.providerRef) {
        return (await this.card.refund({ intentId: paid.providerRef, amountMinor: refund.amountMinor, idempotencyKey: refund.providerKey })).id;
      }
      if (paid.method === 'razorpay') {
        if (!paid.providerPaymentId)
          throw CommerceErrors.refundInvalid('The Razorpay payment of this order is not known: refund it from the Razorpay dashboard.');
        const made = await this.razorpay.refund({
          paymentId: paid.providerPaymentId,
          amountMinor: refund.amountMinor,
          receipt: refund.id,
          notes: { refund_id: refund.id, order_id: refund.orderId },
        });
        return made.id;
      }
      return null;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw CommerceErrors.paymentProviderUnavailable();
    }
  }

  /**
   * Gives back, in full, a payment that arrived for an order that could no
   * longer take it (no refund of the order: nothing was sold). Safe to repeat:
   * Stripe by the idempotency key, Razorpay by the receipt (the payment's id).
   */
  async returnPayment(paid: Payment): Promise<string> {
    try {
      if (paid.method === 'card' && paid.providerRef) {
        return (await this.card.refund({ intentId: paid.providerRef, amountMinor: paid.amountMinor, idempotencyKey: `${paid.providerKey}:return` })).id;
      }
      if (paid.method === 'razorpay' && paid.providerPaymentId) {
        const made = await this.razorpay.refund({
          paymentId: paid.providerPaymentId,
          amountMinor: paid.amountMinor,
          receipt: paid.id,
          notes: { payment_id: paid.id, order_id: paid.orderId, reason: 'paid after the order stopped waiting for payment' },
        });
        return made.id;
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw CommerceErrors.paymentProviderUnavailable();
    }
    throw CommerceErrors.refundInvalid(`Payment ${paid.id} has no provider payment to return: return it from the provider's dashboard.`);
  }

  /** Records a refund paid back (providerRef from payBack) under the refund's and the order's locks. */
  record(ctx: RequestContext, refundId: string, paid: Payment, providerRef: string | null): Promise<Refund> {
    return this.uow.run(async (repos, events) => {
      const current = await repos.refunds.lock(refundId);
      if (!current || current.status === 'completed') return current as Refund;
      const stored = await repos.orders.lock(current.orderId);
      if (!stored) throw CommerceErrors.orderNotFound();
      const { order, commissionBps } = stored;
      const now = new Date();
      const refundedBefore = order.totalMinor - order.refundableMinor;
      const { full } = order.recordRefund(current.amountMinor, now);
      const part = refundSplit({ totalMinor: order.totalMinor, split: splitRevenue(order.totalMinor, commissionBps) }, refundedBefore, current.amountMinor);
      const funding: FundingSource = paid.method === 'wallet' ? { kind: 'wallet', userId: paid.buyerUserId } : { kind: 'provider' };
      const postings =
        paid.method === 'cash'
          ? cashRefundPostings({ sellerOrgId: order.sellerOrgId, currency: order.currency, refund: part })
          : refundPostings({ sellerOrgId: order.sellerOrgId, currency: order.currency, refund: part, funding });
      if (postings.length > 0) {
        await repos.ledger.post(
          journalEntry({ id: randomUUID(), kind: 'refund.completed', reference: current.id, postings, occurredAt: now }),
          order.sellerOrgId,
        );
      }
      await repos.orders.save(order);
      current.status = 'completed';
      current.providerRef = providerRef;
      current.method = paid.method;
      current.completedBy = ctx.apiKeyId ? null : (ctx.userId ?? null);
      current.updatedAt = now;
      await repos.refunds.save(current);
      publishStatusChanges(ctx, events, order);
      events.publish<OrderRefundedPayload>(ctx, {
        type: COMMERCE_EVENTS.orderRefunded,
        orgId: order.sellerOrgId,
        payload: {
          orderId: order.id,
          buyerUserId: order.buyerUserId,
          sellerOrgId: order.sellerOrgId,
          full,
          listingIds: order.snapshot().lines.map((l) => l.listingId),
          amountMinor: current.amountMinor,
          currency: current.currency,
        },
      });
      if (paid.method === 'cash') {
        events.publish<CashRefundRecordedPayload>(ctx, {
          type: CASH_REFUND_RECORDED,
          orgId: order.sellerOrgId,
          payload: {
            refundId: current.id,
            orderId: order.id,
            sellerOrgId: order.sellerOrgId,
            buyerUserId: order.buyerUserId,
            amountMinor: current.amountMinor,
            currency: current.currency,
            recordedByUserId: ctx.apiKeyId ? null : (ctx.userId ?? null),
            recordedByApiKeyId: ctx.apiKeyId ?? null,
          },
        });
      }
      return current;
    });
  }
}
