import { Injectable } from '@nestjs/common';
import { OnEvent } from '../../../../platform/events';
import type { IntegrationEvent } from '../../../../platform/kernel';
import { OrganizationsApi } from '../../../organizations';
import { CASH_PAYMENT_RECORDED, CASH_REFUND_RECORDED, CashPaymentRecordedPayload, CashRefundRecordedPayload } from '../../application/payment-events';

/** A cash payment (and a cash refund) is an administrative act of the seller's staff: it goes to the organization's audit log. */
@Injectable()
export class PaymentAuditHandler {
  constructor(private readonly organizations: OrganizationsApi) {}

  @OnEvent(CASH_PAYMENT_RECORDED, { name: 'commerce.audit-cash-payment' })
  async cashPaymentRecorded(event: IntegrationEvent<CashPaymentRecordedPayload>): Promise<void> {
    const p = event.payload;
    await this.organizations.recordAudit(event.ctx, {
      orgId: p.sellerOrgId,
      action: 'commerce.cash_payment_recorded',
      targetType: 'order',
      targetId: p.orderId,
      metadata: {
        payment_id: p.paymentId,
        amount_minor: p.amountMinor,
        currency: p.currency,
        recorded_by_user_id: p.recordedByUserId,
        recorded_by_api_key_id: p.recordedByApiKeyId,
        note: p.note,
        event_id: event.id,
      },
    });
  }

  @OnEvent(CASH_REFUND_RECORDED, { name: 'commerce.audit-cash-refund' })
  async cashRefundRecorded(event: IntegrationEvent<CashRefundRecordedPayload>): Promise<void> {
    const p = event.payload;
    await this.organizations.recordAudit(event.ctx, {
      orgId: p.sellerOrgId,
      action: 'commerce.cash_refund_recorded',
      targetType: 'order',
      targetId: p.orderId,
      metadata: {
        refund_id: p.refundId,
        amount_minor: p.amountMinor,
        currency: p.currency,
        recorded_by_user_id: p.recordedByUserId,
        recorded_by_api_key_id: p.recordedByApiKeyId,
        event_id: event.id,
      },
    });
  }
}
