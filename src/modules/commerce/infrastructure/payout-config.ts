import { moduleConfigProvider } from '../../../platform/config/config.module';
import { PAYOUT_SETTINGS, PayoutSettings } from '../application/ports';

/** Seller payouts: the minimum paid, when the worker runs them, where Connect onboarding returns to. */
export const payoutConfigProvider = moduleConfigProvider(PAYOUT_SETTINGS, (read, config): PayoutSettings => {
  const sellerPage = `${config.http.appUrl.replace(/\/$/, '')}/seller/payouts`;
  return {
    minimumMinor: read.int('PAYOUT_MINIMUM_MINOR', 1000, 1, 100_000_000),
    cron: read.string('PAYOUT_CRON', '0 3 1 * *'),
    returnUrl: read.optionalUrl('PAYOUT_CONNECT_RETURN_URL', ['http:', 'https:']) ?? sellerPage,
    refreshUrl: read.optionalUrl('PAYOUT_CONNECT_REFRESH_URL', ['http:', 'https:']) ?? `${sellerPage}?onboarding=expired`,
  };
});
