import { moduleConfigProvider } from '../../../platform/config/config.module';
import { INVOICE_SETTINGS, InvoiceSettings } from '../application/ports';

export const invoiceConfigProvider = moduleConfigProvider(INVOICE_SETTINGS, (read): InvoiceSettings => ({
  linkTtlSeconds: read.int('INVOICE_LINK_TTL_SECONDS', 300, 10, 86_400),
  mailRateLimitMax: read.int('MAIL_RATE_LIMIT_MAX', 3, 1, 1000),
  mailRateLimitTtlMs: read.int('MAIL_RATE_LIMIT_TTL_MS', 15 * 60_000, 1000, 24 * 3_600_000),
}));
