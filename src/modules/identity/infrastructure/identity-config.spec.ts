import { ConfigError, loadConfig, readModuleConfig } from '../../../platform/config/config.schema';
import { readIdentityConfig } from './identity-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    readModuleConfig(loadConfig(env), readIdentityConfig);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('identity configuration (its own slice)', () => {
  it('gives defaults for an empty environment, links pointing at APP_URL', () => {
    const identity = readModuleConfig(loadConfig({ APP_URL: 'https://app.example' }), readIdentityConfig);
    expect(identity.appUrl).toBe('https://app.example');
    expect(identity.retentionDays).toBe(30);
  });

  it.each([
    // Less than a day would delete phone codes the per-phone and per-IP limits still count.
    [{ IDENTITY_RETENTION_DAYS: '0' }, 'IDENTITY_RETENTION_DAYS must be between 1 and 3650'],
    [{ IDENTITY_RETENTION_SWEEP_MINUTES: '0' }, 'IDENTITY_RETENTION_SWEEP_MINUTES must be between 1 and 1440'],
    [{ IDENTITY_REFRESH_IDLE_TTL_SECONDS: '7200', IDENTITY_REFRESH_ABSOLUTE_TTL_SECONDS: '3600' }, 'IDENTITY_REFRESH_ABSOLUTE_TTL_SECONDS must be at least'],
  ])('names the malformed variable in %p', (env, message) => {
    expect(problemsOf(env).join('\n')).toContain(message);
  });

  it('refuses a weak IDENTITY_TOKEN_SECRET in production', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db:5432/revsync',
      REDIS_URL: 'redis://cache:6379',
      SMTP_URL: 'smtp://mail:25',
      SMS_ACCOUNT_SID: 'AC0123',
      SMS_AUTH_TOKEN: 'sms-token',
      SMS_FROM: '+15550000000',
      JWT_SECRET: 'k'.repeat(48),
    };
    expect(problemsOf({ ...production, IDENTITY_TOKEN_SECRET: 'secret' }).join('\n')).toContain('IDENTITY_TOKEN_SECRET is a default or weak secret');
  });
});
