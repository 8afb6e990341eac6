import { moduleConfigProvider } from '../../../../platform/config/config.module';

export const RAZORPAY_CONFIG = Symbol('RAZORPAY_CONFIG');

export interface RazorpayConfig {
  /** Unset (with the secret): the Razorpay routes answer 404 COMMERCE.RAZORPAY_DISABLED. */
  keyId: string | undefined;
  keySecret: string | undefined;
  /** Unset: the webhook route answers 404 COMMERCE.RAZORPAY_DISABLED. */
  webhookSecret: string | undefined;
  /** Where the SDK sends requests (tests: a fake on 127.0.0.1); unset: Razorpay's API. */
  apiUrl: string | undefined;
  timeoutMs: number;
}

export const razorpayConfigProvider = moduleConfigProvider(RAZORPAY_CONFIG, (read): RazorpayConfig => ({
  keyId: read.raw('RAZORPAY_KEY_ID'),
  keySecret: read.raw('RAZORPAY_KEY_SECRET'),
  webhookSecret: read.raw('RAZORPAY_WEBHOOK_SECRET'),
  apiUrl: read.optionalUrl('RAZORPAY_API_URL', ['http:', 'https:']),
  timeoutMs: read.int('RAZORPAY_TIMEOUT_MS', 10_000, 100, 60_000),
}));
