import type { AppConfig, ConfigReader } from '../../../platform/config/config.schema';

/** The identity section of the configuration (IDENTITY_* variables), provided by IdentityModule. */
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** Accounts, sessions and one-time codes (the identity context). Durations are in seconds unless named otherwise. */
export interface IdentityConfig {
  /**
   * Key material for one-time codes (phone OTP) and the login throttle. Identity
   * derives purpose-bound subkeys from it with HKDF; when IDENTITY_TOKEN_SECRET is
   * unset it falls back to JWT_SECRET (still through HKDF, so the keys differ from the JWT key).
   */
  tokenSecret: string;
  /** Where links in e-mails point (the frontend); defaults to PUBLIC_URL. */
  appUrl: string;
  refreshIdleTtlSeconds: number;
  refreshAbsoluteTtlSeconds: number;
  /** A used refresh token presented again within this window gets the successor already issued (<= 10 s). */
  refreshGraceSeconds: number;
  /** Per-process cache of session status, invalidated through Redis pub/sub; 0 checks the database on every request. */
  sessionCacheTtlMs: number;
  sessionCacheMaxEntries: number;
  emailVerificationTtlSeconds: number;
  emailChangeTtlSeconds: number;
  /** <= 30 minutes. */
  passwordResetTtlSeconds: number;
  /** <= 10 minutes. */
  otpTtlSeconds: number;
  /** Wrong codes after which a code is dead (<= 5). */
  otpMaxAttempts: number;
  otpResendCooldownSeconds: number;
  otpWindowSeconds: number;
  otpMaxPerPhone: number;
  otpMaxPerIp: number;
  /** Consecutive failed logins for one e-mail before attempts are slowed down. */
  loginFailureThreshold: number;
  loginThrottleBaseSeconds: number;
  loginThrottleMaxSeconds: number;
  /** A failure streak older than this is forgotten. */
  loginFailureWindowSeconds: number;
  /** argon2id cost; never below the OWASP minimum (m=19456 KiB, t=2, p=1). */
  argon2MemoryKiB: number;
  argon2TimeCost: number;
  argon2Parallelism: number;
  /** Days ended sessions, used or expired one-time links and old phone codes are kept before the sweep deletes them. */
  retentionDays: number;
  /** Minutes between two retention sweeps (a repeatable job of the worker). */
  retentionSweepMinutes: number;
  /** The largest profile picture upload accepted, in bytes. */
  pictureMaxBytes: number;
}

/** Reads and checks identity's variables (IDENTITY_*); every problem is reported with the platform's at start. */
export function readIdentityConfig(read: ConfigReader, config: AppConfig): IdentityConfig {
  const production = config.nodeEnv === 'production';
  const jwtSecret = config.jwt.secret;
  const ownSecret = read.raw('IDENTITY_TOKEN_SECRET');
  const identity: IdentityConfig = {
    tokenSecret: ownSecret === undefined ? jwtSecret : read.secret('IDENTITY_TOKEN_SECRET', production, ownSecret),
    appUrl: read.string('IDENTITY_APP_URL', config.http.appUrl),
    refreshIdleTtlSeconds: read.int('IDENTITY_REFRESH_IDLE_TTL_SECONDS', 14 * DAY, MINUTE, 365 * DAY),
    refreshAbsoluteTtlSeconds: read.int('IDENTITY_REFRESH_ABSOLUTE_TTL_SECONDS', 30 * DAY, MINUTE, 365 * DAY),
    refreshGraceSeconds: read.int('IDENTITY_REFRESH_GRACE_SECONDS', 10, 0, 10),
    sessionCacheTtlMs: read.int('IDENTITY_SESSION_CACHE_TTL_MS', 10_000, 0, 5 * 60_000),
    sessionCacheMaxEntries: read.int('IDENTITY_SESSION_CACHE_MAX_ENTRIES', 50_000, 1, 10_000_000),
    emailVerificationTtlSeconds: read.int('IDENTITY_EMAIL_VERIFICATION_TTL_SECONDS', 2 * DAY, MINUTE, 30 * DAY),
    emailChangeTtlSeconds: read.int('IDENTITY_EMAIL_CHANGE_TTL_SECONDS', HOUR, MINUTE, DAY),
    passwordResetTtlSeconds: read.int('IDENTITY_PASSWORD_RESET_TTL_SECONDS', 30 * MINUTE, MINUTE, 30 * MINUTE),
    otpTtlSeconds: read.int('IDENTITY_OTP_TTL_SECONDS', 10 * MINUTE, 30, 10 * MINUTE),
    otpMaxAttempts: read.int('IDENTITY_OTP_MAX_ATTEMPTS', 5, 1, 5),
    otpResendCooldownSeconds: read.int('IDENTITY_OTP_RESEND_COOLDOWN_SECONDS', MINUTE, 0, HOUR),
    otpWindowSeconds: read.int('IDENTITY_OTP_WINDOW_SECONDS', HOUR, MINUTE, DAY),
    otpMaxPerPhone: read.int('IDENTITY_OTP_MAX_PER_PHONE', 5, 1, 1000),
    otpMaxPerIp: read.int('IDENTITY_OTP_MAX_PER_IP', 20, 1, 100_000),
    loginFailureThreshold: read.int('IDENTITY_LOGIN_FAILURE_THRESHOLD', 5, 1, 100),
    loginThrottleBaseSeconds: read.int('IDENTITY_LOGIN_THROTTLE_BASE_SECONDS', 1, 1, HOUR),
    loginThrottleMaxSeconds: read.int('IDENTITY_LOGIN_THROTTLE_MAX_SECONDS', 15 * MINUTE, 1, DAY),
    loginFailureWindowSeconds: read.int('IDENTITY_LOGIN_FAILURE_WINDOW_SECONDS', HOUR, MINUTE, 7 * DAY),
    argon2MemoryKiB: read.int('IDENTITY_ARGON2_MEMORY_KIB', 19_456, 19_456, 4_194_304),
    argon2TimeCost: read.int('IDENTITY_ARGON2_TIME_COST', 2, 2, 100),
    argon2Parallelism: read.int('IDENTITY_ARGON2_PARALLELISM', 1, 1, 64),
    // At least a day: the per-phone and per-IP code limits count codes over a window of up to a day.
    retentionDays: read.int('IDENTITY_RETENTION_DAYS', 30, 1, 3650),
    retentionSweepMinutes: read.int('IDENTITY_RETENTION_SWEEP_MINUTES', 60, 1, 24 * 60),
    pictureMaxBytes: read.int('IDENTITY_PICTURE_MAX_BYTES', 5 * 1024 * 1024, 1024, 50 * 1024 * 1024),
  };
  if (identity.refreshAbsoluteTtlSeconds < identity.refreshIdleTtlSeconds) {
    read.problems.push('IDENTITY_REFRESH_ABSOLUTE_TTL_SECONDS must be at least IDENTITY_REFRESH_IDLE_TTL_SECONDS');
  }
  if (identity.loginThrottleMaxSeconds < identity.loginThrottleBaseSeconds) {
    read.problems.push('IDENTITY_LOGIN_THROTTLE_MAX_SECONDS must be at least IDENTITY_LOGIN_THROTTLE_BASE_SECONDS');
  }
  return identity;
}
