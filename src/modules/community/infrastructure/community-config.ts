import { moduleConfigProvider } from '../../../platform/config/config.module';
import { COMMUNITY_CONFIG, type CommunityConfig } from '../application/ports';

const DAY = 86_400;

/** The community context's configuration (COMMUNITY_* variables, documented in .env.example). */
export const communityConfigProvider = moduleConfigProvider(COMMUNITY_CONFIG, (read, config): CommunityConfig => ({
  appUrl: read.string('COMMUNITY_APP_URL', config.http.appUrl).replace(/\/+$/, ''),
  // Unset: derived from JWT_SECRET through HKDF with the signer's own label, so the keys differ.
  linkSecret: read.raw('COMMUNITY_LINK_SECRET') === undefined ? config.jwt.secret : read.secret('COMMUNITY_LINK_SECRET', config.nodeEnv === 'production', ''),
  unsubscribeLinkTtlSeconds: read.int('COMMUNITY_UNSUBSCRIBE_LINK_TTL_DAYS', 90, 1, 3650) * DAY,
  digestIntervalMinutes: read.int('COMMUNITY_DIGEST_INTERVAL_MINUTES', 24 * 60, 1, 7 * 24 * 60),
  autoHideFlagCount: read.int('COMMUNITY_AUTO_HIDE_FLAG_COUNT', 3, 1, 1000),
}));
