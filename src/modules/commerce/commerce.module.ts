import { DynamicModule, Module, Provider } from '@nestjs/common';
import { unitOfWorkProvider } from '../../platform/database/unit-of-work';
import { registerQueues } from '../../platform/queues/queues.module';
import { CommerceApi } from './application/commerce.api';
import { CommerceAdminApi } from './application/commerce-admin.api';
import { COMMERCE_ADMIN_READS } from './application/admin-reads';
import { commerceAdminReads } from './infrastructure/persistence/admin-reads.repository';
import { DataSource } from 'typeorm';
import { IdempotentRequests } from './application/idempotency';
import { CARD_GATEWAY, COMMERCE_JOBS, COMMERCE_UNIT_OF_WORK, PURCHASABLES } from './application/ports';
import { OrderQueries } from './application/queries/order.queries';
import { OrderCancellation } from './application/services/order-cancellation';
import { RefundSettlement } from './application/services/refund-settlement';
import { PaymentFlow } from './application/services/payment-flow';
import { PaymentSettlement } from './application/services/payment-settlement';
import { AdvanceOrderUseCase, CancelOrderUseCase, ExpireOrdersUseCase } from './application/use-cases/change-order-status.use-case';
import { PlaceOrderUseCase } from './application/use-cases/place-order.use-case';
import { RetryPaymentUseCase } from './application/use-cases/retry-payment.use-case';
import { ProcessStripeEventUseCase, ReceiveStripeWebhookUseCase } from './application/use-cases/stripe-webhook.use-case';
import { ReconcileLedgerUseCase, SetSellerCommissionUseCase, TopUpWalletUseCase, WalletQueries } from './application/use-cases/wallet.use-cases';
import { CommerceAdminController, WalletsController } from './infrastructure/http/wallets.controller';
import {
  ApproveRefundUseCase,
  CompleteRefundUseCase,
  RefundQueries,
  RejectRefundUseCase,
  RequestRefundUseCase,
} from './application/use-cases/refunds.use-cases';
import { RefundsController } from './infrastructure/http/refunds.controller';
import {
  ApplyDiscountUseCase,
  CreateDiscountUseCase,
  DeactivateDiscountUseCase,
  DiscountQueries,
  UpdateDiscountUseCase,
  ValidateDiscountUseCase,
} from './application/use-cases/discounts.use-cases';
import { DiscountsController, DiscountValidationController } from './infrastructure/http/discounts.controller';
import { RecordCashPaymentUseCase } from './application/use-cases/cash-payment.use-case';
import { CashPaymentsController } from './infrastructure/http/cash-payments.controller';
import { PaymentAuditHandler } from './infrastructure/events/payment-audit.handler';
import { PaymentReturnHandler } from './infrastructure/events/payment-return.handler';
import { ReturnPaymentUseCase } from './application/use-cases/return-payment.use-case';
import { RAZORPAY_GATEWAY } from './application/razorpay-ports';
import { CardAttempts } from './application/services/card-attempts';
import { CreateRazorpayOrderUseCase, ReceiveRazorpayWebhookUseCase, VerifyRazorpayPaymentUseCase } from './application/use-cases/razorpay.use-cases';
import { RazorpayPaymentsController, RazorpayWebhookController } from './infrastructure/http/razorpay.controller';
import { razorpayConfigProvider } from './infrastructure/razorpay/razorpay.config';
import { RazorpaySdkGateway } from './infrastructure/razorpay/razorpay.gateway';
import { commerceConfigProviders } from './infrastructure/commerce-config';
import { OrdersController, SellerOrdersController } from './infrastructure/http/orders.controller';
import { PaymentsController, StripeWebhookController } from './infrastructure/http/payments.controller';
import { BullCommerceJobs, COMMERCE_QUEUE, CommerceJobsProcessor } from './infrastructure/jobs/commerce-jobs';
import { MarketplacePurchasables } from './infrastructure/marketplace/marketplace-purchasables';
import { commerceRepositories } from './infrastructure/persistence/commerce-repositories';
import { StripeCardGateway } from './infrastructure/stripe/stripe-card.gateway';
import { PAYOUT_CONTROLLERS, PAYOUT_JOB_PROCESSORS, PAYOUT_PROVIDERS } from './infrastructure/payouts.providers';
import { CommerceDemoSeeder } from './infrastructure/seed/commerce-demo.seeder';
import { BookingPayments } from './application/use-cases/booking-payments.use-cases';

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
  RequestRefundUseCase,
  ApproveRefundUseCase,
  CompleteRefundUseCase,
  RejectRefundUseCase,
  CreateDiscountUseCase,
  UpdateDiscountUseCase,
  DeactivateDiscountUseCase,
  ValidateDiscountUseCase,
  ApplyDiscountUseCase,
  RecordCashPaymentUseCase,
  CreateRazorpayOrderUseCase,
  VerifyRazorpayPaymentUseCase,
  ReceiveRazorpayWebhookUseCase,
];

const SERVICES = [
  IdempotentRequests,
  PaymentSettlement,
  PaymentFlow,
  OrderCancellation,
  RefundSettlement,
  OrderQueries,
  WalletQueries,
  RefundQueries,
  DiscountQueries,
  CardAttempts,
];

const ADAPTERS: Provider[] = [
  unitOfWorkProvider(COMMERCE_UNIT_OF_WORK, commerceRepositories),
  ...commerceConfigProviders,
  { provide: CARD_GATEWAY, useClass: StripeCardGateway },
  { provide: PURCHASABLES, useClass: MarketplacePurchasables },
  razorpayConfigProvider,
  { provide: RAZORPAY_GATEWAY, useClass: RazorpaySdkGateway },
  BullCommerceJobs,
  { provide: COMMERCE_JOBS, useExisting: BullCommerceJobs },
  ...PAYOUT_PROVIDERS,
  { provide: COMMERCE_ADMIN_READS, useFactory: commerceAdminReads, inject: [DataSource] },
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
      global: true,
      imports: [registerQueues(COMMERCE_QUEUE)],
      controllers: options.serveHttp
        ? [
            OrdersController,
            SellerOrdersController,
            PaymentsController,
            StripeWebhookController,
            WalletsController,
            CommerceAdminController,
            RefundsController,
            ...PAYOUT_CONTROLLERS,
            DiscountsController,
            DiscountValidationController,
            CashPaymentsController,
            RazorpayPaymentsController,
            RazorpayWebhookController,
          ]
        : [],
      providers: [
        ...ADAPTERS,
        ...SERVICES,
        ...USE_CASES,
        PaymentAuditHandler,
        PaymentReturnHandler,
        ReturnPaymentUseCase,
        ...(options.processJobs ? [CommerceJobsProcessor, ...PAYOUT_JOB_PROCESSORS] : []),
        BookingPayments,
        CommerceApi,
        CommerceAdminApi,
        CommerceDemoSeeder,
      ],
      exports: [CommerceApi, CommerceAdminApi],
    };
  }
}
