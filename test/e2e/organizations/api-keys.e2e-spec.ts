import { createHash } from 'node:crypto';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { OrganizationsClient, StaffedOrganization, organizationsApp } from './organizations-test-kit';

describe('organizations: API keys', () => {
  let t: TestApp;
  let c: OrganizationsClient;
  let org: StaffedOrganization;

  beforeAll(async () => {
    t = await organizationsApp();
    c = new OrganizationsClient(t);
    org = await c.staffedOrganization();
  });
  afterAll(() => t.close());

  const withKey = (apiKey: string, path = `/organizations/${org.id}`) => c.request('GET', path, { apiKey });

  describe('successful', () => {
    it('the secret is shown once, stored as its SHA-256 with a lookup prefix, and never listed', async () => {
      const res = await c.request(
        'POST',
        `/organizations/${org.id}/api-keys`,
        { token: org.manager.token },
        {
          body: { name: 'Workshop tablet', role: 'staff', expires_at: new Date(Date.now() + 30 * 86_400_000).toISOString() },
        },
      );
      expect(res.statusCode).toBe(201);
      const created = res.json();
      expect(created).toEqual(
        expect.objectContaining({ name: 'Workshop tablet', role: 'staff', status: 'active', created_by: org.manager.userId, last_used_at: null }),
      );
      expect(created.secret).toMatch(new RegExp(`^rsk_${created.prefix}_[A-Za-z0-9_-]{43}$`));
      const [row] = await c.db.query(`SELECT secret_hash, prefix FROM api_keys WHERE id = $1`, [created.id]);
      expect(Buffer.compare(row.secret_hash, createHash('sha256').update(created.secret).digest())).toBe(0);
      const listed = await c.request('GET', `/organizations/${org.id}/api-keys`, { token: org.principal.token });
      expect(listed.statusCode).toBe(200);
      expect(listed.body).not.toContain(created.secret);
      expect(listed.json().data.find((k: { id: string }) => k.id === created.id)).not.toHaveProperty('secret');
      expect(await c.auditActions(org.id)).toContain('api_key.created');
    });

    it('X-API-Key authenticates as the organization in the key’s role, and last_used_at is kept (at most one write a minute)', async () => {
      const key = await c.apiKey(org.principal, org.id, 'manager');
      const got = await c.expectOk(withKey(key.secret));
      expect(got.id).toBe(org.id);
      await c.expectOk(withKey(key.secret, `/organizations/${org.id}/members`));
      expectProblem(await c.request('GET', `/organizations/${org.id}/api-keys`, { apiKey: key.secret }), 403, 'AUTH.API_KEY_NOT_ACCEPTED');
      const [first] = await c.db.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [key.id]);
      expect(first.last_used_at).toBeInstanceOf(Date);
      await c.expectOk(withKey(key.secret));
      const [second] = await c.db.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [key.id]);
      expect(second.last_used_at.getTime()).toBe(first.last_used_at.getTime());
    });

    it('a staff key is refused where a manager is needed', async () => {
      const key = await c.apiKey(org.principal, org.id, 'staff');
      await c.expectOk(withKey(key.secret));
      expectProblem(await withKey(key.secret, `/organizations/${org.id}/members`), 403, 'AUTH.FORBIDDEN');
    });
  });

  describe('failing', () => {
    it('a revoked key is refused at once (401 ORGANIZATIONS.API_KEY_REVOKED)', async () => {
      const key = await c.apiKey(org.manager, org.id, 'staff');
      await c.expectOk(withKey(key.secret));
      await c.expectOk(c.request('DELETE', `/organizations/${org.id}/api-keys/${key.id}`, { token: org.manager.token }), 204);
      expectProblem(await withKey(key.secret), 401, 'ORGANIZATIONS.API_KEY_REVOKED');
      await c.expectOk(c.request('DELETE', `/organizations/${org.id}/api-keys/${key.id}`, { token: org.manager.token }), 204);
      const listed = await c.expectOk(c.request('GET', `/organizations/${org.id}/api-keys`, { token: org.manager.token }, { query: { limit: '100' } }));
      expect(listed.data.find((k: { id: string }) => k.id === key.id).status).toBe('revoked');
    });

    it('an expired key is refused with its own code (401 ORGANIZATIONS.API_KEY_EXPIRED)', async () => {
      const key = await c.apiKey(org.manager, org.id, 'staff');
      await c.db.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [key.id]);
      expectProblem(await withKey(key.secret), 401, 'ORGANIZATIONS.API_KEY_EXPIRED');
    });

    it('unknown, tampered and malformed keys get the same 401', async () => {
      const key = await c.apiKey(org.manager, org.id, 'staff');
      const tampered = key.secret.slice(0, -1) + (key.secret.endsWith('A') ? 'B' : 'A');
      for (const bad of [tampered, 'rsk_000000000000_' + 'A'.repeat(43), 'nonsense']) {
        expectProblem(await withKey(bad), 401, 'ORGANIZATIONS.API_KEY_INVALID');
      }
      expectProblem(await c.request('GET', `/organizations/${org.id}`, undefined, { headers: { 'x-api-key': '' } }), 401, 'ORGANIZATIONS.API_KEY_INVALID');
    });

    it('a key never acts in another organization, on access management, or on a person’s account', async () => {
      const key = await c.apiKey(org.principal, org.id, 'principal');
      const other = await c.createOrganization(await c.signUp('other-owner', { verified: true }));
      expectProblem(await withKey(key.secret, `/organizations/${other.id}`), 404, 'ORGANIZATIONS.NOT_FOUND');
      expectProblem(
        await c.request('PATCH', `/organizations/${org.id}`, { apiKey: key.secret }, { body: { name: 'Hijacked' } }),
        403,
        'AUTH.API_KEY_NOT_ACCEPTED',
      );
      expectProblem(
        await c.request(
          'POST',
          `/organizations/${org.id}/api-keys`,
          { apiKey: key.secret },
          { body: { name: 'x', role: 'staff', expires_at: new Date(Date.now() + 86_400_000).toISOString() } },
        ),
        403,
        'AUTH.API_KEY_NOT_ACCEPTED',
      );
      expectProblem(await c.request('GET', '/auth/me', { apiKey: key.secret }), 403, 'AUTH.API_KEY_NOT_ACCEPTED');
      expectProblem(await c.request('GET', '/users', { apiKey: key.secret }), 403, 'AUTH.API_KEY_NOT_ACCEPTED');
    });

    it('a bearer token and an API key together are refused', async () => {
      const key = await c.apiKey(org.manager, org.id, 'staff');
      expectProblem(await c.request('GET', `/organizations/${org.id}`, { apiKey: key.secret, token: org.manager.token }), 401, 'AUTH.AMBIGUOUS_CREDENTIALS');
    });

    it('a key acts with at most its creator’s role; staff create no keys', async () => {
      const expires_at = new Date(Date.now() + 86_400_000).toISOString();
      expectProblem(
        await c.request('POST', `/organizations/${org.id}/api-keys`, { token: org.manager.token }, { body: { name: 'up', role: 'principal', expires_at } }),
        403,
        'ORGANIZATIONS.FORBIDDEN',
      );
      expectProblem(
        await c.request('POST', `/organizations/${org.id}/api-keys`, { token: org.staff.token }, { body: { name: 'no', role: 'staff', expires_at } }),
        403,
        'AUTH.FORBIDDEN',
      );
      const principalKey = await c.apiKey(org.principal, org.id, 'principal');
      expectProblem(
        await c.request('DELETE', `/organizations/${org.id}/api-keys/${principalKey.id}`, { token: org.manager.token }),
        403,
        'ORGANIZATIONS.FORBIDDEN',
      );
    });

    it('the expiry must be in the future and within a year', async () => {
      for (const expires_at of [new Date(Date.now() - 1000).toISOString(), new Date(Date.now() + 400 * 86_400_000).toISOString(), 'tomorrow']) {
        const res = await c.request(
          'POST',
          `/organizations/${org.id}/api-keys`,
          { token: org.manager.token },
          { body: { name: 'k', role: 'staff', expires_at } },
        );
        expectProblem(res, 400);
      }
      expectProblem(await c.request('POST', `/organizations/${org.id}/api-keys`, { token: org.manager.token }, { body: { name: 'k', role: 'staff' } }), 400);
    });

    it('removing a member revokes the keys they created', async () => {
      const crew = await c.staffedOrganization('crew');
      const key = await c.apiKey(crew.manager, crew.id, 'staff');
      await c.expectOk(withKey(key.secret, `/organizations/${crew.id}`));
      await c.expectOk(c.request('DELETE', `/organizations/${crew.id}/members/${crew.manager.userId}`, { token: crew.principal.token }), 204);
      expectProblem(await withKey(key.secret, `/organizations/${crew.id}`), 401, 'ORGANIZATIONS.API_KEY_REVOKED');
    });

    it('a suspended organization’s keys are refused', async () => {
      const shop = await c.staffedOrganization('suspended');
      const admin = await c.admin();
      const key = await c.apiKey(shop.principal, shop.id, 'staff');
      await c.expectOk(c.request('POST', `/admin/organizations/${shop.id}/suspend`, { token: admin.token }, { body: {} }));
      expectProblem(await withKey(key.secret, `/organizations/${shop.id}`), 403, 'ORGANIZATIONS.SUSPENDED');
    });
  });
});
