import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { PASSWORD, uniqueEmail } from '../identity/identity-test-kit';
import { Actor, OrganizationsClient, StaffedOrganization, organizationsApp } from './organizations-test-kit';

describe('organizations: user management (seed 003)', () => {
  let t: TestApp;
  let c: OrganizationsClient;
  let org: StaffedOrganization;
  let admin: Actor;

  beforeAll(async () => {
    t = await organizationsApp();
    c = new OrganizationsClient(t);
    [org, admin] = await Promise.all([c.staffedOrganization(), c.admin()]);
  });
  afterAll(() => t.close());

  const principal = () => ({ token: org.principal.token, orgId: org.id });
  const newUser = (role?: string) => ({
    email: uniqueEmail('direct'),
    full_name: 'Direct Hire',
    password: PASSWORD,
    date_of_birth: '1990-06-01',
    ...(role ? { role } : {}),
  });

  describe('successful', () => {
    it('a principal lists the organization’s users, with their membership there only', async () => {
      const elsewhere = await c.createOrganization(await c.signUp('elsewhere', { verified: true }));
      // staff also belongs to another organization: the principal must not learn about it.
      await c.expectOk(
        c.request('PUT', `/admin/organizations/${elsewhere.id}/members/${org.staff.userId}`, { token: admin.token }, { body: { role: 'manager' } }),
      );
      const page = await c.expectOk(c.request('GET', '/users', principal()));
      expect(page.meta.total).toBe(4);
      const staff = page.data.find((u: { id: string }) => u.id === org.staff.userId);
      expect(staff).toEqual(expect.objectContaining({ email: org.staff.email, status: 'active' }));
      expect(staff.memberships).toEqual([expect.objectContaining({ organization_id: org.id, role: 'staff' })]);
      const one = await c.expectOk(c.request('GET', `/users/${org.staff.userId}`, principal()));
      expect(one.memberships).toHaveLength(1);
      // The admin sees both memberships.
      const asAdmin = await c.expectOk(c.request('GET', `/users/${org.staff.userId}`, { token: admin.token }));
      expect(asAdmin.memberships.map((m: { organization_id: string }) => m.organization_id).sort()).toEqual([org.id, elsewhere.id].sort());
    });

    it('a principal creates a user directly with a role; the user signs in and works in the organization', async () => {
      const body = newUser('staff');
      const created = await c.expectOk(c.request('POST', '/users', principal(), { body }), 201);
      expect(created).toEqual(expect.objectContaining({ email: body.email, full_name: 'Direct Hire', email_verified: false }));
      expect(created.memberships).toEqual([expect.objectContaining({ organization_id: org.id, role: 'staff', status: 'active' })]);
      const hired = await c.logIn({ userId: created.id, email: body.email, password: PASSWORD });
      await c.expectOk(c.request('GET', `/organizations/${org.id}`, { token: hired.token }));
      expect(await c.auditActions(org.id)).toContain('user.created');
    });

    it('a principal updates a user’s name and role in the organization', async () => {
      const hired = await c.addMember(org.principal, org.id, 'staff', 'to-update');
      const updated = await c.expectOk(c.request('PATCH', `/users/${hired.userId}`, principal(), { body: { full_name: 'Renamed Person', role: 'manager' } }));
      expect(updated).toEqual(expect.objectContaining({ full_name: 'Renamed Person' }));
      expect(updated.memberships).toEqual([expect.objectContaining({ role: 'manager' })]);
    });

    it('a principal deactivates a user (access ends at once) and reactivates them', async () => {
      const hired = await c.addMember(org.principal, org.id, 'staff', 'to-deactivate');
      await c.expectOk(c.request('GET', `/organizations/${org.id}`, { token: hired.token }));
      const off = await c.expectOk(c.request('POST', `/users/${hired.userId}/deactivate`, principal()));
      expect(off.status).toBe('deactivated');
      expectProblem(await c.request('GET', `/organizations/${org.id}`, { token: hired.token }), 404);
      const listed = await c.expectOk(c.request('GET', '/users', principal(), { query: { limit: '100' } }));
      expect(listed.data.find((u: { id: string }) => u.id === hired.userId).memberships[0].status).toBe('deactivated');
      await c.expectOk(c.request('POST', `/users/${hired.userId}/reactivate`, principal()));
      await c.expectOk(c.request('GET', `/organizations/${org.id}`, { token: hired.token }));
      expect(await c.auditActions(org.id)).toEqual(expect.arrayContaining(['member.deactivated', 'member.reactivated']));
    });

    it('a platform admin lists everyone, creates a bare account and deletes (deactivates) one: sessions and keys die at once', async () => {
      const everyone = await c.expectOk(c.request('GET', '/users', { token: admin.token }, { query: { email: org.manager.email } }));
      expect(everyone.data.map((u: { id: string }) => u.id)).toEqual([org.manager.userId]);
      const bare = await c.expectOk(c.request('POST', '/users', { token: admin.token }, { body: newUser() }), 201);
      expect(bare.memberships).toEqual([]);

      const crew = await c.staffedOrganization('doomed');
      const key = await c.apiKey(crew.manager, crew.id, 'staff');
      await c.expectOk(c.request('GET', `/organizations/${crew.id}`, { apiKey: key.secret }));
      await c.expectOk(c.request('DELETE', `/users/${crew.manager.userId}`, { token: admin.token }), 204);
      expectProblem(await c.request('GET', '/organizations', { token: crew.manager.token }), 401, 'IDENTITY.SESSION_REVOKED');
      expectProblem(await c.request('GET', `/organizations/${crew.id}`, { apiKey: key.secret }), 401, 'ORGANIZATIONS.API_KEY_REVOKED');
      expectProblem(await c.identity.post('/login', { email: crew.manager.email, password: crew.manager.password }), 403, 'IDENTITY.ACCOUNT_DISABLED');
      const gone = await c.expectOk(c.request('GET', `/users/${crew.manager.userId}`, { token: admin.token }));
      expect(gone.status).toBe('disabled');
      const [event] = await c.db.query(`SELECT actor_user_id, metadata FROM audit_events WHERE action = 'user.deleted' AND target_id = $1`, [
        crew.manager.userId,
      ]);
      expect(event).toEqual({ actor_user_id: admin.userId, metadata: { as_platform_admin: true, revoked_api_keys: [key.id] } });
    });

    it('staff and customers see only themselves', async () => {
      const customer = await c.signUp('customer');
      for (const [actor, orgId] of [
        [org.staff, org.id],
        [customer, undefined],
      ] as const) {
        const page = await c.expectOk(c.request('GET', '/users', { token: actor.token, orgId }));
        expect(page.data.map((u: { id: string }) => u.id)).toEqual([actor.userId]);
        await c.expectOk(c.request('GET', `/users/${actor.userId}`, { token: actor.token, orgId }));
        expectProblem(await c.request('GET', `/users/${org.manager.userId}`, { token: actor.token, orgId }), 404, 'USERS.NOT_FOUND');
      }
    });
  });

  describe('failing', () => {
    it('a principal reaches no user outside the organization', async () => {
      const outsider = await c.signUp('outsider');
      expectProblem(await c.request('GET', `/users/${outsider.userId}`, principal()), 404, 'USERS.NOT_FOUND');
      expectProblem(await c.request('PATCH', `/users/${outsider.userId}`, principal(), { body: { full_name: 'Hacked Name' } }), 404, 'USERS.NOT_FOUND');
      expectProblem(await c.request('POST', `/users/${outsider.userId}/deactivate`, principal()), 404, 'USERS.NOT_FOUND');
    });

    it('a principal must give a role, and may not smuggle an organization or status in', async () => {
      expectProblem(await c.request('POST', '/users', principal(), { body: newUser() }), 400, 'ORGANIZATIONS.VALIDATION_FAILED');
      const other = await c.createOrganization(await c.signUp('other-org', { verified: true }));
      for (const extra of [{ org_id: other.id }, { organization_id: other.id }, { status: 'active' }, { roles: ['admin'] }]) {
        expectProblem(await c.request('POST', '/users', principal(), { body: { ...newUser('staff'), ...extra } }), 400, 'HTTP.VALIDATION_FAILED');
      }
      expectProblem(await c.request('PATCH', `/users/${org.staff.userId}`, principal(), { body: { status: 'disabled' } }), 400, 'HTTP.VALIDATION_FAILED');
    });

    it('managers and staff do not manage users; only admins delete', async () => {
      expectProblem(await c.request('POST', '/users', { token: org.manager.token, orgId: org.id }, { body: newUser('staff') }), 403, 'AUTH.FORBIDDEN');
      expectProblem(
        await c.request('PATCH', `/users/${org.staff.userId}`, { token: org.staff.token, orgId: org.id }, { body: { full_name: 'Self Promoted' } }),
        403,
      );
      expectProblem(await c.request('DELETE', `/users/${org.staff.userId}`, principal()), 403, 'AUTH.FORBIDDEN');
    });

    it('a principal cannot deactivate themselves, nor demote the last principal through /users', async () => {
      expectProblem(await c.request('POST', `/users/${org.principal.userId}/deactivate`, principal()), 422, 'USERS.CANNOT_TARGET_SELF');
      expectProblem(await c.request('PATCH', `/users/${org.principal.userId}`, principal(), { body: { role: 'staff' } }), 409, 'ORGANIZATIONS.LAST_PRINCIPAL');
    });

    it('an admin gives a role only through an organization', async () => {
      expectProblem(await c.request('POST', '/users', { token: admin.token }, { body: newUser('staff') }), 422, 'USERS.ROLE_NEEDS_ORGANIZATION');
      expectProblem(
        await c.request('PATCH', `/users/${org.staff.userId}`, { token: admin.token }, { body: { role: 'manager' } }),
        422,
        'USERS.ROLE_NEEDS_ORGANIZATION',
      );
    });

    it('an existing e-mail is not created again (invite instead)', async () => {
      expectProblem(await c.request('POST', '/users', principal(), { body: { ...newUser('staff'), email: org.manager.email } }), 409, 'IDENTITY.EMAIL_TAKEN');
    });
  });
});
