import { Inject, Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../platform/kernel';
import { CommerceErrors, type DiscountProps, type OrderProps, type PayoutLine, type PayoutProps, type PayoutTransferProps } from '../domain';
import { isPlatformAdmin } from './access';
import {
  COMMERCE_ADMIN_READS,
  type AdminDiscountFilter,
  type AdminOrderFilter,
  type AdminPaymentFilter,
  type AdminPayoutFilter,
  type AdminRefundFilter,
  type CommerceAdminReads,
  type DiscountSort,
  type OrderSort,
  type PaymentSort,
  type PayoutSort,
  type RefundSort,
} from './admin-reads';
import { COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork, PAYOUT_UNIT_OF_WORK, PayoutUnitOfWork, type Payment, type Refund } from './ports';
import { PayoutOutcome, RunPayoutsUseCase } from './use-cases/payouts.use-cases';
import { ApproveRefundUseCase, CompleteRefundUseCase, RejectRefundUseCase } from './use-cases/refunds.use-cases';

export type { AdminDiscountFilter, AdminOrderFilter, AdminPaymentFilter, AdminPayoutFilter, AdminRefundFilter };
export { DISCOUNT_SORTS, ORDER_SORTS, PAYMENT_SORTS, PAYOUT_SORTS, REFUND_SORTS } from './admin-reads';
export type { DiscountSort, OrderSort, PaymentSort, PayoutSort, RefundSort } from './admin-reads';

/** A payment attempt as operators see it: never its client secret nor the key sent to the provider. */
export type AdminPaymentView = Omit<Payment, 'clientSecret' | 'providerKey'>;
export type AdminRefundView = Omit<Refund, 'providerKey'>;
export type AdminOrderView = OrderProps;
export type AdminPayoutView = PayoutProps;
export type AdminPayoutLine = PayoutLine;
export type AdminPayoutTransfer = PayoutTransferProps;
/** A payout, a page of its statement lines and its Stripe transfers (one per order). */
export interface AdminPayoutDetail {
  payout: AdminPayoutView;
  lines: Page<AdminPayoutLine>;
  transfers: AdminPayoutTransfer[];
}
export type AdminDiscountView = DiscountProps;

export interface AdminOrderDetail {
  order: AdminOrderView;
  payments: AdminPaymentView[];
  refunds: AdminRefundView[];
}

const payment = ({ clientSecret: _secret, providerKey: _key, ...rest }: Payment): AdminPaymentView => rest;
const refund = ({ providerKey: _key, ...rest }: Refund): AdminRefundView => rest;

function requireAdmin(ctx: RequestContext): void {
  if (!isPlatformAdmin(ctx)) throw CommerceErrors.forbidden('Only a platform admin can do this.');
}

/**
 * The commerce context's front door for the operators' console: every organization's orders, payments, refunds,
 * payouts and discount codes, and the operators' acts on them through commerce's own use cases. Platform admins
 * only (signed in as a person); the caller (the admin context) records its acts in the audit log.
 */
@Injectable()
export class CommerceAdminApi {
  constructor(
    @Inject(COMMERCE_ADMIN_READS) private readonly reads: CommerceAdminReads,
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(PAYOUT_UNIT_OF_WORK) private readonly payoutUow: PayoutUnitOfWork,
    private readonly approveRefund: ApproveRefundUseCase,
    private readonly completeRefund: CompleteRefundUseCase,
    private readonly rejectRefund: RejectRefundUseCase,
    private readonly runPayouts: RunPayoutsUseCase,
  ) {}

  async orders(ctx: RequestContext, filter: AdminOrderFilter, sort: OrderSort, page: PageRequest): Promise<Page<AdminOrderView>> {
    requireAdmin(ctx);
    const orders = await this.reads.orders(filter, sort, page);
    return { ...orders, data: orders.data.map((order) => order.snapshot()) };
  }

  async order(ctx: RequestContext, orderId: string): Promise<AdminOrderDetail> {
    requireAdmin(ctx);
    const stored = await this.uow.repos.orders.findById(orderId);
    if (!stored) throw CommerceErrors.orderNotFound();
    const [payments, refunds] = await Promise.all([this.uow.repos.payments.listForOrder(orderId), this.reads.refundsOfOrder(orderId)]);
    return { order: stored.order.snapshot(), payments: payments.map(payment), refunds: refunds.map(refund) };
  }

  async payments(ctx: RequestContext, filter: AdminPaymentFilter, sort: PaymentSort, page: PageRequest): Promise<Page<AdminPaymentView>> {
    requireAdmin(ctx);
    const payments = await this.reads.payments(filter, sort, page);
    return { ...payments, data: payments.data.map(payment) };
  }

  async refunds(ctx: RequestContext, filter: AdminRefundFilter, sort: RefundSort, page: PageRequest): Promise<Page<AdminRefundView>> {
    requireAdmin(ctx);
    const refunds = await this.reads.refunds(filter, sort, page);
    return { ...refunds, data: refunds.data.map(refund) };
  }

  async refund(ctx: RequestContext, refundId: string): Promise<AdminRefundView> {
    requireAdmin(ctx);
    const found = await this.uow.repos.refunds.findById(refundId);
    if (!found) throw CommerceErrors.refundNotFound();
    return refund(found);
  }

  /**
   * Approve (then complete: the money goes back through the original method) or reject a requested refund.
   * Approving an approved refund completes it (a retry after the provider failed); deciding twice the same way is a no-op.
   */
  async decideRefund(ctx: RequestContext, input: { refundId: string; decision: 'approve' | 'reject'; reason: string }): Promise<AdminRefundView> {
    requireAdmin(ctx);
    const current = await this.uow.repos.refunds.findById(input.refundId);
    if (!current) throw CommerceErrors.refundNotFound();
    if (input.decision === 'reject') return refund(await this.rejectRefund.execute(ctx, { refundId: input.refundId, reason: input.reason }));
    if (current.status === 'rejected') throw CommerceErrors.refundInvalid('A rejected refund cannot be approved.');
    await this.approveRefund.execute(ctx, { refundId: input.refundId });
    return refund(await this.completeRefund.execute(ctx, { refundId: input.refundId }));
  }

  async payouts(ctx: RequestContext, filter: AdminPayoutFilter, sort: PayoutSort, page: PageRequest): Promise<Page<AdminPayoutView>> {
    requireAdmin(ctx);
    const payouts = await this.reads.payouts(filter, sort, page);
    return { ...payouts, data: payouts.data.map((p) => p.snapshot()) };
  }

  /** A payout with its statement lines (a page of them) and its Stripe transfers (one per order). */
  async payout(ctx: RequestContext, payoutId: string, linesPage: PageRequest): Promise<AdminPayoutDetail> {
    requireAdmin(ctx);
    const payout = await this.reads.payout(payoutId);
    if (!payout) throw CommerceErrors.payoutNotFound();
    const payouts = this.payoutUow.repos.payouts;
    const [lines, transfers] = await Promise.all([payouts.lines(payout.orgId, payout.id, linesPage), payouts.transfers(payout.orgId, payout.id)]);
    return { payout: payout.snapshot(), lines, transfers: transfers.map((t) => t.snapshot()) };
  }

  /** Tries a failed payout again now (a new attempt); its outcome: paid, failed again, pending (unknown) or not_onboarded. */
  async retryPayout(ctx: RequestContext, payoutId: string): Promise<{ outcome: PayoutOutcome; payout: AdminPayoutView }> {
    requireAdmin(ctx);
    const { outcome, payout } = await this.runPayouts.retry(ctx, { payoutId });
    return { outcome, payout: payout.snapshot() };
  }

  async discounts(ctx: RequestContext, filter: AdminDiscountFilter, sort: DiscountSort, page: PageRequest): Promise<Page<AdminDiscountView>> {
    requireAdmin(ctx);
    return this.reads.discounts(filter, sort, page);
  }

  async discount(ctx: RequestContext, discountId: string): Promise<AdminDiscountView> {
    requireAdmin(ctx);
    return (await this.reads.discount(discountId)) ?? CommerceErrorsThrow.discountNotFound();
  }

  /** Deactivates a code at once (idempotent): no new order can use it; orders that did keep their discount. */
  async deactivateDiscount(ctx: RequestContext, discountId: string): Promise<AdminDiscountView> {
    requireAdmin(ctx);
    const found = (await this.reads.discount(discountId)) ?? CommerceErrorsThrow.discountNotFound();
    return this.uow.run(async (repos) => {
      const discount = await repos.discounts.lock(found.orgId, found.id);
      if (!discount) throw CommerceErrors.discountNotFound();
      discount.deactivate(new Date());
      await repos.discounts.save(discount);
      return discount.snapshot();
    });
  }
}

export type { PayoutOutcome };

const CommerceErrorsThrow = {
  discountNotFound: (): never => {
    throw CommerceErrors.discountNotFound();
  },
};
