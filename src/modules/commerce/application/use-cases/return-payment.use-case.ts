import { Inject, Injectable, Logger } from '@nestjs/common';
import { COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork } from '../ports';
import { RefundSettlement } from '../services/refund-settlement';

/**
 * Gives back a `returning` payment (money that arrived for an order that
 * could no longer take it) through its provider, then marks it `returned`
 * with the provider's refund id. Runs as the handler of
 * commerce.payment.returning: a provider failure throws, so the job retries
 * with backoff and ends dead on the queue dashboard for an operator. Repeating
 * it after success changes nothing.
 */
@Injectable()
export class ReturnPaymentUseCase {
  private readonly logger = new Logger(ReturnPaymentUseCase.name);

  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    private readonly settlement: RefundSettlement,
  ) {}

  async execute(paymentId: string): Promise<void> {
    const payment = await this.uow.repos.payments.findById(paymentId);
    if (!payment || payment.status !== 'returning') return;
    const ref = await this.settlement.returnPayment(payment);
    await this.uow.run(async (repos) => {
      const current = await repos.payments.lock(paymentId);
      if (!current || current.status !== 'returning') return;
      current.status = 'returned';
      current.returnRef = ref;
      current.failureReason = `Paid after the order stopped waiting for payment: returned in full (${ref}).`;
      current.updatedAt = new Date();
      await repos.payments.save(current);
    });
    this.logger.log({ msg: 'payment returned', payment_id: paymentId, order_id: payment.orderId, return_ref: ref });
  }
}
