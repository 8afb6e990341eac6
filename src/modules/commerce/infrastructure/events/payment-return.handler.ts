import { Injectable } from '@nestjs/common';
import { OnEvent } from '../../../../platform/events';
import type { IntegrationEvent } from '../../../../platform/kernel';
import { PAYMENT_RETURNING, PaymentReturningPayload } from '../../application/payment-events';
import { ReturnPaymentUseCase } from '../../application/use-cases/return-payment.use-case';

/** Money that arrived for an order that could no longer take it goes back to the payer, after commit. */
@Injectable()
export class PaymentReturnHandler {
  constructor(private readonly returnPayment: ReturnPaymentUseCase) {}

  @OnEvent(PAYMENT_RETURNING, { name: 'commerce.return-payment' })
  async paymentReturning(event: IntegrationEvent<PaymentReturningPayload>): Promise<void> {
    await this.returnPayment.execute(event.payload.paymentId);
  }
}
