import { randomBytes } from 'node:crypto';
import type { Response as InjectResponse } from 'light-my-request';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';

/** Strong enough for every rule; tests vary it when they need to. */
export const PASSWORD = 'Velvet#Orbit42';

/** The identity routes on the real application, jobs processed in-process so e-mails and SMS reach the outbox table. */
export async function identityApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp({ processJobs: true, config: testConfig({ AUTH_RATE_LIMIT_MAX: '100000', RATE_LIMIT_MAX: '100000', ...overrides }) });
}

export function uniqueEmail(tag = 'user'): string {
  return `${tag}.${randomBytes(5).toString('hex')}@example.com`;
}

/** A fresh E.164 number in the fictional +1 555 01xx range, unique per call. */
export function uniquePhone(): string {
  return `+1555${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export interface SignedUp {
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  userId: string;
  body: Record<string, unknown>;
}

export class IdentityClient {
  constructor(readonly t: TestApp) {}

  get db(): DataSource {
    return this.t.app.get(DataSource);
  }

  post(url: string, payload?: unknown, headers: Record<string, string> = {}, remoteAddress?: string): Promise<InjectResponse> {
    return this.t.app.inject({ method: 'POST', url: `/api/v1/auth${url}`, payload: payload as never, headers, remoteAddress });
  }

  get(url: string, token?: string, remoteAddress?: string): Promise<InjectResponse> {
    return this.t.app.inject({ method: 'GET', url: `/api/v1/auth${url}`, headers: token ? bearer(token) : {}, remoteAddress });
  }

  patch(url: string, payload: unknown, token: string): Promise<InjectResponse> {
    return this.t.app.inject({ method: 'PATCH', url: `/api/v1/auth${url}`, payload: payload as never, headers: bearer(token) });
  }

  delete(url: string, token: string): Promise<InjectResponse> {
    return this.t.app.inject({ method: 'DELETE', url: `/api/v1/auth${url}`, headers: bearer(token) });
  }

  async signUp(overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<SignedUp> {
    const payload = { full_name: 'Test Rider', email: uniqueEmail(), password: PASSWORD, date_of_birth: '1990-01-15', ...overrides };
    const res = await this.post('/signup', payload, headers);
    if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
    const body = res.json();
    return {
      email: String(payload.email).toLowerCase(),
      password: String(payload.password),
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      userId: body.user.id,
      body,
    };
  }

  async logIn(email: string, password: string, headers: Record<string, string> = {}): Promise<{ accessToken: string; refreshToken: string }> {
    const res = await this.post('/login', { email, password }, headers);
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    return { accessToken: res.json().access_token, refreshToken: res.json().refresh_token };
  }

  me(token: string): Promise<InjectResponse> {
    return this.get('/me', token);
  }

  /** Waits for the delivery job to record a message to `recipient` matching `pattern`; returns the first capture group. */
  async message(recipient: string, pattern: RegExp, options: { after?: Date; timeoutMs?: number } = {}): Promise<string> {
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    while (Date.now() < deadline) {
      const rows: Array<{ body: string }> = await this.db.query(
        `SELECT body FROM outbox_messages WHERE recipient = $1 AND created_at >= $2 ORDER BY created_at DESC`,
        [recipient, options.after ?? new Date(0)],
      );
      for (const row of rows) {
        const match = pattern.exec(row.body);
        if (match) return match[1] ?? match[0];
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no message to ${recipient} matching ${pattern}`);
  }

  async messageCount(recipient: string): Promise<number> {
    const rows: Array<{ count: string }> = await this.db.query(`SELECT count(*) AS count FROM outbox_messages WHERE recipient = $1`, [recipient]);
    return Number(rows[0].count);
  }

  async events(userId: string): Promise<Array<{ type: string; metadata: Record<string, unknown> }>> {
    return this.db.query(`SELECT type, metadata FROM security_events WHERE user_id = $1 ORDER BY created_at`, [userId]);
  }
}

/** Matches the token in a link such as https://app/verify-email?token=… */
export const LINK_TOKEN = /token=([A-Za-z0-9_-]+)/;
export const OTP_CODE = /(\d{6}) is your RevSync/;
