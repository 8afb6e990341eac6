import { Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../platform/kernel';
import {
  AdminDiscountFilter,
  AdminDiscountView,
  AdminOrderDetail,
  AdminOrderFilter,
  AdminOrderView,
  AdminPaymentFilter,
  AdminPaymentView,
  AdminPayoutDetail,
  AdminPayoutFilter,
  AdminPayoutView,
  AdminRefundFilter,
  AdminRefundView,
  CommerceAdminApi,
  DiscountSort,
  OrderSort,
  PaymentSort,
  PayoutOutcome,
  PayoutSort,
  RefundSort,
} from '../../commerce';
import { OrganizationsApi } from '../../organizations';
import { requirePlatformAdmin } from './access';

/**
 * Commerce in the operators' console: commerce reads and decides (CommerceAdminApi, its own use cases); every act
 * is also written to the audit log as the operator's (`admin.*`), in the seller's organization, with the reason.
 */
@Injectable()
export class AdminCommerce {
  constructor(
    private readonly commerce: CommerceAdminApi,
    private readonly organizations: OrganizationsApi,
  ) {}

  orders(ctx: RequestContext, filter: AdminOrderFilter, sort: OrderSort, page: PageRequest): Promise<Page<AdminOrderView>> {
    requirePlatformAdmin(ctx);
    return this.commerce.orders(ctx, filter, sort, page);
  }

  order(ctx: RequestContext, orderId: string): Promise<AdminOrderDetail> {
    requirePlatformAdmin(ctx);
    return this.commerce.order(ctx, orderId);
  }

  payments(ctx: RequestContext, filter: AdminPaymentFilter, sort: PaymentSort, page: PageRequest): Promise<Page<AdminPaymentView>> {
    requirePlatformAdmin(ctx);
    return this.commerce.payments(ctx, filter, sort, page);
  }

  refunds(ctx: RequestContext, filter: AdminRefundFilter, sort: RefundSort, page: PageRequest): Promise<Page<AdminRefundView>> {
    requirePlatformAdmin(ctx);
    return this.commerce.refunds(ctx, filter, sort, page);
  }

  refund(ctx: RequestContext, refundId: string): Promise<AdminRefundView> {
    requirePlatformAdmin(ctx);
    return this.commerce.refund(ctx, refundId);
  }

  async decideRefund(ctx: RequestContext, input: { refundId: string; decision: 'approve' | 'reject'; reason: string }): Promise<AdminRefundView> {
    requirePlatformAdmin(ctx);
    const refund = await this.commerce.decideRefund(ctx, input);
    await this.audit(ctx, input.decision === 'approve' ? 'admin.refund_approved' : 'admin.refund_rejected', refund.orgId, 'refund', refund.id, {
      reason: input.reason,
      order_id: refund.orderId,
      amount_minor: refund.amountMinor,
      currency: refund.currency,
      status: refund.status,
    });
    return refund;
  }

  payouts(ctx: RequestContext, filter: AdminPayoutFilter, sort: PayoutSort, page: PageRequest): Promise<Page<AdminPayoutView>> {
    requirePlatformAdmin(ctx);
    return this.commerce.payouts(ctx, filter, sort, page);
  }

  payout(ctx: RequestContext, payoutId: string, linesPage: PageRequest): Promise<AdminPayoutDetail> {
    requirePlatformAdmin(ctx);
    return this.commerce.payout(ctx, payoutId, linesPage);
  }

  async retryPayout(ctx: RequestContext, payoutId: string, reason: string | undefined): Promise<{ outcome: PayoutOutcome; payout: AdminPayoutView }> {
    requirePlatformAdmin(ctx);
    const result = await this.commerce.retryPayout(ctx, payoutId);
    await this.audit(ctx, 'admin.payout_retried', result.payout.orgId, 'payout', payoutId, {
      outcome: result.outcome,
      attempt: result.payout.attempt,
      ...(reason ? { reason } : {}),
    });
    return result;
  }

  discounts(ctx: RequestContext, filter: AdminDiscountFilter, sort: DiscountSort, page: PageRequest): Promise<Page<AdminDiscountView>> {
    requirePlatformAdmin(ctx);
    return this.commerce.discounts(ctx, filter, sort, page);
  }

  discount(ctx: RequestContext, discountId: string): Promise<AdminDiscountView> {
    requirePlatformAdmin(ctx);
    return this.commerce.discount(ctx, discountId);
  }

  async deactivateDiscount(ctx: RequestContext, discountId: string, reason: string): Promise<AdminDiscountView> {
    requirePlatformAdmin(ctx);
    const discount = await this.commerce.deactivateDiscount(ctx, discountId);
    await this.audit(ctx, 'admin.discount_deactivated', discount.orgId, 'discount', discount.id, { reason, code: discount.code });
    return discount;
  }

  private audit(ctx: RequestContext, action: `admin.${string}`, orgId: string, targetType: string, targetId: string, metadata: Record<string, unknown>) {
    return this.organizations.recordAudit(ctx, { orgId, action, targetType, targetId, metadata });
  }
}
