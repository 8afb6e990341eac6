import { randomUUID } from 'node:crypto';
import { IdentityApi } from '../../../src/modules/identity';
import { DomainError, RequestContext } from '../../../src/platform/kernel';
import type { TestApp } from '../../support/test-app';
import { IdentityClient, LINK_TOKEN, PASSWORD, identityApp, uniqueEmail } from '../../e2e/identity/identity-test-kit';

const ctx: RequestContext = { requestId: 'identity-api-spec', userId: randomUUID(), roles: ['platform_admin'] };

/** The facade other contexts call (organizations, admin), against the real database. */
describe('IdentityApi (facade for other contexts)', () => {
  let t: TestApp;
  let api: IdentityClient;
  let identity: IdentityApi;
  beforeAll(async () => {
    t = await identityApp();
    api = new IdentityClient(t);
    identity = t.app.get(IdentityApi);
  });
  afterAll(() => t.close());

  it('creates a verified account with platform roles that can sign in, opening no session', async () => {
    const email = uniqueEmail('Operator');
    const created = await identity.createAccount(ctx, {
      email,
      fullName: 'Dealer Principal',
      password: PASSWORD,
      dateOfBirth: '1980-05-05',
      emailVerified: true,
      roles: ['platform_admin'],
    });
    expect(created).toEqual({
      id: expect.any(String),
      email: email.toLowerCase(),
      fullName: 'Dealer Principal',
      emailVerified: true,
      disabled: false,
      roles: ['platform_admin'],
      createdAt: expect.any(Date),
    });
    const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM sessions WHERE user_id = $1`, [created.id]);
    expect(count).toBe(0);
    const res = await api.post('/login', { email, password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.email_verified).toBe(true);
  });

  it('sends a verification link to an unverified created account, and enforces the sign-up rules', async () => {
    const email = uniqueEmail('invited');
    const created = await identity.createAccount(ctx, { email, fullName: 'Fi Manager', password: PASSWORD, dateOfBirth: '1990-01-01' });
    expect(created.emailVerified).toBe(false);
    await api.message(email, LINK_TOKEN);
    await expect(identity.createAccount(ctx, { email, fullName: 'Again', password: PASSWORD, dateOfBirth: '1990-01-01' })).rejects.toMatchObject({
      code: 'IDENTITY.EMAIL_TAKEN',
    });
    await expect(
      identity.createAccount(ctx, { email: uniqueEmail(), fullName: 'Weak', password: 'password', dateOfBirth: '1990-01-01' }),
    ).rejects.toBeInstanceOf(DomainError);
  });

  it('reads accounts one, many, by e-mail and as a filtered page', async () => {
    const a = await api.signUp({ email: uniqueEmail('listme') });
    const b = await api.signUp({ email: uniqueEmail('listme') });
    expect((await identity.getAccount(ctx, a.userId))?.email).toBe(a.email);
    expect(await identity.getAccount(ctx, randomUUID())).toBeUndefined();
    expect((await identity.getAccounts(ctx, [a.userId, b.userId, randomUUID()])).map((account) => account.id).sort()).toEqual([a.userId, b.userId].sort());
    expect((await identity.findAccountByEmail(ctx, a.email.toUpperCase()))?.id).toBe(a.userId);
    const page = await identity.listAccounts(ctx, { email: 'LISTME' }, { page: 1, limit: 100 });
    expect(page.data.map((account) => account.id)).toEqual(expect.arrayContaining([a.userId, b.userId]));
    expect(page.data.every((account) => account.email.includes('listme'))).toBe(true);
    expect((await identity.listAccounts(ctx, { email: '%' }, { page: 1, limit: 5 })).meta.total).toBe(0);
  });

  it('renames an account with the name rules', async () => {
    const user = await api.signUp();
    await identity.renameAccount(ctx, user.userId, 'Renamed Person');
    expect((await api.me(user.accessToken)).json().full_name).toBe('Renamed Person');
    await expect(identity.renameAccount(ctx, user.userId, 'R2D2')).rejects.toMatchObject({ code: 'IDENTITY.VALIDATION_FAILED' });
    await expect(identity.renameAccount(ctx, randomUUID(), 'Nobody Here')).rejects.toMatchObject({ code: 'IDENTITY.ACCOUNT_NOT_FOUND' });
  });

  it('publishes every security event (identity.security-event.recorded) in the same write as its row', async () => {
    const user = await api.signUp({}, { 'user-agent': 'audit/1.0' });
    await api.post('/login', { email: user.email, password: 'Wrong#Pass99' });
    await api.post('/login', { email: user.email, password: PASSWORD });
    const rows: Array<{ id: string; type: string; created_at: Date }> = await api.db.query(
      `SELECT id, type, created_at FROM security_events WHERE user_id = $1 ORDER BY created_at, id`,
      [user.userId],
    );
    expect(rows.map((row) => row.type)).toEqual(['account_created', 'login_failed', 'login_succeeded']);
    const events: Array<{ type: string; org_id: string | null; occurred_at: Date; payload: Record<string, unknown>; ctx: Record<string, unknown> }> =
      await api.db.query(
        `SELECT type, org_id, occurred_at, payload, ctx FROM integration_events
          WHERE type = 'identity.security-event.recorded' AND payload->>'userId' = $1 ORDER BY occurred_at`,
        [user.userId],
      );
    expect(events.map((event) => event.payload.securityEventId)).toEqual(rows.map((row) => row.id));
    expect(events.map((event) => event.occurred_at.getTime())).toEqual(rows.map((row) => row.created_at.getTime()));
    expect(events[0]).toEqual(
      expect.objectContaining({
        org_id: null,
        payload: {
          securityEventId: rows[0].id,
          type: 'account_created',
          userId: user.userId,
          ip: '127.0.0.1',
          userAgent: 'audit/1.0',
          requestId: expect.any(String),
          metadata: expect.any(Object),
        },
        ctx: expect.objectContaining({ requestId: expect.any(String) }),
      }),
    );
  });
});
