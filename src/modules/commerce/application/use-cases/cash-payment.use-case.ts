import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../../platform/kernel';
import { CommerceErrors } from '../../domain';
import { actsForSeller, requireVisible } from '../access';
import { providerKey } from '../idempotency';
import { CASH_PAYMENT_RECORDED, CashPaymentRecordedPayload } from '../payment-events';
import { COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork, Payment } from '../ports';
import { OrderQueries } from '../queries/order.queries';
import { CardAttempts } from '../services/card-attempts';
import { PaymentSettlement } from '../services/payment-settlement';
import type { OrderView } from '../views';

/**
 * The seller's staff received the order's amount in cash. An open card
 * payment is cancelled at the provider first (if the buyer paid by card in the
 * meantime, that payment settles the order and the cash is refused). Then, in
 * one transaction: the other open attempts are cancelled, a `cash` payment
 * succeeds, the order is paid, the commission is booked as owed by the seller
 * (cash.ts), and an audited event goes out. Repeating the request with its
 * Idempotency-Key replays the answer; without, an order already paid is a 409.
 */
@Injectable()
export class RecordCashPaymentUseCase {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    private readonly cardAttempts: CardAttempts,
    private readonly settlement: PaymentSettlement,
    private readonly queries: OrderQueries,
  ) {}

  async execute(ctx: RequestContext, input: { orderId: string; recoveryId: string; note?: string }): Promise<OrderView> {
    const before = await this.uow.repos.orders.findById(input.orderId);
    const order = requireVisible(ctx, before?.order);
    if (!actsForSeller(ctx, order.sellerOrgId)) throw CommerceErrors.forbidden('Only the seller’s staff record a cash payment.');
    if (!order.isOpen) throw CommerceErrors.invalidTransition(order.status, 'paid');
    await this.cardAttempts.stop(ctx, input.orderId);
    await this.uow.run(async (repos, events) => {
      const stored = await repos.orders.lock(input.orderId);
      if (!stored) throw CommerceErrors.orderNotFound();
      if (!stored.order.isOpen) throw CommerceErrors.invalidTransition(stored.order.status, 'paid');
      const now = new Date();
      const attempts = await repos.payments.listForOrder(input.orderId);
      for (const open of attempts.filter((p) => p.status === 'requires_payment' || p.status === 'processing')) {
        open.status = 'cancelled';
        open.updatedAt = now;
        await repos.payments.save(open);
      }
      const payment: Payment = {
        id: randomUUID(),
        orgId: stored.order.sellerOrgId,
        orderId: input.orderId,
        buyerUserId: stored.order.buyerUserId,
        attempt: Math.max(0, ...attempts.map((p) => p.attempt)) + 1,
        method: 'cash',
        status: 'requires_payment',
        amountMinor: stored.order.totalMinor,
        currency: stored.order.currency,
        providerRef: null,
        clientSecret: null,
        providerKey: providerKey(input.recoveryId, input.orderId, 'cash'),
        failureReason: null,
        createdAt: now,
        updatedAt: now,
      };
      await repos.payments.insert(payment);
      await this.settlement.settle(ctx, repos, events, payment, now);
      events.publish<CashPaymentRecordedPayload>(ctx, {
        type: CASH_PAYMENT_RECORDED,
        orgId: payment.orgId,
        payload: {
          orderId: payment.orderId,
          paymentId: payment.id,
          sellerOrgId: payment.orgId,
          buyerUserId: payment.buyerUserId,
          amountMinor: payment.amountMinor,
          currency: payment.currency,
          recordedByUserId: ctx.apiKeyId ? null : (ctx.userId ?? null),
          recordedByApiKeyId: ctx.apiKeyId ?? null,
          note: input.note ?? null,
        },
      });
    });
    return this.queries.view(input.orderId);
  }
}
