import type { EntityManager } from 'typeorm';
import type { CommerceRepositories } from '../../application/ports';
import { SqlDiscountRepository } from './discount.repository';
import { SqlIdempotencyRepository, SqlWebhookEventRepository } from './idempotency.repository';
import { SqlLedger } from './ledger.repository';
import { SqlOrderRepository } from './order.repository';
import { SqlPaymentRepository, SqlSellerSettingsRepository } from './payment.repository';
import { SqlRefundRepository } from './refund.repository';
import { SqlTopUpRepository } from './top-up.repository';

/** The context's repositories over a connection or a transaction (plain SQL, see the house style). */
export function commerceRepositories(db: EntityManager): CommerceRepositories {
  return {
    orders: new SqlOrderRepository(db),
    topUps: new SqlTopUpRepository(db),
    refunds: new SqlRefundRepository(db),
    payments: new SqlPaymentRepository(db),
    sellers: new SqlSellerSettingsRepository(db),
    ledger: new SqlLedger(db),
    idempotency: new SqlIdempotencyRepository(db),
    webhooks: new SqlWebhookEventRepository(db),
    discounts: new SqlDiscountRepository(db),
  };
}
