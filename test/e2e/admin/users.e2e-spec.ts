import { randomUUID } from 'node:crypto';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { Actor, OrganizationsClient, StaffedOrganization, organizationsApp } from '../organizations/organizations-test-kit';

/** /admin/users and /admin/audit-events: operators search accounts, see memberships and keys, suspend, reactivate, sign out. */
describe('admin: users and the audit log', () => {
  let t: TestApp;
  let c: OrganizationsClient;
  let admin: Actor;
  let org: StaffedOrganization;
  let other: StaffedOrganization;
  let customer: Actor;
  let key: { id: string; secret: string };

  beforeAll(async () => {
    t = await organizationsApp();
    c = new OrganizationsClient(t);
    [admin, org, other, customer] = await Promise.all([c.admin(), c.staffedOrganization('adm-a'), c.staffedOrganization('adm-b'), c.signUp('adm-customer')]);
    key = await c.apiKey(org.principal, org.id, 'staff');
  }, 120_000);
  afterAll(() => t.close());

  const as = (who: Actor | null) => (who ? { token: who.token } : undefined);
  const get = (path: string, query: Record<string, string> = {}, who: Actor | null = admin) => c.request('GET', path, as(who), { query });
  const post = (path: string, body: unknown = {}, who: Actor | null = admin) => c.request('POST', path, as(who), { body });
  const me = (who: Actor) => c.request('GET', '/auth/me', { token: who.token });

  describe('successful', () => {
    it('searches accounts by part of the e-mail or of the name, and by status, with pages', async () => {
      const byEmail = await c.expectOk(get('/admin/users', { q: org.manager.email.slice(0, 18).toUpperCase() }));
      expect(byEmail.data.map((u: { id: string }) => u.id)).toContain(org.manager.userId);
      expect(byEmail.data[0]).toEqual(
        expect.objectContaining({ id: expect.any(String), email: expect.any(String), full_name: expect.any(String), status: 'active', platform_roles: [] }),
      );
      const byName = await c.expectOk(get('/admin/users', { q: 'crew memb', limit: '100' }));
      expect(byName.data.length).toBeGreaterThan(0);
      expect(byName.data.every((u: { full_name: string }) => u.full_name === 'Crew Member')).toBe(true);
      const page = await c.expectOk(get('/admin/users', { limit: '2' }));
      expect(page.data).toHaveLength(2);
      expect(page.meta.total).toBeGreaterThan(2);
      // Wildcards are text: "%" matches nobody.
      expect((await c.expectOk(get('/admin/users', { q: '%' }))).meta.total).toBe(0);
    });

    it('sorts by an allowed field, either way; anything else is a 400 problem', async () => {
      const byEmail = await c.expectOk(get('/admin/users', { q: 'crew memb', sort: 'email', limit: '100' }));
      const emails = byEmail.data.map((u: { email: string }) => u.email);
      expect(emails).toEqual([...emails].sort());
      const desc = await c.expectOk(get('/admin/users', { q: 'crew memb', sort: '-email', limit: '100' }));
      // Other suites add members while this runs, and more than a page may match: each page is checked on its own.
      const descending = desc.data.map((u: { email: string }) => u.email);
      expect(descending.length).toBeGreaterThan(1);
      expect(descending).toEqual([...descending].sort().reverse());
      expect(descending[0] >= emails[emails.length - 1]).toBe(true);
      expect((await get('/admin/users', { sort: '-full_name' })).statusCode).toBe(200);
      for (const sort of ['password_hash', '-id', 'email,created_at']) expectProblem(await get('/admin/users', { sort }), 400, 'HTTP.VALIDATION_FAILED');
    });

    it('shows an account with its memberships and the API keys it created (prefix, never the secret)', async () => {
      const detail = await c.expectOk(get(`/admin/users/${org.principal.userId}`));
      expect(detail).toMatchObject({ id: org.principal.userId, email: org.principal.email, status: 'active' });
      expect(detail.memberships).toEqual([expect.objectContaining({ org_id: org.id, org_slug: org.slug, role: 'principal', status: 'active' })]);
      expect(detail.api_keys).toEqual([expect.objectContaining({ id: key.id, org_id: org.id, role: 'staff', status: 'active' })]);
      expect(key.secret.startsWith(`rsk_${detail.api_keys[0].prefix}_`)).toBe(true);
      const raw = JSON.stringify(detail);
      expect(raw).not.toContain(key.secret.split('_').at(-1));
      expect(raw).not.toMatch(/hash|secret|password/i);
    });

    it('suspends an account: its token is refused at once, it cannot sign in; reactivated, it signs in again; both audited with the reason', async () => {
      const target = await c.signUp('adm-suspended');
      expect((await me(target)).statusCode).toBe(200);
      const suspended = await c.expectOk(post(`/admin/users/${target.userId}/suspend`, { reason: 'Chargeback fraud ring' }));
      expect(suspended).toMatchObject({ id: target.userId, status: 'suspended' });
      expect((await me(target)).statusCode).toBe(401);
      const login = await c.request('POST', '/auth/login', undefined, { body: { email: target.email, password: target.password } });
      expect([401, 403]).toContain(login.statusCode);
      expect((await c.expectOk(get('/admin/users', { q: target.email, status: 'suspended' }))).data.map((u: { id: string }) => u.id)).toEqual([target.userId]);
      expect((await c.expectOk(get('/admin/users', { q: target.email, status: 'active' }))).meta.total).toBe(0);
      // Again: idempotent.
      expect((await post(`/admin/users/${target.userId}/suspend`, { reason: 'Chargeback fraud ring' })).statusCode).toBe(200);

      const reactivated = await c.expectOk(post(`/admin/users/${target.userId}/reactivate`, { reason: 'Cleared by the bank' }));
      expect(reactivated.status).toBe('active');
      const again = await c.logIn(target);
      expect((await me(again)).statusCode).toBe(200);

      const audit = await c.expectOk(get('/admin/audit-events', { action: 'admin', actor: admin.userId, limit: '100' }));
      const mine = audit.data.filter((e: { target_id: string }) => e.target_id === target.userId);
      expect(mine.map((e: { action: string }) => e.action)).toEqual(['admin.user_reactivated', 'admin.user_suspended', 'admin.user_suspended']);
      expect(mine[2]).toMatchObject({
        actor_user_id: admin.userId,
        target_type: 'account',
        organization_id: null,
        metadata: { reason: 'Chargeback fraud ring' },
      });
    });

    it('ends every session of an account; it may sign in again', async () => {
      const target = await c.signUp('adm-signed-out');
      const second = await c.logIn(target);
      const ended = await c.expectOk(post(`/admin/users/${target.userId}/end-sessions`, { reason: 'Lost phone' }));
      expect(ended.revoked_sessions).toBeGreaterThanOrEqual(2);
      expect((await me(target)).statusCode).toBe(401);
      expect((await me(second)).statusCode).toBe(401);
      expect((await me(await c.logIn(target))).statusCode).toBe(200);
      const audit = await c.expectOk(get('/admin/audit-events', { action: 'admin.user_sessions_ended', limit: '100' }));
      expect(audit.data.find((e: { target_id: string }) => e.target_id === target.userId)).toMatchObject({
        actor_user_id: admin.userId,
        metadata: { reason: 'Lost phone', revoked_sessions: ended.revoked_sessions },
      });
    });

    it('filters the audit log by organization, action family, actor and time, newest first, with pages', async () => {
      const ofOrg = await c.expectOk(get('/admin/audit-events', { organization_id: org.id, limit: '100' }));
      expect(ofOrg.data.length).toBeGreaterThan(0);
      expect(ofOrg.data.every((e: { organization_id: string }) => e.organization_id === org.id)).toBe(true);
      expect(ofOrg.data.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['organization.created', 'api_key.created']));
      const times = ofOrg.data.map((e: { occurred_at: string }) => e.occurred_at);
      expect([...times].sort().reverse()).toEqual(times);
      const keys = await c.expectOk(get('/admin/audit-events', { organization_id: org.id, action: 'api_key' }));
      expect(keys.data.map((e: { action: string }) => e.action)).toEqual(['api_key.created']);
      expect((await c.expectOk(get('/admin/audit-events', { from: new Date(Date.now() + 60_000).toISOString() }))).meta.total).toBe(0);
      expect((await c.expectOk(get('/admin/audit-events', { to: '2000-01-01T00:00:00Z' }))).meta.total).toBe(0);
      const page = await c.expectOk(get('/admin/audit-events', { organization_id: org.id, limit: '1', page: '2' }));
      expect(page.data).toHaveLength(1);
      expect(page.meta).toMatchObject({ page: 2, limit: 1 });
      expect(ofOrg.data.some((e: { organization_id: string }) => e.organization_id === other.id)).toBe(false);
    });
  });

  describe('failing', () => {
    it('answers 404 for an unknown account and 422 on one’s own account', async () => {
      const unknown = randomUUID();
      expectProblem(await get(`/admin/users/${unknown}`), 404, 'ADMIN.USER_NOT_FOUND');
      expectProblem(await post(`/admin/users/${unknown}/suspend`, { reason: 'No one' }), 404, 'ADMIN.USER_NOT_FOUND');
      expectProblem(await post(`/admin/users/${unknown}/reactivate`), 404, 'ADMIN.USER_NOT_FOUND');
      expectProblem(await post(`/admin/users/${unknown}/end-sessions`), 404, 'ADMIN.USER_NOT_FOUND');
      expectProblem(await post(`/admin/users/${admin.userId}/suspend`, { reason: 'Myself' }), 422, 'ADMIN.CANNOT_TARGET_SELF');
      expectProblem(await post(`/admin/users/${admin.userId}/end-sessions`), 422, 'ADMIN.CANNOT_TARGET_SELF');
      expect((await me(admin)).statusCode).toBe(200);
    });

    it('validates bodies and filters', async () => {
      expectProblem(await post(`/admin/users/${customer.userId}/suspend`, {}), 400);
      expectProblem(await post(`/admin/users/${customer.userId}/suspend`, { reason: 'x' }), 400);
      expectProblem(await post(`/admin/users/${customer.userId}/suspend`, { reason: 'Fine reason', extra: 1 }), 400);
      expectProblem(await post(`/admin/users/not-a-uuid/suspend`, { reason: 'Fine reason' }), 400);
      expectProblem(await get('/admin/users', { status: 'gone' }), 400);
      expectProblem(await get('/admin/users', { limit: '101' }), 400);
      expectProblem(await get('/admin/audit-events', { actor: 'me' }), 400);
      expectProblem(await get('/admin/audit-events', { action: 'DROP TABLE' }), 400);
      expectProblem(await get('/admin/audit-events', { from: 'yesterday' }), 400);
      expect((await me(customer)).statusCode).toBe(200);
    });

    it('refuses customers, organization owners and API keys (403), and anonymous callers (401)', async () => {
      const routes: Array<[string, string]> = [
        ['GET', '/admin/users'],
        ['GET', `/admin/users/${customer.userId}`],
        ['POST', `/admin/users/${customer.userId}/suspend`],
        ['POST', `/admin/users/${customer.userId}/reactivate`],
        ['POST', `/admin/users/${customer.userId}/end-sessions`],
        ['GET', '/admin/audit-events'],
      ];
      for (const [method, path] of routes) {
        const body = method === 'POST' ? { reason: 'Trying my luck' } : undefined;
        for (const who of [customer, org.principal, other.principal])
          expectProblem(await c.request(method as 'GET' | 'POST', path, { token: who.token }, { body }), 403);
        expectProblem(await c.request(method as 'GET' | 'POST', path, { apiKey: key.secret }, { body }), 403);
        expectProblem(await c.request(method as 'GET' | 'POST', path, undefined, { body }), 401);
      }
      expect((await me(customer)).statusCode).toBe(200);
    });
  });
});
