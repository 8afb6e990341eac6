/**
 * Typed configuration, read once from the environment and validated at start.
 * Every problem is collected and reported together, each naming its variable,
 * so a bad deployment fails in one go with a message an operator can act on.
 */
export type NodeEnv = 'development' | 'test' | 'production';
export type ProcessRole = 'api' | 'worker' | 'all';

export interface AppConfig {
  nodeEnv: NodeEnv;
  processRole: ProcessRole;
  http: {
    host: string;
    port: number;
    bodyLimitBytes: number;
    corsOrigins: string[];
    trustProxy: boolean;
    publicUrl: string;
  };
  database: {
    url?: string;
    poolMax: number;
    /** Distinct parameterized statements the process keeps prepared on its connections (0: none). */
    preparedStatements: number;
    embeddedDir: string;
    embeddedPort: number;
  };
  redis: { url?: string; keyPrefix: string };
  queues: { attempts: number; backoffMs: number; lockMs: number; stalledIntervalMs: number; shutdownGraceMs: number; workerMetricsPort: number };
  rateLimit: { ttlMs: number; limit: number; authTtlMs: number; authLimit: number };
  log: { level: string };
  jwt: { secret: string; issuer: string; audience: string; accessTtlSeconds: number };
  mail: { smtpUrl?: string; from: string };
  /** Twilio-style SMS API (`{apiUrl}/2010-04-01/Accounts/{accountSid}/Messages.json`); unset: the outbox. */
  sms: { apiUrl: string; accountSid?: string; authToken?: string; from?: string };
  identity: IdentityConfig;
  events: { relayIntervalMs: number; relayBatch: number; retentionDays: number };
  /** The environment this configuration was read from: modules read their own slice of it (readModuleConfig). */
  readonly env: Readonly<Env>;
}

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
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

/** Secrets that ship in .env.example or are commonly left in place; refused in production. */
const KNOWN_WEAK_SECRETS = new Set(['change-me', 'changeme', 'secret', 'password', 'dev-secret-change-me', 'admin']);
const MIN_PRODUCTION_SECRET_LENGTH = 32;

/** Reads and validates variables, collecting every problem. Modules use it for their own slice (readModuleConfig). */
export class ConfigReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback?: string): string {
    const value = this.raw(name) ?? fallback;
    if (value === undefined) {
      this.problems.push(`${name} is required`);
      return '';
    }
    return value;
  }

  optionalUrl(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) {
        this.problems.push(`${name} must use one of ${protocols.join(', ')} (got ${url.protocol})`);
      }
    } catch {
      this.problems.push(`${name} is not a valid URL`);
    }
    return value;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^-?\d+$/.test(value)) {
      this.problems.push(`${name} must be an integer (got "${value}")`);
      return fallback;
    }
    const parsed = Number(value);
    if (parsed < min || parsed > max) {
      this.problems.push(`${name} must be between ${min} and ${max} (got ${parsed})`);
      return fallback;
    }
    return parsed;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(value.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!allowed.includes(value as T)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
      return fallback;
    }
    return value as T;
  }

  list(name: string, fallback: string[]): string[] {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }

  secret(name: string, production: boolean, developmentFallback: string): string {
    const value = this.raw(name);
    if (!production) return value ?? developmentFallback;
    if (value === undefined) {
      this.problems.push(`${name} is required in production`);
    } else if (KNOWN_WEAK_SECRETS.has(value.toLowerCase()) || value.length < MIN_PRODUCTION_SECRET_LENGTH) {
      this.problems.push(`${name} is a default or weak secret: use at least ${MIN_PRODUCTION_SECRET_LENGTH} random characters in production`);
    }
    return value ?? '';
  }
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

