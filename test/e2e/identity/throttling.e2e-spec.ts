import { expectProblem } from '../../support/problem';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';
import { IdentityClient, LINK_TOKEN, identityApp, uniqueEmail, uniquePhone } from './identity-test-kit';

describe('identity: rate limits on auth routes', () => {
  let t: TestApp;
  let api: IdentityClient;
  beforeAll(async () => {
    t = await createTestApp({ processJobs: true, config: testConfig({ AUTH_RATE_LIMIT_MAX: '3', AUTH_RATE_LIMIT_TTL_MS: '60000' }) });
    api = new IdentityClient(t);
  });
  afterAll(() => t.close());

  it.each([
    ['/login', () => ({ email: uniqueEmail(), password: 'Wrong#Pass99' })],
    ['/signup', () => ({ full_name: 'Rate Limited', email: uniqueEmail(), password: 'Velvet#Orbit42', date_of_birth: '1990-01-15' })],
    ['/refresh', () => ({ refresh_token: 'x'.repeat(43) })],
    ['/password/reset/request', () => ({ email: uniqueEmail() })],
    ['/password/reset/confirm', () => ({ token: 'x'.repeat(43), new_password: 'Velvet#Orbit42' })],
    ['/phone/request-otp', () => ({ phone_number: uniquePhone() })],
    ['/phone/login', () => ({ phone_number: uniquePhone(), otp_code: '123456' })],
    ['/email/verify', () => ({ token: 'x'.repeat(43) })],
  ])('POST %s answers 429 with Retry-After past the per-IP auth limit', async (path, body) => {
    const ip = `10.30.0.${Math.floor(Math.random() * 200) + 2}`;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const res = await api.post(path, body(), {}, ip);
      expect({ attempt, status: res.statusCode }).not.toEqual({ attempt, status: 429 });
    }
    const limited = await api.post(path, body(), {}, ip);
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await api.post(path, body(), {}, '10.31.0.1')).statusCode).not.toBe(429);
  });
});

describe('identity: repeated login failures for one account', () => {
  let t: TestApp;
  let api: IdentityClient;
  beforeAll(async () => {
    t = await identityApp({ IDENTITY_LOGIN_FAILURE_THRESHOLD: '3', IDENTITY_LOGIN_THROTTLE_BASE_SECONDS: '30', IDENTITY_LOGIN_THROTTLE_MAX_SECONDS: '600' });
    api = new IdentityClient(t);
  });
  afterAll(() => t.close());

  const fail = (email: string, ip?: string) => api.post('/login', { email, password: 'Wrong#Pass99' }, {}, ip);
  /** Ends the current cooling-down period as if its time had passed. */
  const coolDown = () => api.db.query(`UPDATE login_throttles SET blocked_until = now() - interval '1 second' WHERE blocked_until IS NOT NULL`);

  it('slows further attempts after the threshold, from any IP, even with the right password', async () => {
    const user = await api.signUp();
    for (let attempt = 0; attempt < 3; attempt += 1) expectProblem(await fail(user.email, `10.40.0.${attempt + 1}`), 401);
    const blocked = await api.post('/login', { email: user.email, password: user.password }, {}, '10.40.1.1');
    expectProblem(blocked, 429, 'IDENTITY.LOGIN_THROTTLED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(25);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(30);
    expect((await api.events(user.userId)).map((event) => event.type)).toContain('login_throttled');
  });

  it('doubles the wait per further failure, capped, and never locks the owner out for good', async () => {
    const user = await api.signUp();
    for (let attempt = 0; attempt < 3; attempt += 1) await fail(user.email);
    const waits: number[] = [];
    for (let round = 0; round < 6; round += 1) {
      await coolDown();
      await fail(user.email);
      waits.push(Number((await fail(user.email)).headers['retry-after']));
    }
    // Each further failure doubles the wait (30 s base after the 3rd): 60, 120, 240, 480, then the 600 s cap.
    [60, 120, 240, 480, 600, 600].forEach((expected, round) => {
      expect({ round, wait: waits[round] }).toEqual({ round, wait: expect.any(Number) });
      expect(waits[round]).toBeGreaterThanOrEqual(expected - 2);
      expect(waits[round]).toBeLessThanOrEqual(expected);
    });
    await coolDown();
    await api.logIn(user.email, user.password);
    // A success clears the streak: one new failure is not throttled.
    expectProblem(await fail(user.email), 401, 'IDENTITY.INVALID_CREDENTIALS');
    expectProblem(await fail(user.email), 401, 'IDENTITY.INVALID_CREDENTIALS');
  });

  it('treats an unknown e-mail exactly like a known one', async () => {
    const ghost = uniqueEmail('ghost');
    for (let attempt = 0; attempt < 3; attempt += 1) expectProblem(await fail(ghost), 401, 'IDENTITY.INVALID_CREDENTIALS');
    expectProblem(await fail(ghost), 429, 'IDENTITY.LOGIN_THROTTLED');
  });

  it('a password reset lifts the throttle at once', async () => {
    const user = await api.signUp();
    for (let attempt = 0; attempt < 3; attempt += 1) await fail(user.email);
    expectProblem(await fail(user.email), 429);
    await api.post('/password/reset/request', { email: user.email });
    const token = await api.message(user.email, /reset-password\?token=([A-Za-z0-9_-]+)/);
    expect((await api.post('/password/reset/confirm', { token, new_password: 'Fresh#Start2024' })).statusCode).toBe(200);
    await api.logIn(user.email, 'Fresh#Start2024');
    expect(LINK_TOKEN.test(`token=${token}`)).toBe(true);
  });
});
