import { Injectable } from '@nestjs/common';
import { OnEvent } from '../../../../platform/events';
import type { IntegrationEvent } from '../../../../platform/kernel';
import { COMMERCE_EVENTS, OrderPaidPayload } from '../../application/events';
import { IssueInvoiceUseCase } from '../../application/use-cases/invoices.use-cases';

/** A paid order gets its invoice (idempotent: a redelivery finds the invoice issued). */
@Injectable()
export class InvoiceEventHandlers {
  constructor(private readonly issue: IssueInvoiceUseCase) {}

  @OnEvent(COMMERCE_EVENTS.orderPaid, { name: 'commerce.issue-invoice' })
  async orderPaid(event: IntegrationEvent<OrderPaidPayload>): Promise<void> {
    await this.issue.execute(event.ctx, { orderId: event.payload.orderId });
  }
}
