import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { IdentityClient, OTP_CODE, SignedUp, bearer, identityApp, uniquePhone } from './identity-test-kit';

let ipCounter = 0;
/** Each test speaks from its own address so the per-IP cap only bites where it is tested. */
const freshIp = () => `10.20.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

describe('identity: phone OTP', () => {
  let t: TestApp;
  let api: IdentityClient;
  beforeAll(async () => {
    t = await identityApp();
    api = new IdentityClient(t);
  });
  afterAll(() => t.close());

  const requestOtp = (phone: string, purpose: 'login' | 'verification' = 'login', ip = freshIp()) =>
    api.post('/phone/request-otp', { phone_number: phone, purpose }, {}, ip);
  const latestCode = (phone: string, after?: Date) => api.message(phone, OTP_CODE, { after });
  /** Moves the phone's sends back in time, past the resend cooldown (and optionally out of the hourly window). */
  const age = (phone: string, seconds: number) =>
    api.db.query(`UPDATE phone_otps SET created_at = created_at - make_interval(secs => $2) WHERE phone_number = $1`, [phone, seconds]);

  async function userWithVerifiedPhone(): Promise<SignedUp & { phone: string }> {
    const user = await api.signUp();
    const phone = uniquePhone();
    expect((await requestOtp(phone, 'verification')).statusCode).toBe(202);
    const res = await api.post('/phone/verify-otp', { phone_number: phone, otp_code: await latestCode(phone) }, bearer(user.accessToken));
    expect(res.statusCode).toBe(200);
    return { ...user, phone };
  }

  describe('successful', () => {
    it('verifies a phone for the signed-in user with a code sent by SMS', async () => {
      const user = await api.signUp();
      const phone = uniquePhone();
      const sent = await requestOtp(phone, 'verification');
      expect(sent.statusCode).toBe(202);
      expect(sent.json()).toEqual({ message: expect.any(String), expires_in: 600, resend_after: 60 });
      const code = await latestCode(phone);
      expect(code).toMatch(/^\d{6}$/);
      const res = await api.post('/phone/verify-otp', { phone_number: phone, otp_code: code }, bearer(user.accessToken));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ phone_number: phone, phone_verified: true, verified_at: expect.any(String) });
      const status = await api.get('/phone/verification-status', user.accessToken);
      expect(status.json()).toEqual({ phone_number: phone, phone_verified: true, verified_at: expect.any(String) });
      expect((await api.me(user.accessToken)).json()).toEqual(expect.objectContaining({ phone_number: phone, phone_verified: true }));
    });

    it('logs in with a verified phone and a login code; the code works once', async () => {
      const user = await userWithVerifiedPhone();
      await requestOtp(user.phone, 'login');
      const code = await api.message(user.phone, /(\d{6}) is your RevSync sign-in code/);
      const res = await api.post('/phone/login', { phone_number: user.phone, otp_code: code });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(expect.objectContaining({ token_type: 'Bearer', user: expect.objectContaining({ id: user.userId, phone_verified: true }) }));
      expect((await api.me(res.json().access_token)).statusCode).toBe(200);
      expectProblem(await api.post('/phone/login', { phone_number: user.phone, otp_code: code }), 401, 'IDENTITY.OTP_INVALID');
      const sessions = (await api.get('/sessions', res.json().access_token)).json();
      expect(sessions.data.find((session: { current: boolean }) => session.current).auth_method).toBe('phone_otp');
    });

    it('stores only a keyed hash of the code', async () => {
      const phone = uniquePhone();
      await requestOtp(phone);
      const code = await latestCode(phone);
      const [row] = await api.db.query(`SELECT code_hash, encode(code_hash, 'hex') AS hex FROM phone_otps WHERE phone_number = $1`, [phone]);
      expect(row.code_hash).toHaveLength(32);
      expect(row.hex).not.toContain(code);
      expect(row.code_hash.toString('latin1')).not.toContain(code);
    });

    it('resend after the cooldown sends a new code and kills the old one', async () => {
      const user = await api.signUp();
      const phone = uniquePhone();
      await requestOtp(phone, 'verification');
      const first = await latestCode(phone);
      await age(phone, 61);
      const since = new Date();
      const resent = await api.post('/phone/resend-otp', { phone_number: phone, purpose: 'verification' }, {}, freshIp());
      expect(resent.statusCode).toBe(202);
      const second = await latestCode(phone, since);
      if (second !== first) {
        expectProblem(await api.post('/phone/verify-otp', { phone_number: phone, otp_code: first }, bearer(user.accessToken)), 422, 'IDENTITY.OTP_INVALID');
      }
      expect((await api.post('/phone/verify-otp', { phone_number: phone, otp_code: second }, bearer(user.accessToken))).statusCode).toBe(200);
    });
  });

  describe('failing', () => {
    it('five wrong codes kill the code: the right one fails afterwards, and the lockout is recorded', async () => {
      const user = await api.signUp();
      const phone = uniquePhone();
      await requestOtp(phone, 'verification');
      const code = await latestCode(phone);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expectProblem(await api.post('/phone/verify-otp', { phone_number: phone, otp_code: wrong }, bearer(user.accessToken)), 422, 'IDENTITY.OTP_INVALID');
      }
      expectProblem(await api.post('/phone/verify-otp', { phone_number: phone, otp_code: code }, bearer(user.accessToken)), 422, 'IDENTITY.OTP_INVALID');
      const [row] = await api.db.query(`SELECT status, attempts FROM phone_otps WHERE phone_number = $1`, [phone]);
      expect(row).toEqual({ status: 'locked', attempts: 5 });
      expect((await api.events(user.userId)).map((event) => event.type)).toContain('otp_locked');
    });

    it('an expired code fails', async () => {
      const user = await userWithVerifiedPhone();
      await age(user.phone, 61);
      await requestOtp(user.phone, 'login');
      const code = await api.message(user.phone, /(\d{6}) is your RevSync sign-in code/);
      await api.db.query(`UPDATE phone_otps SET expires_at = now() - interval '1 second' WHERE phone_number = $1 AND purpose = 'login'`, [user.phone]);
      expectProblem(await api.post('/phone/login', { phone_number: user.phone, otp_code: code }), 401, 'IDENTITY.OTP_INVALID');
    });

    it('codes are valid for at most 10 minutes', async () => {
      const phone = uniquePhone();
      await requestOtp(phone);
      const [row] = await api.db.query(`SELECT extract(epoch FROM expires_at - created_at)::int AS ttl FROM phone_otps WHERE phone_number = $1`, [phone]);
      expect(row.ttl).toBeLessThanOrEqual(600);
    });

    it('a verification code does not log in, and a login code does not verify', async () => {
      const user = await userWithVerifiedPhone();
      await age(user.phone, 61);
      let since = new Date();
      await requestOtp(user.phone, 'verification');
      const verificationCode = await api.message(user.phone, /(\d{6}) is your RevSync verification code/, { after: since });
      expectProblem(await api.post('/phone/login', { phone_number: user.phone, otp_code: verificationCode }), 401, 'IDENTITY.OTP_INVALID');

      const other = await api.signUp();
      const phone = uniquePhone();
      since = new Date();
      await requestOtp(phone, 'login');
      const loginCode = await api.message(phone, /(\d{6}) is your RevSync sign-in code/, { after: since });
      expectProblem(await api.post('/phone/verify-otp', { phone_number: phone, otp_code: loginCode }, bearer(other.accessToken)), 422, 'IDENTITY.OTP_INVALID');
    });

    it('a correct login code for a number no account has verified gets the same 401', async () => {
      const phone = uniquePhone();
      await requestOtp(phone, 'login');
      expectProblem(await api.post('/phone/login', { phone_number: phone, otp_code: await latestCode(phone) }), 401, 'IDENTITY.OTP_INVALID');
    });

    it('a number verified on another account cannot be verified again (409)', async () => {
      const holder = await userWithVerifiedPhone();
      const other = await api.signUp();
      await age(holder.phone, 61);
      const since = new Date();
      await requestOtp(holder.phone, 'verification');
      const code = await latestCode(holder.phone, since);
      expectProblem(
        await api.post('/phone/verify-otp', { phone_number: holder.phone, otp_code: code }, bearer(other.accessToken)),
        409,
        'IDENTITY.PHONE_TAKEN',
      );
    });

    it('a second request inside the cooldown is 429 with Retry-After', async () => {
      const phone = uniquePhone();
      expect((await requestOtp(phone)).statusCode).toBe(202);
      const res = await requestOtp(phone);
      expectProblem(res, 429, 'IDENTITY.OTP_COOLDOWN');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
      expectProblem(await api.post('/phone/resend-otp', { phone_number: phone }, {}, freshIp()), 429, 'IDENTITY.OTP_COOLDOWN');
    });

    it('caps the codes per phone per hour', async () => {
      const phone = uniquePhone();
      for (let sent = 0; sent < 5; sent += 1) {
        expect((await requestOtp(phone)).statusCode).toBe(202);
        await age(phone, 61);
      }
      const res = await requestOtp(phone);
      expectProblem(res, 429, 'IDENTITY.OTP_LIMIT_REACHED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('caps the codes per client IP per hour', async () => {
      const ip = freshIp();
      for (let sent = 0; sent < 20; sent += 1) expect((await requestOtp(uniquePhone(), 'login', ip)).statusCode).toBe(202);
      expectProblem(await requestOtp(uniquePhone(), 'login', ip), 429, 'IDENTITY.OTP_LIMIT_REACHED');
      expect((await requestOtp(uniquePhone(), 'login', freshIp())).statusCode).toBe(202);
    });

    it('validates phone numbers and codes, and keeps verification routes private', async () => {
      expectProblem(await api.post('/phone/request-otp', { phone_number: '555-1234' }), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await api.post('/phone/request-otp', { phone_number: uniquePhone(), purpose: 'admin' }), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await api.post('/phone/login', { phone_number: uniquePhone(), otp_code: '12345' }), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await api.post('/phone/verify-otp', { phone_number: uniquePhone(), otp_code: '123456' }), 401);
      expectProblem(await api.get('/phone/verification-status'), 401);
    });
  });
});
