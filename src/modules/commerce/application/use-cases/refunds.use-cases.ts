import { Inject, Injectable } from '@nestjs/common';
import { type RequestContext } from '../../../../platform/kernel';
import { CommerceErrors, Order } from '../../domain';
import { actsForSeller, isBuyer, isPlatformAdmin, requireSellerOrAdmin, requireVisible } from '../access';
import { providerKey } from '../idempotency';
import { COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork, Refund } from '../ports';
import { RefundSettlement } from '../services/refund-settlement';

const REFUNDABLE = ['paid', 'confirmed', 'shipped', 'delivered', 'partially_refunded'];

/** The buyer (or the seller, or a platform admin) asks for a full or partial refund of a paid order. */
@Injectable()
export class RequestRefundUseCase {
  constructor(@Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork) {}

  async execute(ctx: RequestContext, input: { orderId: string; amountMinor?: number; reason: string; recoveryId: string }): Promise<Refund> {
    const existing = await this.uow.repos.refunds.findById(input.recoveryId);
    if (existing) return existing;
    return this.uow.run(async (repos) => {
      const stored = await repos.orders.lock(input.orderId);
      const order = requireVisible(ctx, stored?.order);
      if (!isBuyer(ctx, order)) requireSellerOrAdmin(ctx, order);
      if (!REFUNDABLE.includes(order.status)) throw CommerceErrors.refundInvalid(`An order that is ${order.status} cannot be refunded.`);
      const left = order.refundableMinor - (await repos.refunds.openAmount(order.id));
      const amount = input.amountMinor ?? left;
      if (amount <= 0 || amount > left) throw CommerceErrors.refundInvalid(`At most ${left} minor units of this order can still be refunded.`);
      const now = new Date();
      const refund: Refund = {
        id: input.recoveryId,
        orgId: order.sellerOrgId,
        orderId: order.id,
        buyerUserId: order.buyerUserId,
        amountMinor: amount,
        currency: order.currency,
        reason: input.reason,
        status: 'requested',
        providerRef: null,
        providerKey: providerKey(input.recoveryId, 'refund'),
        requestedBy: ctx.userId ?? null,
        approvedBy: null,
        createdAt: now,
        updatedAt: now,
      };
      await repos.refunds.insert(refund);
      return refund;
    });
  }
}

/** The seller or a platform admin approves a requested refund. */
@Injectable()
export class ApproveRefundUseCase {
  constructor(@Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork) {}

  async execute(ctx: RequestContext, input: { refundId: string }): Promise<Refund> {
    return this.uow.run(async (repos) => {
      const refund = await requireRefund(ctx, repos.refunds.lock(input.refundId), repos.orders.findById.bind(repos.orders));
      if (refund.status !== 'requested') return refund;
      refund.status = 'approved';
      refund.approvedBy = ctx.userId ?? null;
      refund.updatedAt = new Date();
      await repos.refunds.save(refund);
      return refund;
    });
  }
}

/** A platform admin rejects a requested refund, with a reason: it takes nothing from the order any more. */
@Injectable()
export class RejectRefundUseCase {
  constructor(@Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork) {}

  async execute(ctx: RequestContext, input: { refundId: string; reason: string }): Promise<Refund> {
    if (!isPlatformAdmin(ctx)) throw CommerceErrors.forbidden('Only a platform admin can reject a refund.');
    return this.uow.run(async (repos) => {
      const refund = await repos.refunds.lock(input.refundId);
      if (!refund) throw CommerceErrors.refundNotFound();
      if (refund.status === 'rejected') return refund;
      if (refund.status !== 'requested') throw CommerceErrors.refundInvalid(`A refund that is ${refund.status} cannot be rejected.`);
      refund.status = 'rejected';
      refund.decisionReason = input.reason;
      refund.updatedAt = new Date();
      await repos.refunds.save(refund);
      return refund;
    });
  }
}

/**
 * Completes an approved refund through the original method: card, a Stripe
 * refund with a key derived from the refund; Razorpay, a refund of the
 * Razorpay payment that paid (found again by its receipt, our refund id, on a
 * retry); wallet, back to the wallet; cash, handed back by the seller's staff
 * (only they may complete it; audited). Then it reverses the sale's ledger
 * postings in proportion (refundSplit; for cash only the commission moved),
 * records it on the order, and tells the marketplace (a full refund revokes
 * downloads).
 */
@Injectable()
export class CompleteRefundUseCase {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    private readonly settlement: RefundSettlement,
  ) {}

  async execute(ctx: RequestContext, input: { refundId: string }): Promise<Refund> {
    const refund = await requireRefund(ctx, this.uow.repos.refunds.findById(input.refundId), (id) => this.uow.repos.orders.findById(id));
    if (refund.status === 'completed') return refund;
    if (refund.status !== 'approved') throw CommerceErrors.refundInvalid('A refund is approved before it is completed.');
    const payments = await this.uow.repos.payments.listForOrder(refund.orderId);
    const paid = payments.find((p) => p.status === 'succeeded');
    if (!paid) throw CommerceErrors.refundInvalid('The order has no successful payment to refund.');
    if (paid.method === 'cash' && !actsForSeller(ctx, refund.orgId)) {
      throw CommerceErrors.forbidden('A cash payment is paid back in cash by the seller’s staff, who complete its refund.');
    }
    return this.settlement.record(ctx, refund.id, paid, await this.settlement.payBack(refund, paid));
  }
}

/** A refund is seen by whoever sees its order; approving and completing take the seller or a platform admin. */
export async function requireRefundVisible(
  ctx: RequestContext,
  refund: Refund | undefined,
  findOrder: (id: string) => Promise<{ order: Order } | undefined>,
): Promise<Refund> {
  const stored = refund && (await findOrder(refund.orderId));
  if (!refund || !stored) throw CommerceErrors.refundNotFound();
  try {
    requireVisible(ctx, stored.order);
  } catch {
    throw CommerceErrors.refundNotFound();
  }
  return refund;
}

async function requireRefund(
  ctx: RequestContext,
  loading: Promise<Refund | undefined>,
  findOrder: (id: string) => Promise<{ order: Order } | undefined>,
): Promise<Refund> {
  const refund = await requireRefundVisible(ctx, await loading, findOrder);
  const stored = await findOrder(refund.orderId);
  if (!isPlatformAdmin(ctx)) requireSellerOrAdmin(ctx, (stored as { order: Order }).order);
  return refund;
}

/** Reads a refund (buyer, seller, platform admin). */
@Injectable()
export class RefundQueries {
  constructor(@Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork) {}

  async get(ctx: RequestContext, id: string): Promise<Refund> {
    return requireRefundVisible(ctx, await this.uow.repos.refunds.findById(id), (orderId) => this.uow.repos.orders.findById(orderId));
  }
}
