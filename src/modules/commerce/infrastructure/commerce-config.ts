import { moduleConfigProvider } from '../../../platform/config/config.module';
import { COMMERCE_SETTINGS, CommerceSettings } from '../application/ports';

export const STRIPE_CONFIG = Symbol('STRIPE_CONFIG');

export interface StripeConfig {
  /** Unset: card payments answer 503 COMMERCE.PAYMENT_PROVIDER_UNAVAILABLE. */
  secretKey: string | undefined;
  webhookSecret: string | undefined;
  /** The Connect endpoint's own signing secret (account.updated); unset: that endpoint answers 400. */
  connectWebhookSecret?: string | undefined;
  /** Where the SDK sends requests (tests: a fake on 127.0.0.1); unset: Stripe's API. */
  apiUrl: string | undefined;
  timeoutMs: number;
  maxNetworkRetries: number;
}

const HOUR = 60;

export const commerceConfigProviders = [
  moduleConfigProvider(COMMERCE_SETTINGS, (read): CommerceSettings => ({
    defaultCommissionBps: read.int('COMMERCE_PLATFORM_COMMISSION_BPS', 2000, 0, 10_000),
    orderTtlMinutes: read.int('COMMERCE_ORDER_TTL_MINUTES', 30, 1, 7 * 24 * HOUR),
    idempotencyTtlHours: read.int('COMMERCE_IDEMPOTENCY_TTL_HOURS', 24, 24, 24 * 30),
    idempotencyWaitMs: read.int('COMMERCE_IDEMPOTENCY_WAIT_MS', 10_000, 0, 60_000),
    currency: read.string('COMMERCE_DEFAULT_CURRENCY', 'EUR'),
  })),
  moduleConfigProvider(STRIPE_CONFIG, (read): StripeConfig => ({
    secretKey: read.raw('STRIPE_SECRET_KEY'),
    webhookSecret: read.raw('STRIPE_WEBHOOK_SECRET'),
    connectWebhookSecret: read.raw('STRIPE_CONNECT_WEBHOOK_SECRET'),
    apiUrl: read.optionalUrl('STRIPE_API_URL', ['http:', 'https:']),
    timeoutMs: read.int('STRIPE_TIMEOUT_MS', 10_000, 100, 80_000),
    maxNetworkRetries: read.int('STRIPE_MAX_NETWORK_RETRIES', 2, 0, 5),
  })),
];
