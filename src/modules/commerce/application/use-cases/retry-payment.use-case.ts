import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { CommerceErrors } from '../../domain';
import { isBuyer } from '../access';
import { COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork, Payment } from '../ports';
import { CheckoutMethod, PaymentFlow } from '../services/payment-flow';

/**
 * The buyer tries again after a failed (or cancelled) payment of an order that
 * is still open: a new attempt with a new PaymentIntent, whose provider key is
 * derived from this request's recovery id, so repeating the retry request
 * itself never creates a second intent.
 */
@Injectable()
export class RetryPaymentUseCase {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    private readonly payments: PaymentFlow,
  ) {}

  async execute(ctx: RequestContext, input: { paymentId: string; method: CheckoutMethod; recoveryId: string }): Promise<Payment> {
    const payment = await this.uow.repos.payments.findById(input.paymentId);
    const stored = payment && (await this.uow.repos.orders.findById(payment.orderId));
    if (!payment || !stored || !isBuyer(ctx, stored.order)) throw CommerceErrors.paymentNotFound();
    const latest = await this.uow.repos.payments.latestForOrder(payment.orderId);
    if (latest && latest.id !== payment.id && latest.attempt > payment.attempt) {
      // Already retried (this very request, replayed without its key): the newer attempt is the answer.
      if (latest.status !== 'failed' && latest.status !== 'cancelled') return latest;
    }
    if (payment.status !== 'failed' && payment.status !== 'cancelled') throw CommerceErrors.paymentNotRetryable(payment.status);
    if (!stored.order.isOpen) throw CommerceErrors.paymentNotRetryable(`for an order that is ${stored.order.status}`);
    return this.payments.begin(ctx, payment.orderId, input.method, input.recoveryId, { newAttempt: true });
  }
}
