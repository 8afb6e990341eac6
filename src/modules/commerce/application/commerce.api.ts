import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../platform/kernel';
import { COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork, SalesByDay } from './ports';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who an order involves: its buyer and the selling organization. */
export interface OrderParties {
  orderId: string;
  buyerUserId: string;
  sellerOrgId: string;
  status: string;
}

/** The commerce context's front door for other contexts (messaging). */
@Injectable()
export class CommerceApi {
  constructor(@Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork) {}

  /** The order's buyer and seller, whatever its status; undefined when there is no such order. The caller decides who may know. */
  async orderParties(_ctx: RequestContext, orderId: string): Promise<OrderParties | undefined> {
    if (!UUID.test(orderId)) return undefined;
    const stored = await this.uow.repos.orders.findById(orderId.toLowerCase());
    if (!stored) return undefined;
    const { order } = stored;
    return { orderId: order.id, buyerUserId: order.buyerUserId, sellerOrgId: order.sellerOrgId, status: order.status };
  }

  /** Orders paid per UTC day and currency since `since`, every organization (the operators' dashboard; gross, before refunds). */
  paidOrdersByDay(_ctx: RequestContext, since: Date): Promise<Array<{ day: string; currency: string; count: number; amountMinor: number }>> {
    return this.uow.repos.orders.paidByDay(since);
  }

  /**
   * The selling organization's orders paid and refunds completed before
   * `until`, per UTC day and currency (the analytics backfill). Authorization is the caller's.
   */
  salesByDay(_ctx: RequestContext, orgId: string, until: Date): Promise<SalesByDay> {
    return this.uow.repos.orders.salesByDay(orgId, until);
  }
}
