import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EventPublisher, RequestContext } from '../../../../platform/kernel';
import { cashSalePostings, FundingSource, journalEntry, salePostings, splitRevenue } from '../../domain';
import { publishPaid, publishStatusChanges } from '../events';
import { PAYMENT_RETURNING, PaymentReturningPayload } from '../payment-events';
import type { CommerceRepositories, Payment } from '../ports';

/**
 * What happens, in one transaction, when money for an order has arrived:
 * the payment succeeds, the order is paid (and fulfilled when digital), the
 * sale is posted to the ledger with the seller's split, and the events go out.
 * Idempotent: a payment that already succeeded changes nothing, and the ledger
 * posts each sale once (unique kind + reference).
 */
@Injectable()
export class PaymentSettlement {
  private readonly logger = new Logger(PaymentSettlement.name);

  async settle(ctx: RequestContext, repos: CommerceRepositories, events: EventPublisher, payment: Payment, now: Date): Promise<boolean> {
    if (payment.status === 'succeeded') return false;
    const stored = await repos.orders.lock(payment.orderId);
    if (!stored) return false;
    const { order, commissionBps } = stored;
    if (!order.isOpen && isProviderMoney(payment)) {
      // Money arrived for an order that can no longer take it (cancelled while the buyer paid, or paid by another
      // attempt): nothing is sold, and the whole amount goes back to the payer after commit.
      if (payment.status === 'returning' || payment.status === 'returned') return false;
      payment.status = 'returning';
      payment.failureReason = `Paid after the order was ${order.status}: the whole amount is being returned to the payer.`;
      payment.updatedAt = now;
      await repos.payments.save(payment);
      this.logger.warn({ msg: 'payment for an order that is not open: returning it', order_id: order.id, payment_id: payment.id, status: order.status });
      events.publish<PaymentReturningPayload>(ctx, {
        type: PAYMENT_RETURNING,
        orgId: order.sellerOrgId,
        payload: {
          paymentId: payment.id,
          orderId: order.id,
          sellerOrgId: order.sellerOrgId,
          buyerUserId: payment.buyerUserId,
          amountMinor: payment.amountMinor,
          currency: payment.currency,
        },
      });
      return false;
    }
    payment.status = 'succeeded';
    payment.failureReason = null;
    payment.updatedAt = now;
    await repos.payments.save(payment);
    if (!order.markPaid(now)) {
      this.logger.warn({ msg: 'payment succeeded for an order that is not open', order_id: order.id, payment_id: payment.id, status: order.status });
      return false;
    }
    await repos.orders.save(order);
    const funding: FundingSource = payment.method === 'wallet' ? { kind: 'wallet', userId: payment.buyerUserId } : { kind: 'provider' };
    // A cash sale whose commission rounds to zero moves nothing in the ledger.
    const nothingToPost = payment.method === 'cash' && splitRevenue(order.totalMinor, commissionBps).platformMinor === 0;
    if (order.totalMinor > 0 && !nothingToPost) {
      await repos.ledger.post(
        journalEntry({
          id: randomUUID(),
          kind: 'order.paid',
          reference: order.id,
          postings:
            payment.method === 'cash'
              ? cashSalePostings({ sellerOrgId: order.sellerOrgId, currency: order.currency, split: splitRevenue(order.totalMinor, commissionBps) })
              : salePostings({
                  sellerOrgId: order.sellerOrgId,
                  currency: order.currency,
                  totalMinor: order.totalMinor,
                  split: splitRevenue(order.totalMinor, commissionBps),
                  funding,
                }),
          occurredAt: now,
        }),
        order.sellerOrgId,
      );
    }
    publishStatusChanges(ctx, events, order);
    publishPaid(ctx, events, order);
    return true;
  }
}

/** Money a provider collected (card, Razorpay): what can arrive after the order stopped waiting for it. */
function isProviderMoney(payment: Payment): boolean {
  return payment.method === 'card' || payment.method === 'razorpay';
}
