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
    /** Where links in e-mails point (the frontend); defaults to PUBLIC_URL. */
    appUrl: string;
  };
  database: {
    url?: string;
    poolMax: number;
    /** How long a query waits for a pool connection before the request is answered 503 (Retry-After). */
    acquireTimeoutMs: number;
    embeddedDir: string;
    embeddedPort: number;
  };
  redis: { url?: string; keyPrefix: string };
  queues: { attempts: number; backoffMs: number; lockMs: number; stalledIntervalMs: number; shutdownGraceMs: number; workerMetricsPort: number };
  rateLimit: { ttlMs: number; limit: number; authTtlMs: number; authLimit: number };
  log: { level: string; format: 'json' | 'pretty' };
  jwt: { secret: string; issuer: string; audience: string; accessTtlSeconds: number };
  mail: { smtpUrl?: string; from: string };
  /** Twilio-style SMS API (`{apiUrl}/2010-04-01/Accounts/{accountSid}/Messages.json`); unset: the outbox. */
  sms: { apiUrl: string; accountSid?: string; authToken?: string; from?: string };
  events: { relayIntervalMs: number; relayBatch: number; retentionDays: number };
  /** The environment this configuration was read from: modules read their own slice of it (readModuleConfig). */
  readonly env: Readonly<Env>;
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
      appUrl: read.string('APP_URL', read.raw('PUBLIC_URL') ?? `http://localhost:${port}`),
    },
    database: {
      url: read.optionalUrl('DATABASE_URL', ['postgres:', 'postgresql:']),
      poolMax: read.int('DATABASE_POOL_MAX', 10, 1, 200),
      acquireTimeoutMs: read.int('DATABASE_ACQUIRE_TIMEOUT_MS', 5_000, 50, 60_000),
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
      // Strict outside development; loose enough in development to click around the demo.
      authLimit: read.int('AUTH_RATE_LIMIT_MAX', nodeEnv === 'development' ? 100 : 10, 1, 1_000_000),
    },
    log: {
      level: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
      // Readable lines for a person in development, JSON lines everywhere else.
      format: read.oneOf('LOG_FORMAT', ['json', 'pretty'] as const, nodeEnv === 'development' ? 'pretty' : 'json'),
    },
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
