import { decodeJwt } from 'jose';
import { createHash } from 'node:crypto';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { IdentityClient, identityApp } from './identity-test-kit';

const sha256 = (raw: string) => createHash('sha256').update(raw).digest();

describe('identity: refresh token rotation', () => {
  let t: TestApp;
  let api: IdentityClient;
  beforeAll(async () => {
    t = await identityApp();
    api = new IdentityClient(t);
  });
  afterAll(() => t.close());

  const refresh = (token: string) => api.post('/refresh', { refresh_token: token });
  /** Moves a used token's use further into the past than the 10 s grace window. */
  const ageUse = (token: string, seconds = 11) =>
    api.db.query(`UPDATE refresh_tokens SET used_at = used_at - make_interval(secs => $2) WHERE token_hash = $1`, [sha256(token), seconds]);

  describe('successful', () => {
    it('rotates: a new pair in the seed shape, the old token marked used, the session unchanged', async () => {
      const user = await api.signUp();
      const res = await refresh(user.refreshToken);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = res.json();
      expect(body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'Bearer', expires_in: 900 });
      expect(body.refresh_token).not.toBe(user.refreshToken);
      expect(decodeJwt(body.access_token).sid).toBe(decodeJwt(user.accessToken).sid);
      const [old] = await api.db.query(`SELECT used_at, successor_ciphertext FROM refresh_tokens WHERE token_hash = $1`, [sha256(user.refreshToken)]);
      expect(old.used_at).not.toBeNull();
      expect(old.successor_ciphertext).not.toBeNull();
      expect((await api.me(body.access_token)).statusCode).toBe(200);
      expect((await refresh(body.refresh_token)).statusCode).toBe(200);
    });

    it('stores refresh tokens only as SHA-256 hashes, and the successor only encrypted', async () => {
      const user = await api.signUp();
      const next = (await refresh(user.refreshToken)).json().refresh_token as string;
      const rows: Array<{ token_hash: Buffer; successor_ciphertext: Buffer | null }> = await api.db.query(
        `SELECT rt.token_hash, rt.successor_ciphertext FROM refresh_tokens rt JOIN sessions s ON s.id = rt.family_id WHERE s.user_id = $1`,
        [user.userId],
      );
      const dump = rows
        .map((row) => `${row.token_hash.toString('hex')} ${row.token_hash.toString('latin1')} ${row.successor_ciphertext?.toString('latin1') ?? ''}`)
        .join('\n');
      for (const raw of [user.refreshToken, next]) {
        expect(dump).not.toContain(raw);
        expect(dump).not.toContain(Buffer.from(raw, 'base64url').toString('latin1'));
      }
      expect(rows.map((row) => row.token_hash.toString('hex')).sort()).toEqual(
        [sha256(user.refreshToken).toString('hex'), sha256(next).toString('hex')].sort(),
      );
    });

    it('within the grace window, a used token returns the successor already issued instead of minting another', async () => {
      const user = await api.signUp();
      const first = (await refresh(user.refreshToken)).json();
      const again = await refresh(user.refreshToken);
      expect(again.statusCode).toBe(200);
      expect(again.json().refresh_token).toBe(first.refresh_token);
      const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM refresh_tokens WHERE family_id = $1`, [decodeJwt(user.accessToken).sid]);
      expect(count).toBe(2);
      expect((await api.me(again.json().access_token)).statusCode).toBe(200);
    });

    it('a lost response is harmless: retrying the same token keeps the session and the chain', async () => {
      const user = await api.signUp();
      await refresh(user.refreshToken); // response "lost"
      const retried = (await refresh(user.refreshToken)).json();
      const next = await refresh(retried.refresh_token);
      expect(next.statusCode).toBe(200);
    });

    it('two parallel refreshes with one token both end with a working session', async () => {
      const user = await api.signUp();
      const [a, b] = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
      expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
      expect(a.json().refresh_token).toBe(b.json().refresh_token);
      for (const res of [a, b]) expect((await api.me(res.json().access_token)).statusCode).toBe(200);
      // Each "tab" refreshes again with what it got: the session survives both.
      const [a2, b2] = await Promise.all([refresh(a.json().refresh_token), refresh(b.json().refresh_token)]);
      expect([a2.statusCode, b2.statusCode]).toEqual([200, 200]);
      expect((await api.me(b2.json().access_token)).statusCode).toBe(200);
    });

    it('many parallel refreshes with one token all succeed with the same successor', async () => {
      const user = await api.signUp();
      const results = await Promise.all(Array.from({ length: 6 }, () => refresh(user.refreshToken)));
      expect(results.map((res) => res.statusCode)).toEqual(Array(6).fill(200));
      expect(new Set(results.map((res) => res.json().refresh_token)).size).toBe(1);
    });

    it('a slow tab presenting a token two rotations old (within the window) gets the current one', async () => {
      const user = await api.signUp();
      const t1 = (await refresh(user.refreshToken)).json().refresh_token;
      const t2 = (await refresh(t1)).json().refresh_token;
      const slow = await refresh(user.refreshToken);
      expect(slow.statusCode).toBe(200);
      expect(slow.json().refresh_token).toBe(t2);
    });
  });

  describe('failing', () => {
    it('reuse after the grace window revokes the whole family: every token and access token of it dies', async () => {
      const user = await api.signUp();
      const rotated = (await refresh(user.refreshToken)).json();
      await ageUse(user.refreshToken);
      expectProblem(await refresh(user.refreshToken), 401, 'IDENTITY.REFRESH_TOKEN_REUSED');
      expectProblem(await refresh(rotated.refresh_token), 401, 'IDENTITY.REFRESH_TOKEN_INVALID');
      expectProblem(await api.me(rotated.access_token), 401, 'IDENTITY.SESSION_REVOKED');
      expectProblem(await api.me(user.accessToken), 401, 'IDENTITY.SESSION_REVOKED');
      const [session] = await api.db.query(`SELECT revoke_reason FROM sessions WHERE id = $1`, [decodeJwt(user.accessToken).sid]);
      expect(session.revoke_reason).toBe('refresh_reuse');
      expect((await api.events(user.userId)).map((event) => event.type)).toContain('refresh_reuse_detected');
    });

    it('reuse revokes only that family: the user’s other sessions live on', async () => {
      const user = await api.signUp();
      const other = await api.logIn(user.email, user.password);
      await refresh(user.refreshToken);
      await ageUse(user.refreshToken);
      expectProblem(await refresh(user.refreshToken), 401, 'IDENTITY.REFRESH_TOKEN_REUSED');
      expect((await api.me(other.accessToken)).statusCode).toBe(200);
      expect((await refresh(other.refreshToken)).statusCode).toBe(200);
    });

    it('refuses an unknown token, an access token, and an empty one', async () => {
      const user = await api.signUp();
      expectProblem(await refresh('x'.repeat(43)), 401, 'IDENTITY.REFRESH_TOKEN_INVALID');
      expectProblem(await refresh(user.accessToken), 401, 'IDENTITY.REFRESH_TOKEN_INVALID');
      expectProblem(await refresh(''), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await api.post('/refresh', {}), 400, 'HTTP.VALIDATION_FAILED');
    });

    it('refuses a session idle for longer than its idle lifetime', async () => {
      const user = await api.signUp();
      await api.db.query(`UPDATE sessions SET idle_expires_at = now() - interval '1 second' WHERE id = $1`, [decodeJwt(user.accessToken).sid]);
      expectProblem(await refresh(user.refreshToken), 401, 'IDENTITY.SESSION_EXPIRED');
    });

    it('refuses a session past its absolute lifetime even if used constantly, and the refresh does not extend it', async () => {
      const user = await api.signUp();
      const sid = decodeJwt(user.accessToken).sid;
      await api.db.query(`UPDATE sessions SET absolute_expires_at = now() + interval '2 seconds' WHERE id = $1`, [sid]);
      const res = await refresh(user.refreshToken);
      expect(res.statusCode).toBe(200);
      const [row] = await api.db.query(`SELECT idle_expires_at <= absolute_expires_at AS capped FROM sessions WHERE id = $1`, [sid]);
      expect(row.capped).toBe(true);
      await api.db.query(`UPDATE sessions SET absolute_expires_at = now() - interval '1 second' WHERE id = $1`, [sid]);
      expectProblem(await refresh(res.json().refresh_token), 401, 'IDENTITY.SESSION_EXPIRED');
    });

    it('refuses the refresh token of a logged-out session', async () => {
      const user = await api.signUp();
      await api.post('/logout', {}, { authorization: `Bearer ${user.accessToken}` });
      expectProblem(await refresh(user.refreshToken), 401, 'IDENTITY.REFRESH_TOKEN_INVALID');
    });
  });
});
