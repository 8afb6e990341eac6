import type { Provider, Type } from '@nestjs/common';
import { unitOfWorkProvider } from '../../../platform/database/unit-of-work';
import { CONNECT_GATEWAY, INVOICE_RENDERER, INVOICE_UNIT_OF_WORK, PAYOUT_UNIT_OF_WORK, SEND_RATE_LIMITER } from '../application/ports';
import { RedisSendRateLimiter } from './redis/redis-send-rate-limiter';
import { InvoiceQueries, IssueInvoiceUseCase, SendInvoiceUseCase } from '../application/use-cases/invoices.use-cases';
import { InvoiceEventHandlers } from './events/invoice-event-handlers';
import { InvoicesController, SellerInvoicesController } from './http/invoices.controller';
import { invoiceConfigProvider } from './invoice-config';
import { PdfkitInvoiceRenderer } from './pdf/pdfkit-invoice.renderer';
import { invoiceRepositories } from './persistence/invoice.repository';
import {
  ConnectAccountUseCases,
  PayoutQueries,
  ProcessConnectEventUseCase,
  ReceiveConnectWebhookUseCase,
  RunPayoutsUseCase,
} from '../application/use-cases/payouts.use-cases';
import { AdminPayoutsController, OrganizationPayoutsController } from './http/payouts.controller';
import { PayoutJobsProcessor } from './jobs/payout-jobs';
import { payoutConfigProvider } from './payout-config';
import { payoutRepositories } from './persistence/payout.repository';
import { StripeConnectGateway } from './stripe/stripe-connect.gateway';

/** Seller payouts through Stripe Connect and invoices: what the commerce module registers for them. */
export const PAYOUT_PROVIDERS: Provider[] = [
  unitOfWorkProvider(PAYOUT_UNIT_OF_WORK, payoutRepositories),
  payoutConfigProvider,
  { provide: CONNECT_GATEWAY, useClass: StripeConnectGateway },
  RunPayoutsUseCase,
  PayoutQueries,
  ConnectAccountUseCases,
  ReceiveConnectWebhookUseCase,
  ProcessConnectEventUseCase,
  unitOfWorkProvider(INVOICE_UNIT_OF_WORK, invoiceRepositories),
  invoiceConfigProvider,
  { provide: INVOICE_RENDERER, useClass: PdfkitInvoiceRenderer },
  { provide: SEND_RATE_LIMITER, useClass: RedisSendRateLimiter },
  IssueInvoiceUseCase,
  InvoiceQueries,
  SendInvoiceUseCase,
  // Registered in every process: the relay of each needs to know who subscribes.
  InvoiceEventHandlers,
];

export const PAYOUT_CONTROLLERS: Type[] = [OrganizationPayoutsController, AdminPayoutsController, InvoicesController, SellerInvoicesController];
export const PAYOUT_JOB_PROCESSORS: Type[] = [PayoutJobsProcessor];
