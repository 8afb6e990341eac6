import { decodeJwt } from 'jose';
import { createHash } from 'node:crypto';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { IdentityClient, LINK_TOKEN, bearer, identityApp, uniqueEmail } from './identity-test-kit';

const NEW_PASSWORD = 'Granite!Harbor58';
const sha256 = (raw: string) => createHash('sha256').update(raw).digest();

describe('identity: password and e-mail flows', () => {
  let t: TestApp;
  let api: IdentityClient;
  beforeAll(async () => {
    t = await identityApp();
    api = new IdentityClient(t);
  });
  afterAll(() => t.close());

  describe('password change', () => {
    it('revokes every other session and returns fresh tokens for this one', async () => {
      const user = await api.signUp();
      const other = await api.logIn(user.email, user.password);
      const res = await api.post('/password/change', { current_password: user.password, new_password: NEW_PASSWORD }, bearer(user.accessToken));
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toEqual(
        expect.objectContaining({
          access_token: expect.any(String),
          refresh_token: expect.any(String),
          token_type: 'Bearer',
          user: expect.objectContaining({ id: user.userId }),
        }),
      );
      expectProblem(await api.me(other.accessToken), 401, 'IDENTITY.SESSION_REVOKED');
      expectProblem(await api.post('/refresh', { refresh_token: other.refreshToken }), 401);
      // The caller continues on a fresh session; tokens issued before the change (a stolen copy included) are dead.
      expectProblem(await api.me(user.accessToken), 401);
      expectProblem(await api.post('/refresh', { refresh_token: user.refreshToken }), 401);
      expect((await api.me(body.access_token)).statusCode).toBe(200);
      expect((await api.post('/refresh', { refresh_token: body.refresh_token })).statusCode).toBe(200);
      expect(decodeJwt(body.access_token).sid).not.toBe(decodeJwt(user.accessToken).sid);
      expect((await api.get('/sessions', body.access_token)).json().meta.total).toBe(1);

      expectProblem(await api.post('/login', { email: user.email, password: user.password }), 401);
      await api.logIn(user.email, NEW_PASSWORD);
      await api.message(user.email, /(password of your RevSync account was changed)/);
      expect((await api.events(user.userId)).map((event) => event.type)).toContain('password_changed');
    });

    it('refuses a wrong current password, a weak new one, and an unchanged one', async () => {
      const user = await api.signUp();
      expectProblem(
        await api.post('/password/change', { current_password: 'Wrong#Pass99', new_password: NEW_PASSWORD }, bearer(user.accessToken)),
        400,
        'IDENTITY.WRONG_PASSWORD',
      );
      const weak = expectProblem(await api.post('/password/change', { current_password: user.password, new_password: 'weak' }, bearer(user.accessToken)), 400);
      expect(Object.keys(weak.errors as object)).toEqual(['new_password']);
      expectProblem(await api.post('/password/change', { current_password: user.password, new_password: user.password }, bearer(user.accessToken)), 400);
      expect((await api.me(user.accessToken)).statusCode).toBe(200);
      expectProblem(await api.post('/password/change', { current_password: user.password, new_password: NEW_PASSWORD }), 401);
    });
  });

  describe('e-mail verification and change', () => {
    it('sign-up sends a verification link; the token verifies the address once', async () => {
      const user = await api.signUp();
      const token = await api.message(user.email, LINK_TOKEN);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const res = await api.post('/email/verify', { token });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ email: user.email, email_verified: true });
      expect((await api.me(user.accessToken)).json().email_verified).toBe(true);
      expectProblem(await api.post('/email/verify', { token }), 422, 'IDENTITY.TOKEN_INVALID');
      const [row] = await api.db.query(`SELECT count(*)::int AS count FROM account_tokens WHERE token_hash = $1`, [sha256(token)]);
      expect(row.count).toBe(1);
    });

    it('changes the address only when the link sent to the new one is used, and tells the old one', async () => {
      const user = await api.signUp();
      const newEmail = uniqueEmail('moved');
      const res = await api.post('/email/change', { new_email: newEmail, password: user.password }, bearer(user.accessToken));
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ message: expect.any(String), expires_in: 3600 });
      expect((await api.me(user.accessToken)).json().email).toBe(user.email);

      const token = await api.message(newEmail, LINK_TOKEN);
      const verified = await api.post('/email/verify', { token });
      expect(verified.json()).toEqual({ email: newEmail, email_verified: true });
      expect((await api.me(user.accessToken)).json()).toEqual(expect.objectContaining({ email: newEmail, email_verified: true }));
      await api.message(user.email, /(changed to .+)/);
      await api.logIn(newEmail, user.password);
      expectProblem(await api.post('/login', { email: user.email, password: user.password }), 401);
      expectProblem(await api.post('/email/verify', { token }), 422);
    });

    it('refuses a wrong password, the current address, a taken address, and an expired link', async () => {
      const user = await api.signUp();
      const taken = await api.signUp();
      expectProblem(
        await api.post('/email/change', { new_email: uniqueEmail(), password: 'Wrong#Pass99' }, bearer(user.accessToken)),
        400,
        'IDENTITY.WRONG_PASSWORD',
      );
      expectProblem(await api.post('/email/change', { new_email: user.email.toUpperCase(), password: user.password }, bearer(user.accessToken)), 400);
      expectProblem(
        await api.post('/email/change', { new_email: taken.email, password: user.password }, bearer(user.accessToken)),
        409,
        'IDENTITY.EMAIL_TAKEN',
      );

      const newEmail = uniqueEmail('late');
      await api.post('/email/change', { new_email: newEmail, password: user.password }, bearer(user.accessToken));
      const token = await api.message(newEmail, LINK_TOKEN);
      await api.db.query(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha256(token)]);
      expectProblem(await api.post('/email/verify', { token }), 422, 'IDENTITY.TOKEN_INVALID');
      expect((await api.me(user.accessToken)).json().email).toBe(user.email);
    });

    it('a verification link for an address the account no longer has proves nothing', async () => {
      const user = await api.signUp();
      const signupToken = await api.message(user.email, LINK_TOKEN);
      const newEmail = uniqueEmail('next');
      await api.post('/email/change', { new_email: newEmail, password: user.password }, bearer(user.accessToken));
      await api.post('/email/verify', { token: await api.message(newEmail, LINK_TOKEN) });
      expectProblem(await api.post('/email/verify', { token: signupToken }), 422);
    });

    it('refuses a made-up token', async () => {
      expectProblem(await api.post('/email/verify', { token: 'A'.repeat(43) }), 422, 'IDENTITY.TOKEN_INVALID');
      expectProblem(await api.post('/email/verify', {}), 400);
    });
  });

  describe('password reset', () => {
    const requestReset = (email: string) => api.post('/password/reset/request', { email });

    it('answers a known and an unknown address identically, and only the known one gets an e-mail', async () => {
      const user = await api.signUp();
      const ghost = uniqueEmail('ghost');
      const known = await requestReset(user.email);
      const unknown = await requestReset(ghost);
      expect(known.statusCode).toBe(202);
      expect(unknown.statusCode).toBe(202);
      expect(known.json()).toEqual(unknown.json());
      expect(Object.keys(known.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
      await api.message(user.email, /reset-password\?token=([A-Za-z0-9_-]+)/);
      expect(await api.messageCount(ghost)).toBe(0);
    });

    it('a reset token (>=128 bits, stored hashed, <=30 min) sets the password once and ends every session', async () => {
      const user = await api.signUp();
      const second = await api.logIn(user.email, user.password);
      await requestReset(user.email);
      const token = await api.message(user.email, /reset-password\?token=([A-Za-z0-9_-]+)/);
      expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
      const [row] = await api.db.query(
        `SELECT extract(epoch FROM expires_at - created_at)::int AS ttl FROM account_tokens WHERE token_hash = $1 AND purpose = 'password_reset'`,
        [sha256(token)],
      );
      expect(row.ttl).toBeLessThanOrEqual(1800);
      const [{ leaked }] = await api.db.query(`SELECT count(*)::int AS leaked FROM account_tokens WHERE encode(token_hash, 'escape') LIKE $1`, [`%${token}%`]);
      expect(leaked).toBe(0);

      const res = await api.post('/password/reset/confirm', { token, new_password: NEW_PASSWORD });
      expect(res.statusCode).toBe(200);
      expectProblem(await api.me(user.accessToken), 401, 'IDENTITY.SESSION_REVOKED');
      expectProblem(await api.me(second.accessToken), 401, 'IDENTITY.SESSION_REVOKED');
      expectProblem(await api.post('/refresh', { refresh_token: second.refreshToken }), 401);
      await api.logIn(user.email, NEW_PASSWORD);
      expectProblem(await api.post('/password/reset/confirm', { token, new_password: 'Third#Password91' }), 422, 'IDENTITY.TOKEN_INVALID');
      expect((await api.events(user.userId)).map((event) => event.type)).toEqual(
        expect.arrayContaining(['password_reset_requested', 'password_reset_completed']),
      );
    });

    it('refuses an expired token, and a weak password without spending the token', async () => {
      const user = await api.signUp();
      await requestReset(user.email);
      const token = await api.message(user.email, /reset-password\?token=([A-Za-z0-9_-]+)/);
      expectProblem(await api.post('/password/reset/confirm', { token, new_password: 'weak' }), 400);
      expectProblem(await api.post('/password/reset/confirm', { token, new_password: user.email }), 400);
      await api.db.query(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha256(token)]);
      expectProblem(await api.post('/password/reset/confirm', { token, new_password: NEW_PASSWORD }), 422, 'IDENTITY.TOKEN_INVALID');
      await api.logIn(user.email, user.password);
    });

    it('only the newest reset link works', async () => {
      const user = await api.signUp();
      await requestReset(user.email);
      const first = await api.message(user.email, /reset-password\?token=([A-Za-z0-9_-]+)/);
      // Past the one-minute resend guard.
      await api.db.query(`UPDATE account_tokens SET created_at = created_at - interval '2 minutes' WHERE user_id = $1`, [user.userId]);
      const since = new Date();
      await requestReset(user.email);
      const second = await api.message(user.email, /reset-password\?token=([A-Za-z0-9_-]+)/, { after: since });
      expect(second).not.toBe(first);
      expectProblem(await api.post('/password/reset/confirm', { token: first, new_password: NEW_PASSWORD }), 422);
      expect((await api.post('/password/reset/confirm', { token: second, new_password: NEW_PASSWORD })).statusCode).toBe(200);
    });
  });
});
