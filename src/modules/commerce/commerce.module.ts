import { DynamicModule, Module, Provider } from '@nestjs/common';
import { unitOfWorkProvider } from '../../platform/database/unit-of-work';
import { registerQueues } from '../../platform/queues/queues.module';
import { IdempotentRequests } from './application/idempotency';
import { CARD_GATEWAY, COMMERCE_JOBS, COMMERCE_UNIT_OF_WORK, PURCHASABLES } from './application/ports';
import { OrderQueries } from './application/queries/order.queries';
import { OrderCancellation } from './application/services/order-cancellation';
import { PaymentFlow } from './application/services/payment-flow';
import { PaymentSettlement } from './application/services/payment-settlement';
import { AdvanceOrderUseCase, CancelOrderUseCase, ExpireOrdersUseCase } from './application/use-cases/change-order-status.use-case';
import { PlaceOrderUseCase } from './application/use-cases/place-order.use-case';
import { RetryPaymentUseCase } from './application/use-cases/retry-payment.use-case';
import { ProcessStripeEventUseCase, ReceiveStripeWebhookUseCase } from './application/use-cases/stripe-webhook.use-case';
import { ReconcileLedgerUseCase, SetSellerCommissionUseCase, TopUpWalletUseCase, WalletQueries } from './application/use-cases/wallet.use-cases';
import { CommerceAdminController, WalletsController } from './infrastructure/http/wallets.controller';
import { commerceConfigProviders } from './infrastructure/commerce-config';
import { OrdersController, SellerOrdersController } from './infrastructure/http/orders.controller';
import { PaymentsController, StripeWebhookController } from './infrastructure/http/payments.controller';
import { BullCommerceJobs, COMMERCE_QUEUE, CommerceJobsProcessor } from './infrastructure/jobs/commerce-jobs';
import { MarketplacePurchasables } from './infrastructure/marketplace/marketplace-purchasables';
import { commerceRepositories } from './infrastructure/persistence/commerce-repositories';
import { StripeCardGateway } from './infrastructure/stripe/stripe-card.gateway';

const USE_CASES = [
  PlaceOrderUseCase,
  AdvanceOrderUseCase,
  CancelOrderUseCase,
  ExpireOrdersUseCase,
  RetryPaymentUseCase,
  ReceiveStripeWebhookUseCase,
  ProcessStripeEventUseCase,
  TopUpWalletUseCase,
  ReconcileLedgerUseCase,
  SetSellerCommissionUseCase,
];

const SERVICES = [IdempotentRequests, PaymentSettlement, PaymentFlow, OrderCancellation, OrderQueries, WalletQueries];

const ADAPTERS: Provider[] = [
  unitOfWorkProvider(COMMERCE_UNIT_OF_WORK, commerceRepositories),
  ...commerceConfigProviders,
  { provide: CARD_GATEWAY, useClass: StripeCardGateway },
  { provide: PURCHASABLES, useClass: MarketplacePurchasables },
  BullCommerceJobs,
  { provide: COMMERCE_JOBS, useExisting: BullCommerceJobs },
];

/**
 * The commerce context: orders, payments (Stripe), the Idempotency-Key
 * mechanism, webhooks, and the double-entry ledger.
 */
@Module({})
export class CommerceModule {
  static register(options: { processJobs: boolean; serveHttp: boolean }): DynamicModule {
    return {
      module: CommerceModule,
      imports: [registerQueues(COMMERCE_QUEUE)],
      controllers: options.serveHttp
        ? [OrdersController, SellerOrdersController, PaymentsController, StripeWebhookController, WalletsController, CommerceAdminController]
        : [],
      providers: [...ADAPTERS, ...SERVICES, ...USE_CASES, ...(options.processJobs ? [CommerceJobsProcessor] : [])],
      exports: [],
    };
  }
}
