import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';

import { isBuyer, requireSellerOrAdmin, requireVisible } from '../access';
import { publishStatusChanges } from '../events';
import { COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork } from '../ports';
import { OrderQueries } from '../queries/order.queries';
import { OrderCancellation } from '../services/order-cancellation';
import type { OrderView } from '../views';

export type SellerStep = 'confirm' | 'ship' | 'deliver';

/** The seller (or a platform admin) confirms, ships and delivers a paid physical order. */
@Injectable()
export class AdvanceOrderUseCase {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    private readonly queries: OrderQueries,
  ) {}

  async execute(ctx: RequestContext, input: { orderId: string; step: SellerStep }): Promise<OrderView> {
    await this.uow.run(async (repos, events) => {
      const stored = await repos.orders.lock(input.orderId);
      const order = requireVisible(ctx, stored?.order);
      requireSellerOrAdmin(ctx, order);
      const now = new Date();
      if (input.step === 'confirm') order.confirm(now);
      else if (input.step === 'ship') order.ship(now);
      else order.deliver(now);
      await repos.orders.save(order);
      publishStatusChanges(ctx, events, order);
    });
    return this.queries.view(input.orderId);
  }
}

/** The buyer, the seller or a platform admin cancels an unpaid order; its stock is released. */
@Injectable()
export class CancelOrderUseCase {
  constructor(
    private readonly cancellation: OrderCancellation,
    private readonly queries: OrderQueries,
  ) {}

  async execute(ctx: RequestContext, input: { orderId: string }): Promise<OrderView> {
    await this.cancellation.cancel(ctx, input.orderId, (order) => {
      requireVisible(ctx, order);
      if (!isBuyer(ctx, order)) requireSellerOrAdmin(ctx, order);
    });
    return this.queries.view(input.orderId);
  }
}

/** The scheduled sweep: unpaid orders past their time are cancelled and their stock released. */
@Injectable()
export class ExpireOrdersUseCase {
  private readonly logger = new Logger(ExpireOrdersUseCase.name);

  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    private readonly cancellation: OrderCancellation,
  ) {}

  async execute(ctx: RequestContext, now = new Date(), limit = 200): Promise<number> {
    let cancelled = 0;
    for (const orderId of await this.uow.repos.orders.expired(now, limit)) {
      try {
        await this.cancellation.cancel(ctx, orderId);
        cancelled += 1;
      } catch (error) {
        // Paid in the meantime (settled by the cancellation itself): nothing to expire.
        if (error instanceof Error && 'code' in error && error.code === 'COMMERCE.INVALID_TRANSITION') continue;
        // One order the provider cannot settle now (unreachable, unknown intent) must not hold back the others:
        // it stays expired-and-open, so the next sweep tries it again.
        this.logger.warn(`order ${orderId} could not be expired now: ${(error as Error).message}`);
      }
    }
    return cancelled;
  }
}
