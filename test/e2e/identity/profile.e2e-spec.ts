import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { IdentityClient, identityApp } from './identity-test-kit';

describe('identity: profile (GET/PATCH /me)', () => {
  let t: TestApp;
  let api: IdentityClient;
  beforeAll(async () => {
    t = await identityApp();
    api = new IdentityClient(t);
  });
  afterAll(() => t.close());

  describe('successful', () => {
    it('returns exactly the profile fields', async () => {
      const user = await api.signUp({ full_name: 'Ada Lovelace', date_of_birth: '1995-12-10', phone_number: '+447700900123' });
      const res = await api.me(user.accessToken);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        id: user.userId,
        full_name: 'Ada Lovelace',
        email: user.email,
        email_verified: false,
        phone_number: '+447700900123',
        phone_verified: false,
        date_of_birth: '1995-12-10',
        profile_picture_url: null,
        created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
        updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
      });
    });

    it('reads the profile the sign-in returns, flags and timestamps to the millisecond, whatever the session time zone', async () => {
      const user = await api.signUp({ phone_number: '+447700900124' });
      await api.db.query(
        `UPDATE accounts SET email_verified_at = now(), phone_verified_at = now(),
           created_at = '2024-02-29 23:59:59.999999+00', updated_at = '2024-03-01 01:00:00.0125+01' WHERE id = $1`,
        [user.userId],
      );
      const signIn = await api.post('/login', { email: user.email, password: user.password });
      expect(signIn.statusCode).toBe(200);
      const me = await api.me(user.accessToken);
      expect(me.json()).toEqual(signIn.json().user);
      expect(me.json()).toEqual(
        expect.objectContaining({ email_verified: true, phone_verified: true, created_at: '2024-02-29T23:59:59.999Z', updated_at: '2024-03-01T00:00:00.012Z' }),
      );
    });

    it('changes name, date of birth and phone; a new phone starts unverified; null removes it', async () => {
      const user = await api.signUp();
      const res = await api.patch('/me', { full_name: 'New Name', date_of_birth: '1980-02-29', phone_number: '+33612345678' }, user.accessToken);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(
        expect.objectContaining({ full_name: 'New Name', date_of_birth: '1980-02-29', phone_number: '+33612345678', phone_verified: false }),
      );
      expect(new Date(res.json().updated_at).getTime()).toBeGreaterThanOrEqual(new Date(res.json().created_at).getTime());
      const cleared = await api.patch('/me', { phone_number: null }, user.accessToken);
      expect(cleared.json().phone_number).toBeNull();
      expect((await api.me(user.accessToken)).json().full_name).toBe('New Name');
    });

    it('an empty patch changes nothing', async () => {
      const user = await api.signUp({ full_name: 'Same Name' });
      const res = await api.patch('/me', {}, user.accessToken);
      expect(res.statusCode).toBe(200);
      expect(res.json().full_name).toBe('Same Name');
    });
  });

  describe('failing', () => {
    it.each([
      ['email', { email: 'taken.over@example.com' }],
      ['email_verified', { email_verified: true }],
      ['phone_verified', { phone_verified: true }],
      ['roles', { roles: ['platform_admin'] }],
      ['id', { id: '00000000-0000-0000-0000-000000000000' }],
      ['org_id', { org_id: '00000000-0000-0000-0000-000000000000' }],
      ['passwordHash', { passwordHash: 'attacker-chosen' }],
      ['created_at', { created_at: '2000-01-01T00:00:00Z' }],
    ])('refuses mass assignment of %s and applies nothing', async (field, change) => {
      const user = await api.signUp();
      const before = (await api.me(user.accessToken)).json();
      const body = expectProblem(await api.patch('/me', { full_name: 'Should Not Apply', ...change }, user.accessToken), 400, 'HTTP.VALIDATION_FAILED');
      expect(Object.keys(body.errors as object)).toEqual([field]);
      const [row] = await api.db.query(
        `SELECT email, email_verified_at, phone_verified_at, roles, full_name, password_hash LIKE '$argon2id$%m=19456%' AS hash_kept FROM accounts WHERE id = $1`,
        [user.userId],
      );
      expect(row).toEqual({ email: before.email, email_verified_at: null, phone_verified_at: null, roles: [], full_name: before.full_name, hash_kept: true });
    });

    it.each([
      ['full_name', { full_name: 'X' }],
      ['date_of_birth', { date_of_birth: '2999-01-01' }],
      ['phone_number', { phone_number: '12345' }],
      ['full_name', { full_name: 42 }],
    ])('refuses an invalid %s', async (field, change) => {
      const user = await api.signUp();
      const body = expectProblem(await api.patch('/me', change, user.accessToken), 400);
      expect(Object.keys(body.errors as object)).toEqual([field]);
    });

    it('needs a token', async () => {
      expectProblem(await api.get('/me'), 401);
      expectProblem(await t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me', payload: { full_name: 'No Body' } }), 401);
    });
  });
});
