import { ConfigError, loadConfig } from './config.schema';

const strong = 'k'.repeat(48);
const productionEnv = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://u:p@db:5432/revsync',
  REDIS_URL: 'redis://cache:6379',
  SMTP_URL: 'smtp://mail:25',
  SMS_ACCOUNT_SID: 'AC0123',
  SMS_AUTH_TOKEN: 'sms-token',
  SMS_FROM: '+15550000000',
  JWT_SECRET: strong,
  IDENTITY_TOKEN_SECRET: strong,
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('gives development defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.nodeEnv).toBe('development');
    expect(config.http.port).toBe(3000);
    expect(config.rateLimit.authLimit).toBeLessThan(config.rateLimit.limit);
  });

  it('accepts a complete production environment', () => {
    expect(loadConfig(productionEnv).nodeEnv).toBe('production');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer'],
    [{ PORT: '70000' }, 'PORT must be between'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must use one of postgres:, postgresql:'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL is not a valid URL'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL must use one of'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be one of development, test, production'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY must be true or false'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
  ])('names the malformed variable in %p', (env, message) => {
    expect(problemsOf(env).join('\n')).toContain(message);
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ PORT: 'x', HTTP_BODY_LIMIT_BYTES: '1', QUEUE_ATTEMPTS: '0' })).toHaveLength(3);
  });

  it('refuses a partial SMS provider configuration', () => {
    expect(problemsOf({ SMS_ACCOUNT_SID: 'AC1' }).join('\n')).toContain('SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM go together');
  });

  it.each(['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'JWT_SECRET', 'SMS_ACCOUNT_SID'])('requires %s in production', (name) => {
    const env: Record<string, string> = { ...productionEnv };
    delete env[name];
    expect(problemsOf(env).join('\n')).toContain(name);
  });

  it.each(['change-me', 'secret', 'short-but-random-9f8e'])('refuses the weak secret "%s" in production', (secret) => {
    const problems = problemsOf({ ...productionEnv, JWT_SECRET: secret });
    expect(problems).toEqual([expect.stringContaining('JWT_SECRET is a default or weak secret')]);
  });

  it('keeps the message free of secret values', () => {
    const problems = problemsOf({ ...productionEnv, JWT_SECRET: 'hunter2' });
    expect(problems.join('\n')).not.toContain('hunter2');
  });
});

describe('.env.example', () => {
  const { readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
  const example = readFileSync('.env.example', 'utf8');
  const { readdirSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
  // The platform's configuration and every module's slice (moduleConfigProvider), wherever it is read.
  const files = (readdirSync('src', { recursive: true }) as string[]).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'));
  const source = files.map((file) => readFileSync(`src/${file}`, 'utf8')).join('\n');

  it('documents every variable the configuration reads', () => {
    const read = [...source.matchAll(/read\.(?:string|int|bool|oneOf|list|secret|optionalUrl|raw)\('([A-Z0-9_]+)'/g)].map((match) => match[1]);
    expect(read.length).toBeGreaterThan(20);
    const missing = [...new Set(read)].filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });

  it('loads without problems', () => {
    const env = Object.fromEntries(
      example
        .split('\n')
        .filter((line) => /^[A-Z0-9_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(() => loadConfig(env)).not.toThrow();
  });
});
