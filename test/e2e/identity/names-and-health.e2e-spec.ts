import type { TestApp } from '../../support/test-app';
import { IdentityClient, PASSWORD, identityApp, uniqueEmail } from './identity-test-kit';

/** Seed 004's first_name/last_name beside seed 001's full_name, and seed 001's health route. */
describe('identity: name forms and health', () => {
  let t: TestApp;
  let client: IdentityClient;

  beforeAll(async () => {
    t = await identityApp();
    client = new IdentityClient(t);
  });
  afterAll(() => t?.close());

  const base = () => ({ email: uniqueEmail('names'), password: PASSWORD, date_of_birth: '1990-01-15' });

  describe('successful', () => {
    it('signs up with first_name and last_name, joined into full_name', async () => {
      const signed = await client.signUp({ full_name: undefined, first_name: 'Ana', last_name: 'Lima', email: uniqueEmail('parts') });
      expect((signed.body.user as { full_name: string }).full_name).toBe('Ana Lima');
      expect((await client.me(signed.accessToken)).json().full_name).toBe('Ana Lima');
    });

    it('signs up with full_name as before', async () => {
      const signed = await client.signUp({ full_name: 'Rui Costa' });
      expect((signed.body.user as { full_name: string }).full_name).toBe('Rui Costa');
    });

    it('renames with first_name and last_name on the profile', async () => {
      const signed = await client.signUp();
      const res = await client.patch('/me', { first_name: 'Maria', last_name: 'Silva' }, signed.accessToken);
      expect(res.statusCode).toBe(200);
      expect(res.json().full_name).toBe('Maria Silva');
    });

    it('answers seed 001 health shape, public and without I/O', async () => {
      const res = await client.get('/health');
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json()).toEqual({
        status: 'healthy',
        service: 'revsync-identity',
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
        environment: 'test',
        providers: { password: true, phone_otp: false, email_delivery: false },
      });
    });
  });

  describe('failing', () => {
    it('refuses both name forms at once', async () => {
      const res = await client.post('/signup', { ...base(), full_name: 'Ana Lima', first_name: 'Ana', last_name: 'Lima' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.full_name).toContain('give either full_name or first_name and last_name, not both');
    });

    it('refuses first_name without last_name, and no name at all', async () => {
      const half = await client.post('/signup', { ...base(), first_name: 'Ana' });
      expect(half.statusCode).toBe(400);
      expect(half.json().errors.first_name).toContain('last_name is required with first_name');
      const none = await client.post('/signup', base());
      expect(none.statusCode).toBe(400);
      expect(Object.keys(none.json().errors)).toEqual(['full_name']);
    });

    it('applies the full_name rule to the joined parts', async () => {
      const res = await client.post('/signup', { ...base(), first_name: 'Ana1', last_name: 'Lima' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.first_name).toContain('first_name and last_name together may contain only letters and single spaces between words');
      const long = await client.post('/signup', { ...base(), first_name: 'A'.repeat(30), last_name: 'B'.repeat(30) });
      expect(long.statusCode).toBe(400);
      expect(long.json().errors.first_name).toEqual(expect.arrayContaining([expect.stringMatching(/^first_name and last_name together must be 2 to 50/)]));
    });
  });
});
