import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { randomBytes, randomUUID } from 'node:crypto';
import { IDENTITY_RETENTION, IdentityRetention } from '../../../src/modules/identity/application/ports';
import { PurgeExpiredIdentityDataUseCase } from '../../../src/modules/identity/application/use-cases/purge-expired-identity-data.use-case';
import { IDENTITY_JOBS, IDENTITY_QUEUE } from '../../../src/modules/identity/infrastructure/jobs/identity-jobs';
import { systemContext } from '../../../src/platform/kernel';
import type { TestApp } from '../../support/test-app';
import { IdentityClient, identityApp, uniquePhone } from '../../e2e/identity/identity-test-kit';

const DAY = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);

/**
 * The retention sweep against the real database: what has been over for longer
 * than IDENTITY_RETENTION_DAYS (30 by default) goes, what is live or recent
 * stays, and the audit trail is never touched. Other suites share the
 * database, so counts are checked as "at least ours" and rows by id.
 */
describe('identity retention sweep', () => {
  let t: TestApp;
  let api: IdentityClient;
  beforeAll(async () => {
    t = await identityApp();
    api = new IdentityClient(t);
  });
  afterAll(() => t.close());

  async function seed() {
    const user = await api.signUp();
    const db = api.db;
    const session = async (times: { revoked?: Date; idle: Date; absolute: Date }) => {
      const id = randomUUID();
      await db.query(
        `INSERT INTO sessions (id, user_id, auth_method, generation, idle_expires_at, absolute_expires_at, revoked_at)
         VALUES ($1, $2, 'password', 0, $3, $4, $5)`,
        [id, user.userId, times.idle, times.absolute, times.revoked ?? null],
      );
      await db.query(`INSERT INTO refresh_tokens (family_id, generation, token_hash) VALUES ($1, 0, $2)`, [id, randomBytes(32)]);
      return id;
    };
    const accountToken = async (expires: Date, used?: Date) => {
      const [{ id }] = await db.query(
        `INSERT INTO account_tokens (user_id, purpose, token_hash, email, expires_at, used_at) VALUES ($1, 'password_reset', $2, $3, $4, $5) RETURNING id`,
        [user.userId, randomBytes(32), user.email, expires, used ?? null],
      );
      return id as string;
    };
    const otp = async (created: Date) => {
      const [{ id }] = await db.query(
        `INSERT INTO phone_otps (phone_number, purpose, code_hash, expires_at, created_at) VALUES ($1, 'login', $2, $3, $4) RETURNING id`,
        [uniquePhone(), randomBytes(32), new Date(created.getTime() + 10 * 60_000), created],
      );
      return id as string;
    };
    const throttle = async (lastFailure: Date, blockedUntil?: Date) => {
      const key = randomBytes(32);
      await db.query(`INSERT INTO login_throttles (key_hash, failures, last_failure_at, blocked_until) VALUES ($1, 7, $2, $3)`, [
        key,
        lastFailure,
        blockedUntil ?? null,
      ]);
      return key.toString('hex');
    };
    const [{ id: oldEvent }] = await db.query(
      `INSERT INTO security_events (user_id, type, created_at) VALUES ($1, 'login_succeeded', now() - interval '400 days') RETURNING id`,
      [user.userId],
    );
    return {
      user,
      gone: {
        sessions: [
          await session({ revoked: ago(40 * DAY), idle: ahead(DAY), absolute: ahead(DAY) }),
          await session({ idle: ago(35 * DAY), absolute: ago(31 * DAY) }),
        ],
        accountTokens: [await accountToken(ago(29 * DAY), ago(31 * DAY)), await accountToken(ago(31 * DAY))],
        otps: [await otp(ago(40 * DAY))],
        throttles: [await throttle(ago(2 * 60 * 60_000))],
      },
      kept: {
        sessions: [
          await session({ revoked: ago(2 * DAY), idle: ahead(DAY), absolute: ahead(DAY) }),
          await session({ idle: ago(29 * DAY), absolute: ahead(DAY) }),
        ],
        accountTokens: [await accountToken(ago(DAY)), await accountToken(ahead(DAY)), await accountToken(ago(29 * DAY), ago(29 * DAY))],
        otps: [await otp(ago(2 * DAY))],
        throttles: [await throttle(ago(2 * 60 * 60_000), ahead(10 * 60_000)), await throttle(ago(5 * 60_000))],
        event: oldEvent as string,
      },
    };
  }

  async function present(rows: Awaited<ReturnType<typeof seed>>['gone'] & { event?: string }) {
    const db = api.db;
    const count = async (sql: string, ids: unknown[]) => (await db.query(sql, [ids]))[0].n as number;
    return {
      sessions: await count(`SELECT count(*)::int AS n FROM sessions WHERE id = ANY($1::uuid[])`, rows.sessions),
      refreshTokens: await count(`SELECT count(*)::int AS n FROM refresh_tokens WHERE family_id = ANY($1::uuid[])`, rows.sessions),
      accountTokens: await count(`SELECT count(*)::int AS n FROM account_tokens WHERE id = ANY($1::uuid[])`, rows.accountTokens),
      otps: await count(`SELECT count(*)::int AS n FROM phone_otps WHERE id = ANY($1::uuid[])`, rows.otps),
      throttles: await count(`SELECT count(*)::int AS n FROM login_throttles WHERE encode(key_hash, 'hex') = ANY($1::text[])`, rows.throttles),
      events: rows.event ? await count(`SELECT count(*)::int AS n FROM security_events WHERE id = ANY($1::uuid[])`, [rows.event]) : 0,
    };
  }

  it('deletes what ended more than the retention period ago and keeps live, recent and audit rows', async () => {
    const rows = await seed();
    const counts = await t.app.get(PurgeExpiredIdentityDataUseCase).execute();

    expect(await present(rows.gone)).toEqual({ sessions: 0, refreshTokens: 0, accountTokens: 0, otps: 0, throttles: 0, events: 0 });
    expect(await present(rows.kept)).toEqual({ sessions: 2, refreshTokens: 2, accountTokens: 3, otps: 1, throttles: 2, events: 1 });
    expect(counts.sessions).toBeGreaterThanOrEqual(2);
    expect(counts.accountTokens).toBeGreaterThanOrEqual(2);
    expect(counts.phoneOtps).toBeGreaterThanOrEqual(1);
    expect(counts.loginThrottles).toBeGreaterThanOrEqual(1);
    // The account's own live session is untouched: its access token still works.
    expect((await api.get('/me', rows.user.accessToken)).statusCode).toBe(200);
  });

  it('works through any number of rows in batches', async () => {
    const rows = await seed();
    const more = await seed();
    const retention = t.app.get<IdentityRetention>(IDENTITY_RETENTION);
    const now = new Date();
    const counts = await retention.purge({ endedBefore: ago(30 * DAY), staleThrottlesBefore: ago(60 * 60_000), now }, 1);

    for (const seeded of [rows, more]) {
      expect(await present(seeded.gone)).toEqual({ sessions: 0, refreshTokens: 0, accountTokens: 0, otps: 0, throttles: 0, events: 0 });
      expect(await present(seeded.kept)).toEqual({ sessions: 2, refreshTokens: 2, accountTokens: 3, otps: 1, throttles: 2, events: 1 });
    }
    expect(counts.sessions).toBeGreaterThanOrEqual(4);
    expect(counts.accountTokens).toBeGreaterThanOrEqual(4);
  });

  it('runs as a job of the identity queue', async () => {
    const rows = await seed();
    const queue = t.app.get<Queue>(getQueueToken(IDENTITY_QUEUE));
    const job = await queue.add(IDENTITY_JOBS.retentionSweep, { ctx: systemContext('retention-spec'), data: {}, key: randomUUID() });
    await job.finished();
    expect(await present(rows.gone)).toEqual({ sessions: 0, refreshTokens: 0, accountTokens: 0, otps: 0, throttles: 0, events: 0 });
  });

  it('is scheduled once per queue, and a new interval replaces the old schedule', async () => {
    const prefix = `revsync-retention-${randomBytes(4).toString('hex')}`;
    const schedules = async (app: TestApp) =>
      (await app.app.get<Queue>(getQueueToken(IDENTITY_QUEUE)).getRepeatableJobs())
        .filter((job) => job.name === IDENTITY_JOBS.retentionSweep)
        .map((job) => Number(job.every));

    const first = await identityApp({ QUEUE_PREFIX: prefix });
    const second = await identityApp({ QUEUE_PREFIX: prefix });
    try {
      expect(await schedules(second)).toEqual([60 * 60_000]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
    const changed = await identityApp({ QUEUE_PREFIX: prefix, IDENTITY_RETENTION_SWEEP_MINUTES: '5' });
    try {
      expect(await schedules(changed)).toEqual([5 * 60_000]);
    } finally {
      await changed.close();
    }
  });
});
