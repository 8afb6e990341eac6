import { decodeJwt } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import { IdentityApi } from '../../../src/modules/identity';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { IdentityClient, bearer, identityApp } from './identity-test-kit';

const sid = (accessToken: string) => String(decodeJwt(accessToken).sid);

/**
 * Another process learns of a revocation through Redis pub/sub, so "at once"
 * means within the delivery latency of one message (sub-millisecond on one
 * host). Polls the other instance and returns how long it kept answering 200.
 */
async function refusedWithin(client: IdentityClient, token: string, limitMs = 250): Promise<number> {
  const started = Date.now();
  for (;;) {
    const res = await client.me(token);
    if (res.statusCode === 401) {
      expectProblem(res, 401, 'IDENTITY.SESSION_REVOKED');
      return Date.now() - started;
    }
    expect(res.statusCode).toBe(200);
    if (Date.now() - started > limitMs) throw new Error(`still accepted ${limitMs} ms after the revocation`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('identity: sessions, logout and revocation', () => {
  let t: TestApp;
  let api: IdentityClient;
  beforeAll(async () => {
    t = await identityApp();
    api = new IdentityClient(t);
  });
  afterAll(() => t.close());

  describe('successful', () => {
    it('lists active sessions with user agent, ip, times, and which one is current', async () => {
      const user = await api.signUp({}, { 'user-agent': 'Phone/1.0' });
      const laptop = await api.logIn(user.email, user.password, { 'user-agent': 'Laptop/2.0' });
      const res = await api.get('/sessions', laptop.accessToken);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.meta).toEqual({ page: 1, limit: 20, total: 2, total_pages: 1 });
      expect(body.data).toHaveLength(2);
      const current = body.data.find((session: { current: boolean }) => session.current);
      expect(current).toEqual({
        id: sid(laptop.accessToken),
        user_agent: 'Laptop/2.0',
        ip: '127.0.0.1',
        auth_method: 'password',
        created_at: expect.any(String),
        last_used_at: expect.any(String),
        expires_at: expect.any(String),
        current: true,
      });
      expect(body.data.find((session: { current: boolean }) => !session.current).user_agent).toBe('Phone/1.0');
    });

    it('logout ends the session: its access token is refused at once', async () => {
      const user = await api.signUp();
      expect((await api.me(user.accessToken)).statusCode).toBe(200);
      const res = await api.post('/logout', {}, bearer(user.accessToken));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ message: 'Successfully logged out' });
      expectProblem(await api.me(user.accessToken), 401, 'IDENTITY.SESSION_REVOKED');
      expect((await api.events(user.userId)).map((event) => event.type)).toContain('logout');
    });

    it('logout also ends the family of a refresh token given in the body (seed 001), when it is the caller’s', async () => {
      const user = await api.signUp();
      const other = await api.logIn(user.email, user.password);
      const stranger = await api.signUp();
      await api.post('/logout', { refresh_token: other.refreshToken }, bearer(user.accessToken));
      expectProblem(await api.me(other.accessToken), 401);
      await api.post('/logout', { refresh_token: stranger.refreshToken }, bearer(other.accessToken));
      expect((await api.me(stranger.accessToken)).statusCode).toBe(200);
    });

    it('logout-all ends every session of the user and no one else’s', async () => {
      const user = await api.signUp();
      const second = await api.logIn(user.email, user.password);
      const bystander = await api.signUp();
      const res = await api.post('/logout-all', undefined, bearer(second.accessToken));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ message: expect.any(String), revoked_sessions: 2 });
      expectProblem(await api.me(user.accessToken), 401, 'IDENTITY.SESSION_REVOKED');
      expectProblem(await api.me(second.accessToken), 401, 'IDENTITY.SESSION_REVOKED');
      expectProblem(await api.post('/refresh', { refresh_token: user.refreshToken }), 401);
      expect((await api.me(bystander.accessToken)).statusCode).toBe(200);
    });

    it('DELETE /sessions/{id} ends another of my sessions at once', async () => {
      const user = await api.signUp();
      const other = await api.logIn(user.email, user.password);
      const res = await api.delete(`/sessions/${sid(other.accessToken)}`, user.accessToken);
      expect(res.statusCode).toBe(204);
      expectProblem(await api.me(other.accessToken), 401, 'IDENTITY.SESSION_REVOKED');
      expect((await api.me(user.accessToken)).statusCode).toBe(200);
      const list = (await api.get('/sessions', user.accessToken)).json();
      expect(list.data.map((session: { id: string }) => session.id)).toEqual([sid(user.accessToken)]);
    });

    it('an admin disable (IdentityApi) ends every session at once and blocks new sign-ins', async () => {
      const user = await api.signUp();
      await t.app.get(IdentityApi).disableAccount({ requestId: 'admin-test', roles: ['platform_admin'] }, user.userId);
      expectProblem(await api.me(user.accessToken), 401, 'IDENTITY.SESSION_REVOKED');
      expectProblem(await api.post('/refresh', { refresh_token: user.refreshToken }), 401);
      expectProblem(await api.post('/login', { email: user.email, password: user.password }), 403, 'IDENTITY.ACCOUNT_DISABLED');
      expectProblem(await api.post('/login', { email: user.email, password: 'Wrong#Pass99' }), 401, 'IDENTITY.INVALID_CREDENTIALS');
    });
  });

  describe('failing', () => {
    it('another user’s session id is 404, and nothing is revoked', async () => {
      const owner = await api.signUp();
      const intruder = await api.signUp();
      expectProblem(await api.delete(`/sessions/${sid(owner.accessToken)}`, intruder.accessToken), 404, 'IDENTITY.SESSION_NOT_FOUND');
      expect((await api.me(owner.accessToken)).statusCode).toBe(200);
    });

    it('an unknown or already ended session is 404; a non-uuid id is a 400 problem', async () => {
      const user = await api.signUp();
      expectProblem(await api.delete(`/sessions/${randomUUID()}`, user.accessToken), 404, 'IDENTITY.SESSION_NOT_FOUND');
      const other = await api.logIn(user.email, user.password);
      await api.delete(`/sessions/${sid(other.accessToken)}`, user.accessToken);
      expectProblem(await api.delete(`/sessions/${sid(other.accessToken)}`, user.accessToken), 404);
      const body = expectProblem(await api.delete('/sessions/not-a-uuid', user.accessToken), 400, 'HTTP.VALIDATION_FAILED');
      expect(body.errors).toEqual({ id: ['id must be a UUID'] });
    });

    it('session routes, logout and logout-all need a token', async () => {
      expectProblem(await api.get('/sessions'), 401);
      expectProblem(await api.post('/logout', {}), 401);
      expectProblem(await api.post('/logout-all'), 401);
      expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${randomUUID()}` }), 401);
    });

    it('refuses ?limit above 100 on the session list', async () => {
      const user = await api.signUp();
      expectProblem(await api.get('/sessions?limit=101', user.accessToken), 400);
    });
  });
});

describe('identity: revocation across API processes', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    // Two application instances sharing one database and one Redis prefix, as two API processes would.
    const prefix = `revsync-test-shared-${randomBytes(4).toString('hex')}`;
    a = await identityApp({ QUEUE_PREFIX: prefix });
    b = await identityApp({ QUEUE_PREFIX: prefix });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('a logout on one instance is honoured by another that had the session cached, within one pub/sub delivery', async () => {
    const onA = new IdentityClient(a);
    const onB = new IdentityClient(b);
    const user = await onA.signUp();
    const second = await onA.logIn(user.email, user.password);
    // B caches both sessions as active.
    expect((await onB.me(user.accessToken)).statusCode).toBe(200);
    expect((await onB.me(second.accessToken)).statusCode).toBe(200);

    // Proof that B answers from its cache: a revocation written behind identity's back (no broadcast) is not seen yet.
    await onA.db.query(`UPDATE sessions SET revoked_at = now(), revoke_reason = 'logout' WHERE id = $1`, [sid(user.accessToken)]);
    expect((await onB.me(user.accessToken)).statusCode).toBe(200);

    // A real logout on A is broadcast: B refuses the token as soon as the message lands.
    expect((await onA.post('/logout', {}, bearer(second.accessToken))).statusCode).toBe(200);
    expect(await refusedWithin(onB, second.accessToken)).toBeLessThan(250);
  });

  it('logout-all, password change and session revoke on one instance are honoured by the other within one delivery', async () => {
    const onA = new IdentityClient(a);
    const onB = new IdentityClient(b);
    const user = await onA.signUp();
    const s2 = await onA.logIn(user.email, user.password);
    const s3 = await onA.logIn(user.email, user.password);
    for (const token of [user.accessToken, s2.accessToken, s3.accessToken]) expect((await onB.me(token)).statusCode).toBe(200);

    await onA.delete(`/sessions/${sid(s3.accessToken)}`, user.accessToken);
    await refusedWithin(onB, s3.accessToken);

    const changed = await onA.post('/password/change', { current_password: user.password, new_password: 'Another#Pass77' }, bearer(s2.accessToken));
    expect(changed.statusCode).toBe(200);
    await refusedWithin(onB, user.accessToken);
    await refusedWithin(onB, s2.accessToken);
    expect((await onB.me(changed.json().access_token)).statusCode).toBe(200);

    await onB.post('/logout-all', undefined, bearer(changed.json().access_token));
    await refusedWithin(onA, changed.json().access_token);
  });
});
