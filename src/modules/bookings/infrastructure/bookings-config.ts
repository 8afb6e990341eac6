import { moduleConfigProvider } from '../../../platform/config/config.module';
import { BOOKINGS_SETTINGS, BookingsSettings } from '../application/ports';

/** The bookings context's configuration (see .env.example). */
export const bookingsSettingsProvider = moduleConfigProvider<BookingsSettings>(BOOKINGS_SETTINGS, (read) => ({
  maxAdvanceDays: read.int('BOOKINGS_MAX_ADVANCE_DAYS', 90, 1, 730),
  nextSlotsOffered: read.int('BOOKINGS_NEXT_SLOTS_OFFERED', 5, 1, 20),
  paymentHoldMinutes: read.int('BOOKINGS_PAYMENT_HOLD_MINUTES', 15, 1, 24 * 60),
  holdSweepIntervalMs: read.int('BOOKINGS_HOLD_SWEEP_INTERVAL_MS', 30_000, 100, 3_600_000),
}));
