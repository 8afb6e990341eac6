import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { CommerceErrors } from '../../domain';
import { providerKey } from '../idempotency';
import { CARD_GATEWAY, CardGateway, COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork } from '../ports';
import { recordCharge } from './payment-flow';
import { PaymentSettlement } from './payment-settlement';

/**
 * Before an order is paid another way (cash, Razorpay), its open card
 * attempt is cancelled at Stripe. If the buyer paid by card in the meantime,
 * that payment settles the order and the other way is refused (409).
 */
@Injectable()
export class CardAttempts {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(CARD_GATEWAY) private readonly gateway: CardGateway,
    private readonly settlement: PaymentSettlement,
  ) {}

  async stop(ctx: RequestContext, orderId: string): Promise<void> {
    const latest = await this.uow.repos.payments.latestForOrder(orderId);
    if (latest?.method !== 'card' || !latest.providerRef || !['requires_payment', 'processing'].includes(latest.status)) return;
    const ref = latest.providerRef;
    const intent = await this.gateway.cancelIntent(ref, providerKey(latest.providerKey, 'cancel')).catch(() => this.gateway.retrieveIntent(ref));
    if (intent.status !== 'succeeded') return;
    await this.uow.run(async (repos, events) => {
      const payment = await repos.payments.lock(latest.id);
      if (!payment) return;
      recordCharge(payment, intent);
      await this.settlement.settle(ctx, repos, events, payment, new Date());
    });
    throw CommerceErrors.invalidTransition('paid', 'paid');
  }
}
