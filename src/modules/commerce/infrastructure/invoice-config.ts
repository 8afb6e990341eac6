import { moduleConfigProvider } from '../../../platform/config/config.module';
import { INVOICE_SETTINGS, InvoiceSettings } from '../application/ports';

export const invoiceConfigProvider = moduleConfigProvider(INVOICE_SETTINGS, (read): InvoiceSettings => ({
  linkTtlSeconds: read.int('INVOICE_LINK_TTL_SECONDS', 300, 10, 86_400),
}));
