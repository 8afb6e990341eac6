import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { OrganizationsClient, StaffedOrganization, organizationsApp } from './organizations-test-kit';

describe('organizations: members and roles', () => {
  let t: TestApp;
  let c: OrganizationsClient;

  beforeAll(async () => {
    t = await organizationsApp();
    c = new OrganizationsClient(t);
  });
  afterAll(() => t.close());

  const members = async (org: StaffedOrganization, token = org.principal.token) =>
    (await c.expectOk(c.request('GET', `/organizations/${org.id}/members`, { token }))).data as Array<Record<string, unknown>>;
  const principals = async (orgId: string): Promise<number> =>
    (await c.db.query(`SELECT count(*)::int AS n FROM memberships WHERE org_id = $1 AND role = 'principal' AND status = 'active'`, [orgId]))[0].n;

  describe('successful', () => {
    it('a manager lists the members in order of joining, with their e-mail and role', async () => {
      const org = await c.staffedOrganization();
      const res = await c.expectOk(c.request('GET', `/organizations/${org.id}/members`, { token: org.manager.token }));
      expect(res.meta.total).toBe(4);
      expect(res.data[0]).toEqual(expect.objectContaining({ user_id: org.principal.userId, role: 'principal', status: 'active', email: org.principal.email }));
      expect(res.data.map((m: { role: string }) => m.role).sort()).toEqual(['manager', 'principal', 'staff', 'staff']);
      const staffOnly = await c.expectOk(c.request('GET', `/organizations/${org.id}/members`, { token: org.manager.token }, { query: { role: 'staff' } }));
      expect(staffOnly.meta.total).toBe(2);
    });

    it('the principal promotes a staff member; the new role applies on their next request', async () => {
      const org = await c.staffedOrganization();
      expectProblem(await c.request('GET', `/organizations/${org.id}/members`, { token: org.staff.token }), 403, 'AUTH.FORBIDDEN');
      const changed = await c.expectOk(
        c.request('PATCH', `/organizations/${org.id}/members/${org.staff.userId}`, { token: org.principal.token }, { body: { role: 'manager' } }),
      );
      expect(changed).toEqual(expect.objectContaining({ organization_id: org.id, user_id: org.staff.userId, role: 'manager' }));
      await c.expectOk(c.request('GET', `/organizations/${org.id}/members`, { token: org.staff.token }));
      const [event] = await c.db.query(`SELECT metadata FROM audit_events WHERE org_id = $1 AND action = 'member.role_changed'`, [org.id]);
      expect(event.metadata).toEqual({ from: 'staff', to: 'manager' });
    });

    it('a manager removes a staff member, whose token stops working in the organization at once', async () => {
      const org = await c.staffedOrganization();
      await c.expectOk(c.request('GET', `/organizations/${org.id}`, { token: org.staff.token }));
      await c.expectOk(c.request('DELETE', `/organizations/${org.id}/members/${org.staff.userId}`, { token: org.manager.token }), 204);
      expectProblem(await c.request('GET', `/organizations/${org.id}`, { token: org.staff.token }), 404, 'ORGANIZATIONS.NOT_FOUND');
      expectProblem(await c.request('GET', '/users', { token: org.staff.token, orgId: org.id }), 403, 'ORGANIZATIONS.NOT_A_MEMBER');
      // The account itself still works outside the organization.
      expect((await c.request('GET', '/organizations', { token: org.staff.token })).statusCode).toBe(200);
      expect((await members(org)).map((m) => m.user_id)).not.toContain(org.staff.userId);
      expect(await c.auditActions(org.id)).toContain('member.removed');
    });

    it('a member leaves on their own', async () => {
      const org = await c.staffedOrganization();
      await c.expectOk(c.request('DELETE', `/organizations/${org.id}/members/${org.staff2.userId}`, { token: org.staff2.token }), 204);
      expect(await c.auditActions(org.id)).toContain('member.left');
      expectProblem(await c.request('GET', `/organizations/${org.id}`, { token: org.staff2.token }), 404);
    });

    it('with a second principal, the first may step down', async () => {
      const org = await c.staffedOrganization();
      await c.expectOk(
        c.request('PATCH', `/organizations/${org.id}/members/${org.manager.userId}`, { token: org.principal.token }, { body: { role: 'principal' } }),
      );
      await c.expectOk(
        c.request('PATCH', `/organizations/${org.id}/members/${org.principal.userId}`, { token: org.principal.token }, { body: { role: 'staff' } }),
      );
      expect((await members(org, org.manager.token)).filter((m) => m.role === 'principal').map((m) => m.user_id)).toEqual([org.manager.userId]);
    });
  });

  describe('failing', () => {
    it('only a principal changes roles', async () => {
      const org = await c.staffedOrganization();
      expectProblem(
        await c.request('PATCH', `/organizations/${org.id}/members/${org.staff.userId}`, { token: org.manager.token }, { body: { role: 'manager' } }),
        403,
        'AUTH.FORBIDDEN',
      );
    });

    it('a manager removes staff only; staff remove nobody but themselves', async () => {
      const org = await c.staffedOrganization();
      expectProblem(
        await c.request('DELETE', `/organizations/${org.id}/members/${org.principal.userId}`, { token: org.manager.token }),
        403,
        'ORGANIZATIONS.FORBIDDEN',
      );
      expectProblem(
        await c.request('DELETE', `/organizations/${org.id}/members/${org.staff2.userId}`, { token: org.staff.token }),
        403,
        'ORGANIZATIONS.FORBIDDEN',
      );
    });

    it('the last principal can be neither demoted nor removed, nor leave', async () => {
      const org = await c.staffedOrganization();
      const path = `/organizations/${org.id}/members/${org.principal.userId}`;
      expectProblem(await c.request('PATCH', path, { token: org.principal.token }, { body: { role: 'manager' } }), 409, 'ORGANIZATIONS.LAST_PRINCIPAL');
      expectProblem(await c.request('DELETE', path, { token: org.principal.token }), 409, 'ORGANIZATIONS.LAST_PRINCIPAL');
      expect((await members(org)).find((m) => m.user_id === org.principal.userId)).toEqual(expect.objectContaining({ role: 'principal', status: 'active' }));
    });

    it('the last-principal rule holds under two concurrent demotions', async () => {
      for (let round = 0; round < 4; round += 1) {
        const org = await c.staffedOrganization(`race${round}`);
        const second = org.manager;
        await c.expectOk(
          c.request('PATCH', `/organizations/${org.id}/members/${second.userId}`, { token: org.principal.token }, { body: { role: 'principal' } }),
        );
        // Two principals step down at the same moment: one may, never both (the organization row is locked while counting).
        const both = await Promise.all([
          c.request('PATCH', `/organizations/${org.id}/members/${org.principal.userId}`, { token: org.principal.token }, { body: { role: 'staff' } }),
          c.request('PATCH', `/organizations/${org.id}/members/${second.userId}`, { token: second.token }, { body: { role: 'manager' } }),
        ]);
        expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
        expect(both.find((r) => r.statusCode === 409)!.json().code).toBe('ORGANIZATIONS.LAST_PRINCIPAL');
        expect(await principals(org.id)).toBe(1);
      }
    });

    it('two principals demoting each other at the same moment: the loser has lost the right to act', async () => {
      for (let round = 0; round < 4; round += 1) {
        const org = await c.staffedOrganization(`cross${round}`);
        const second = org.manager;
        await c.expectOk(
          c.request('PATCH', `/organizations/${org.id}/members/${second.userId}`, { token: org.principal.token }, { body: { role: 'principal' } }),
        );
        const both = await Promise.all([
          c.request('PATCH', `/organizations/${org.id}/members/${second.userId}`, { token: org.principal.token }, { body: { role: 'staff' } }),
          c.request('PATCH', `/organizations/${org.id}/members/${org.principal.userId}`, { token: second.token }, { body: { role: 'staff' } }),
        ]);
        expect(both.map((r) => r.statusCode).sort()).toEqual([200, 403]);
        expect(await principals(org.id)).toBe(1);
      }
    });

    it('the last-principal rule holds when two principals remove each other concurrently', async () => {
      const org = await c.staffedOrganization('race-remove');
      const second = org.manager;
      await c.expectOk(
        c.request('PATCH', `/organizations/${org.id}/members/${second.userId}`, { token: org.principal.token }, { body: { role: 'principal' } }),
      );
      const results = await Promise.all([
        c.request('DELETE', `/organizations/${org.id}/members/${second.userId}`, { token: org.principal.token }),
        c.request('DELETE', `/organizations/${org.id}/members/${org.principal.userId}`, { token: second.token }),
      ]);
      // One removal wins. The other is refused: 403 inside the use case when the two overlap, or 404 from the tenant
      // guard when the winner committed first (its caller is no longer a member, and non-members see no organization).
      const [won, lost] = results.map((r) => r.statusCode).sort();
      expect(won).toBe(204);
      expect([403, 404]).toContain(lost);
      expect(await principals(org.id)).toBe(1);
    });

    it('a role in the body outside the enum, or extra fields, are refused', async () => {
      const org = await c.staffedOrganization();
      const path = `/organizations/${org.id}/members/${org.staff.userId}`;
      expectProblem(await c.request('PATCH', path, { token: org.principal.token }, { body: { role: 'admin' } }), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await c.request('PATCH', path, { token: org.principal.token }, { body: { role: 'staff', org_id: org.id } }), 400, 'HTTP.VALIDATION_FAILED');
    });

    it('an unknown member is 404', async () => {
      const org = await c.staffedOrganization();
      expectProblem(
        await c.request(
          'PATCH',
          `/organizations/${org.id}/members/7d6f0a55-0c39-4d4c-9b1f-3a1c3f6f0f00`,
          { token: org.principal.token },
          { body: { role: 'staff' } },
        ),
        404,
        'ORGANIZATIONS.MEMBER_NOT_FOUND',
      );
    });
  });
});
