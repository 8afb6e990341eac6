import { Inject, Injectable, Logger } from '@nestjs/common';
import { RequestContext } from '../../../../platform/kernel';
import { CommerceErrors, Order } from '../../domain';
import { publishStatusChanges } from '../events';
import { providerKey } from '../idempotency';
import { CARD_GATEWAY, CardGateway, COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork, PURCHASABLES, Purchasables } from '../ports';
import { recordCharge } from './payment-flow';
import { PaymentSettlement } from './payment-settlement';

/**
 * Cancels an unpaid order: the card payment is cancelled at the provider first
 * (if the buyer paid in the meantime the order is settled instead and stays),
 * then the order and its open payment are cancelled in one transaction, and
 * the reserved stock is given back. Safe to repeat.
 */
@Injectable()
export class OrderCancellation {
  private readonly logger = new Logger(OrderCancellation.name);

  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(CARD_GATEWAY) private readonly gateway: CardGateway,
    @Inject(PURCHASABLES) private readonly purchasables: Purchasables,
    private readonly settlement: PaymentSettlement,
  ) {}

  async cancel(ctx: RequestContext, orderId: string, check: (order: Order) => void = () => undefined): Promise<Order> {
    const before = await this.uow.repos.orders.findById(orderId);
    if (!before) throw CommerceErrors.orderNotFound();
    check(before.order);
    if (before.order.status === 'cancelled') {
      await this.purchasables.release(ctx, orderId);
      return before.order;
    }
    if (!before.order.isOpen) throw CommerceErrors.invalidTransition(before.order.status, 'cancelled');
    const latest = await this.uow.repos.payments.latestForOrder(orderId);
    if (latest?.method === 'card' && latest.providerRef && latest.status !== 'failed' && latest.status !== 'cancelled') {
      const intent = await this.gateway
        .cancelIntent(latest.providerRef, providerKey(latest.providerKey, 'cancel'))
        .catch(async () => this.gateway.retrieveIntent(latest.providerRef as string));
      if (intent.status === 'succeeded') {
        await this.uow.run(async (repos, events) => {
          const payment = await repos.payments.lock(latest.id);
          if (!payment) return;
          recordCharge(payment, intent);
          await this.settlement.settle(ctx, repos, events, payment, new Date());
        });
        throw CommerceErrors.invalidTransition('paid', 'cancelled');
      }
    }
    const order = await this.uow.run(async (repos, events) => {
      const stored = await repos.orders.lock(orderId);
      if (!stored) throw CommerceErrors.orderNotFound();
      const now = new Date();
      if (stored.order.status !== 'cancelled') {
        stored.order.cancel(now);
        await repos.orders.save(stored.order);
      }
      for (const payment of await repos.payments.listForOrder(orderId)) {
        if (payment.status === 'requires_payment' || payment.status === 'processing') {
          payment.status = 'cancelled';
          payment.updatedAt = now;
          await repos.payments.save(payment);
        }
      }
      // The order's discount use (if any) is given back with it.
      await repos.discounts.releaseForOrder(orderId, now);
      publishStatusChanges(ctx, events, stored.order);
      return stored.order;
    });
    await this.purchasables.release(ctx, orderId).catch((error: unknown) => {
      // The expiry sweep retries: cancelled orders release again (release is idempotent).
      this.logger.warn({ msg: 'stock release failed', order_id: orderId, err: error });
    });
    return order;
  }
}