function readIdentity(read: ConfigReader, production: boolean, localUrl: string, jwtSecret: string): IdentityConfig {
  const ownSecret = read.raw('IDENTITY_TOKEN_SECRET');
  const identity: IdentityConfig = {
    tokenSecret: ownSecret === undefined ? jwtSecret : read.secret('IDENTITY_TOKEN_SECRET', production, ownSecret),
    appUrl: read.string('IDENTITY_APP_URL', read.raw('PUBLIC_URL') ?? localUrl),
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
  };
  if (identity.refreshAbsoluteTtlSeconds < identity.refreshIdleTtlSeconds) {
    read.problems.push('IDENTITY_REFRESH_ABSOLUTE_TTL_SECONDS must be at least IDENTITY_REFRESH_IDLE_TTL_SECONDS');
  }
  if (identity.loginThrottleMaxSeconds < identity.loginThrottleBaseSeconds) {
    read.problems.push('IDENTITY_LOGIN_THROTTLE_MAX_SECONDS must be at least IDENTITY_LOGIN_THROTTLE_BASE_SECONDS');
  }
  return identity;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const read = new ConfigReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const production = nodeEnv === 'production';
  const port = read.int('PORT', 3000, 0, 65535);
  const host = read.string('HOST', '0.0.0.0');

  const jwtSecret = read.secret('JWT_SECRET', production, 'dev-only-jwt-secret-not-for-production-use');
  const config: AppConfig = {
    nodeEnv,
    processRole: read.oneOf('PROCESS_ROLE', ['api', 'worker', 'all'] as const, 'api'),
    http: {
      host,
      port,
      bodyLimitBytes: read.int('HTTP_BODY_LIMIT_BYTES', 1_048_576, 1024, 50 * 1_048_576),
      corsOrigins: read.list('CORS_ORIGINS', production ? [] : ['http://localhost:3000', 'http://localhost:5173']),
      trustProxy: read.bool('TRUST_PROXY', false),
      publicUrl: read.string('PUBLIC_URL', `http://localhost:${port}`),
    },
    database: {
      url: read.optionalUrl('DATABASE_URL', ['postgres:', 'postgresql:']),
      poolMax: read.int('DATABASE_POOL_MAX', 10, 1, 200),
      preparedStatements: read.int('DATABASE_PREPARED_STATEMENTS', 256, 0, 10_000),
      embeddedDir: read.string('EMBEDDED_PG_DIR', '.data/postgres'),
      embeddedPort: read.int('EMBEDDED_PG_PORT', 54329, 1024, 65535),
    },
    redis: {
      url: read.optionalUrl('REDIS_URL', ['redis:', 'rediss:']),
      keyPrefix: read.string('QUEUE_PREFIX', 'revsync'),
    },
    queues: {
      attempts: read.int('QUEUE_ATTEMPTS', 5, 1, 50),
      backoffMs: read.int('QUEUE_BACKOFF_MS', 2000, 10, 3_600_000),
      // A job whose worker died is re-delivered after its lock expires (lockMs) and the next stalled check runs.
      lockMs: read.int('QUEUE_LOCK_MS', 30_000, 500, 3_600_000),
      stalledIntervalMs: read.int('QUEUE_STALLED_INTERVAL_MS', 15_000, 200, 3_600_000),
      shutdownGraceMs: read.int('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
      workerMetricsPort: read.int('WORKER_METRICS_PORT', 0, 0, 65535),
    },
    rateLimit: {
      ttlMs: read.int('RATE_LIMIT_TTL_MS', 60_000, 1000, 3_600_000),
      limit: read.int('RATE_LIMIT_MAX', 300, 1, 1_000_000),
      authTtlMs: read.int('AUTH_RATE_LIMIT_TTL_MS', 60_000, 1000, 3_600_000),
      authLimit: read.int('AUTH_RATE_LIMIT_MAX', 10, 1, 1_000_000),
    },
    log: { level: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info') },
    jwt: {
      secret: jwtSecret,
      issuer: read.string('JWT_ISSUER', 'revsync'),
      audience: read.string('JWT_AUDIENCE', 'revsync-api'),
      accessTtlSeconds: read.int('JWT_ACCESS_TTL_SECONDS', 900, 30, 86_400),
    },
    mail: {
      smtpUrl: read.optionalUrl('SMTP_URL', ['smtp:', 'smtps:']),
      from: read.string('MAIL_FROM', 'RevSync <no-reply@revsync.local>'),
    },
    sms: {
      apiUrl: read.optionalUrl('SMS_API_URL', ['https:', 'http:']) ?? 'https://api.twilio.com',
      accountSid: read.raw('SMS_ACCOUNT_SID'),
      authToken: read.raw('SMS_AUTH_TOKEN'),
      from: read.raw('SMS_FROM'),
    },
    identity: readIdentity(read, production, `http://localhost:${port}`, jwtSecret),
    events: {
      relayIntervalMs: read.int('EVENTS_RELAY_INTERVAL_MS', 1000, 50, 60_000),
      relayBatch: read.int('EVENTS_RELAY_BATCH', 200, 1, 10_000),
      retentionDays: read.int('EVENTS_RETENTION_DAYS', 14, 1, 3650),
    },
    env: Object.freeze({ ...env }),
  };

  if (production && !config.database.url) read.problems.push('DATABASE_URL is required in production');
  if (production && !config.redis.url) read.problems.push('REDIS_URL is required in production');
  if (production && !config.mail.smtpUrl) read.problems.push('SMTP_URL is required in production (the outbox transport is for development)');
  const smsParts = [config.sms.accountSid, config.sms.authToken, config.sms.from].filter(Boolean).length;
  if (smsParts > 0 && smsParts < 3) read.problems.push('SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM go together: set all three or none');
  if (production && smsParts === 0)
    read.problems.push('SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM are required in production (the outbox transport is for development)');
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/**
 * A module's own configuration slice, read from the same environment as the
 * platform's and validated at start: every problem is reported together.
 */
export function readModuleConfig<T>(config: AppConfig, load: (read: ConfigReader, config: AppConfig) => T): T {
  const read = new ConfigReader(config.env);
  const value = load(read, config);
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return value;
}
