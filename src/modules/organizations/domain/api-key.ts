import type { OrganizationRole } from './roles';

/**
 * Organization API keys (seed 004's staff X-API-Key, done properly). The key
 * the caller sees once is `rsk_<prefix>_<secret>`: the prefix (public, unique)
 * finds the row, the SHA-256 of the whole key is what is stored and compared.
 */
export const API_KEY_PREFIX_BYTES = 6;
export const API_KEY_SECRET_BYTES = 32;
export const API_KEY_MAX_LIFETIME_DAYS = 366;
export const API_KEY_NAME_MAX_LENGTH = 100;
/** last_used_at is written at most this often per key, so a busy key does not write on every request. */
export const API_KEY_USAGE_WRITE_INTERVAL_MS = 60_000;

const KEY_PATTERN = /^rsk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function formatApiKey(prefix: string, secret: string): string {
  return `rsk_${prefix}_${secret}`;
}

/** The lookup prefix of a well-formed key, else undefined. */
export function apiKeyPrefix(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

export interface ApiKey {
  id: string;
  orgId: string;
  name: string;
  role: OrganizationRole;
  prefix: string;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function apiKeyStatus(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now: Date): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  return key.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

/** The expiry must be in the future and within the maximum lifetime. */
export function checkApiKeyExpiry(expiresAt: Date, now: Date): string[] {
  if (Number.isNaN(expiresAt.getTime())) return ['expires_at must be a date-time'];
  if (expiresAt.getTime() <= now.getTime()) return ['expires_at must be in the future'];
  if (expiresAt.getTime() > now.getTime() + API_KEY_MAX_LIFETIME_DAYS * 24 * 60 * 60 * 1000) {
    return [`expires_at must be within ${API_KEY_MAX_LIFETIME_DAYS} days`];
  }
  return [];
}
