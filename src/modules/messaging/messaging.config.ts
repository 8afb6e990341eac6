import { moduleConfigProvider } from '../../platform/config/config.module';
import { MESSAGING_SETTINGS, MessagingSettings } from './application/ports';

/** MESSAGING_* variables (documented in .env.example). */
export const messagingSettingsProvider = moduleConfigProvider<MessagingSettings>(MESSAGING_SETTINGS, (read) => ({
  maxBodyChars: read.int('MESSAGING_MAX_BODY_CHARS', 4000, 1, 100_000),
  maxParticipants: read.int('MESSAGING_MAX_PARTICIPANTS', 100, 2, 10_000),
  sendLimit: read.int('MESSAGING_SEND_LIMIT', 30, 1, 100_000),
  sendWindowMs: read.int('MESSAGING_SEND_WINDOW_MS', 10_000, 100, 3_600_000),
  typingTtlMs: read.int('MESSAGING_TYPING_TTL_MS', 5000, 500, 60_000),
  typingMinIntervalMs: read.int('MESSAGING_TYPING_MIN_INTERVAL_MS', 1000, 0, 60_000),
  socketRecheckMs: read.int('MESSAGING_SOCKET_RECHECK_MS', 30_000, 1000, 3_600_000),
}));
