import * as argon2 from 'argon2';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { IdentityClient, PASSWORD, identityApp, uniqueEmail } from './identity-test-kit';

/** The PHC string's variant and parameters, read independently of their order. */
function argon2Params(hash: string): { variant: string; v: number; m: number; t: number; p: number } | undefined {
  const match = /^\$(argon2(?:id|i|d))\$v=(\d+)\$([^$]+)\$/.exec(hash);
  if (!match) return undefined;
  const params = Object.fromEntries(
    match[3]
      .split(',')
      .map((pair) => pair.split('='))
      .map(([key, value]) => [key, Number(value)]),
  );
  return { variant: match[1], v: Number(match[2]), m: params.m, t: params.t, p: params.p };
}

describe('identity: sign-up and login', () => {
  let t: TestApp;
  let api: IdentityClient;
  beforeAll(async () => {
    t = await identityApp();
    api = new IdentityClient(t);
  });
  afterAll(() => t.close());

  describe('successful', () => {
    it('signs up with seed 001 shape: tokens, Bearer, expires_in and the user', async () => {
      const email = uniqueEmail('Signup');
      const res = await api.post('/signup', { full_name: 'John Doe', email, password: PASSWORD, date_of_birth: '1990-01-15', phone_number: '+14155550123' });
      expect(res.statusCode).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = res.json();
      expect(body).toEqual({
        access_token: expect.stringMatching(/^ey[\w-]+\.[\w-]+\.[\w-]+$/),
        refresh_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        token_type: 'Bearer',
        expires_in: 900,
        user: {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          full_name: 'John Doe',
          email: email.toLowerCase(),
          email_verified: false,
          phone_number: '+14155550123',
          phone_verified: false,
          date_of_birth: '1990-01-15',
          profile_picture_url: null,
          created_at: expect.any(String),
          updated_at: expect.any(String),
        },
      });
      const me = await api.me(body.access_token);
      expect(me.statusCode).toBe(200);
      expect(me.json().email).toBe(email.toLowerCase());
    });

    it('accepts names in any alphabet', async () => {
      for (const name of ['Zoë Ångström', 'Иван Петров', '山田 太郎', 'محمد علي']) {
        const res = await api.post('/signup', { full_name: name, email: uniqueEmail(), password: PASSWORD, date_of_birth: '1985-06-01' });
        expect({ name, status: res.statusCode }).toEqual({ name, status: 201 });
      }
    });

    it('logs in with the same e-mail in any case and returns a working access token', async () => {
      const user = await api.signUp();
      const res = await api.post('/login', { email: user.email.toUpperCase(), password: user.password });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(expect.objectContaining({ token_type: 'Bearer', expires_in: 900, user: expect.objectContaining({ id: user.userId }) }));
      expect((await api.me(res.json().access_token)).statusCode).toBe(200);
    });

    it('stores an argon2id hash with at least the OWASP parameters', async () => {
      const user = await api.signUp();
      const [row] = await api.db.query(`SELECT password_hash FROM accounts WHERE id = $1`, [user.userId]);
      expect(argon2Params(row.password_hash)).toEqual({ variant: 'argon2id', v: 19, m: expect.any(Number), t: expect.any(Number), p: expect.any(Number) });
      const { m, t: passes, p } = argon2Params(row.password_hash)!;
      expect(m).toBeGreaterThanOrEqual(19_456);
      expect(passes).toBeGreaterThanOrEqual(2);
      expect(p).toBeGreaterThanOrEqual(1);
    });

    it('upgrades a weaker hash at the next successful login', async () => {
      const user = await api.signUp();
      const weak = await argon2.hash(user.password, { type: argon2.argon2i, memoryCost: 4096, timeCost: 1, parallelism: 1 });
      await api.db.query(`UPDATE accounts SET password_hash = $2 WHERE id = $1`, [user.userId, weak]);
      await api.logIn(user.email, user.password);
      const [row] = await api.db.query(`SELECT password_hash FROM accounts WHERE id = $1`, [user.userId]);
      expect(argon2Params(row.password_hash)).toEqual({ variant: 'argon2id', v: 19, m: 19_456, t: 2, p: 1 });
      expect(await argon2.verify(row.password_hash, user.password)).toBe(true);
      await api.logIn(user.email, user.password);
    });

    it('records sign-up and login as security events with ip and user agent', async () => {
      const user = await api.signUp({}, { 'user-agent': 'kit/1.0' });
      await api.post('/login', { email: user.email, password: 'Wrong#Pass99' });
      await api.logIn(user.email, user.password);
      const rows = await api.db.query(`SELECT type, ip, user_agent, request_id FROM security_events WHERE user_id = $1 ORDER BY created_at`, [user.userId]);
      expect(rows.map((row: { type: string }) => row.type)).toEqual(['account_created', 'login_failed', 'login_succeeded']);
      expect(rows[0]).toEqual(expect.objectContaining({ ip: '127.0.0.1', user_agent: 'kit/1.0', request_id: expect.any(String) }));
    });
  });

  describe('failing', () => {
    const valid = () => ({ full_name: 'Jane Roe', email: uniqueEmail(), password: PASSWORD, date_of_birth: '1990-01-15' });

    it('refuses a taken e-mail with 409, whatever its case', async () => {
      const user = await api.signUp();
      expectProblem(await api.post('/signup', { ...valid(), email: user.email.toUpperCase() }), 409, 'IDENTITY.EMAIL_TAKEN');
    });

    it.each([
      ['full_name', { full_name: 'J' }],
      ['full_name', { full_name: 'R2-D2 Droid' }],
      ['full_name', { full_name: 'x'.repeat(51) }],
      ['email', { email: 'not-an-email' }],
      ['password', { password: 'Short1!' }],
      ['password', { password: 'alllowercase1!' }],
      ['password', { password: 'NoDigitsHere!' }],
      ['password', { password: 'NoSpecial123' }],
      ['password', { password: 'P@ssw0rd123!' }],
      ['password', { password: 'Welcome1!' }],
      ['date_of_birth', { date_of_birth: '2023-02-30' }],
      ['date_of_birth', { date_of_birth: '15/01/1990' }],
      ['phone_number', { phone_number: '0123456' }],
    ])('refuses an invalid %s (%j)', async (field, change) => {
      const body = expectProblem(await api.post('/signup', { ...valid(), ...change }), 400);
      expect(Object.keys(body.errors as object)).toEqual([field]);
    });

    it('refuses anyone younger than 13', async () => {
      const today = new Date();
      const twelve = `${today.getUTCFullYear() - 12}-01-01`;
      const body = expectProblem(await api.post('/signup', { ...valid(), date_of_birth: twelve }), 400);
      expect(body.errors).toEqual({ date_of_birth: ['you must be at least 13 years old'] });
    });

    it('refuses a password equal to the e-mail', async () => {
      const email = `Mixed.Case1!${Date.now()}@example.com`.toLowerCase();
      const body = expectProblem(await api.post('/signup', { ...valid(), email, password: email.toUpperCase().replace('@', '@') }), 400);
      expect(body.errors).toEqual({ password: expect.arrayContaining(['password must not be your e-mail address']) });
    });

    it('lists every broken rule of every field at once', async () => {
      const body = expectProblem(await api.post('/signup', { full_name: '1', email: 'x', password: 'short', date_of_birth: 'soon' }), 400);
      expect(Object.keys(body.errors as object).sort()).toEqual(['date_of_birth', 'email', 'full_name', 'password']);
      expect((body.errors as Record<string, string[]>).password.length).toBeGreaterThanOrEqual(3);
    });

    it('refuses fields it does not know (roles, email_verified)', async () => {
      const body = expectProblem(await api.post('/signup', { ...valid(), roles: ['platform_admin'], email_verified: true }), 400);
      expect(Object.keys(body.errors as object).sort()).toEqual(['email_verified', 'roles']);
    });

    it('gives an unknown e-mail and a wrong password the same 401 body', async () => {
      const user = await api.signUp();
      const wrong = await api.post('/login', { email: user.email, password: 'Wrong#Pass99' });
      const unknown = await api.post('/login', { email: uniqueEmail('ghost'), password: 'Wrong#Pass99' });
      const strip = (res: typeof wrong) => {
        const { request_id: _ignored, ...rest } = expectProblem(res, 401, 'IDENTITY.INVALID_CREDENTIALS');
        return rest;
      };
      expect(strip(wrong)).toEqual(strip(unknown));
      expect(Object.keys(wrong.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
    });

    it('takes about the same time for an unknown e-mail as for a wrong password (dummy hash)', async () => {
      const user = await api.signUp();
      const time = async (email: string) => {
        const started = process.hrtime.bigint();
        await api.post('/login', { email, password: 'Wrong#Pass99' });
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let round = 0; round < 4; round += 1) {
        known.push(await time(user.email));
        unknown.push(await time(uniqueEmail('ghost')));
      }
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
      // Both paths run one argon2id verification (tens of ms); without the dummy hash the unknown path takes ~1 ms.
      expect(median(unknown)).toBeGreaterThan(median(known) * 0.6);
      expect(median(unknown)).toBeLessThan(median(known) * 1.6);
    });

    it('refuses a login without a password', async () => {
      expectProblem(await api.post('/login', { email: uniqueEmail() }), 400, 'HTTP.VALIDATION_FAILED');
    });
  });
});
