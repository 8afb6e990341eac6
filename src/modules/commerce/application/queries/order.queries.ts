import { Inject, Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { CommerceErrors, OrderStatus } from '../../domain';
import { actsForSeller, isBuyer, isPlatformAdmin, requireUserId, requireVisible } from '../access';
import { COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork, Payment } from '../ports';
import type { OrderView } from '../views';

/** Reads of orders and payments, with who may see them. */
@Injectable()
export class OrderQueries {
  constructor(@Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork) {}

  /** An order with its payments, unchecked (for use cases that checked already). */
  async view(orderId: string): Promise<OrderView> {
    const stored = await this.uow.repos.orders.findById(orderId);
    if (!stored) throw CommerceErrors.orderNotFound();
    return { ...stored.order.snapshot(), payments: await this.uow.repos.payments.listForOrder(orderId) };
  }

  async get(ctx: RequestContext, orderId: string): Promise<OrderView> {
    const stored = await this.uow.repos.orders.findById(orderId);
    requireVisible(ctx, stored?.order);
    return this.view(orderId);
  }

  async listMine(ctx: RequestContext, filter: { status?: OrderStatus }, page: PageRequest): Promise<Page<OrderView>> {
    const buyer = requireUserId(ctx);
    const orders = await this.uow.repos.orders.listForBuyer(buyer, filter, page);
    return { ...orders, data: orders.data.map((order) => ({ ...order.snapshot(), payments: [] })) };
  }

  async listForSeller(ctx: RequestContext, orgId: string, filter: { status?: OrderStatus }, page: PageRequest): Promise<Page<OrderView>> {
    if (!actsForSeller(ctx, orgId)) throw CommerceErrors.orderNotFound();
    const orders = await this.uow.repos.orders.listForSeller(orgId, filter, page);
    return { ...orders, data: orders.data.map((order) => ({ ...order.snapshot(), payments: [] })) };
  }

  /** A payment is seen by whoever sees its order. */
  async payment(ctx: RequestContext, paymentId: string): Promise<Payment> {
    const payment = await this.uow.repos.payments.findById(paymentId);
    if (!payment) throw CommerceErrors.paymentNotFound();
    const stored = await this.uow.repos.orders.findById(payment.orderId);
    if (!stored || !(isBuyer(ctx, stored.order) || actsForSeller(ctx, stored.order.sellerOrgId) || isPlatformAdmin(ctx))) {
      throw CommerceErrors.paymentNotFound();
    }
    return payment;
  }
}
