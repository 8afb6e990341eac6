import { randomBytes } from 'node:crypto';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { ACCESS_TABLE } from '../access-table';
import { PASSWORD, uniqueEmail } from '../identity/identity-test-kit';
import { Caller, Organization, OrganizationsClient, RequestOptions, World, buildWorld, organizationsApp } from './organizations-test-kit';

/**
 * The permission matrix of issue 4: every route of the organizations context,
 * called by anonymous, a customer, staff / manager / principal of organization
 * A, the principal of organization B, a platform admin (member of neither)
 * and an API key of A in each role, on objects of organization A. Mutating
 * routes get a fresh object for every caller, so each cell is independent.
 */
const PERSONAS = ['anonymous', 'customer', 'staff', 'manager', 'principal', 'principalB', 'admin', 'key:staff', 'key:manager', 'key:principal'] as const;
type Persona = (typeof PERSONAS)[number];
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface Call {
  method: Method;
  path: string;
  options?: RequestOptions;
}

interface Row {
  operation: string;
  /** Routes outside /organizations/{orgId} act in the organization named by X-Organization-Id. */
  header?: boolean;
  /** Builds the request for one caller (creating a fresh object when the call consumes one). */
  call: (persona: Persona) => Promise<Call> | Call;
  /** Expected status per persona, in PERSONAS order. */
  expect: [number, number, number, number, number, number, number, number, number, number];
}

describe('organizations: permission matrix', () => {
  let t: TestApp;
  let c: OrganizationsClient;
  let w: World;
  let inviter: Organization;
  let spare: Organization;
  const personaEmail = new Map<Persona, string>();

  beforeAll(async () => {
    t = await organizationsApp();
    c = new OrganizationsClient(t);
    w = await buildWorld(c);
    [inviter, spare] = await Promise.all([
      c.createOrganization(await c.signUp('inviter', { verified: true })),
      c.createOrganization(await c.signUp('spare', { verified: true })),
    ]);
    personaEmail.set('customer', w.customer.email).set('staff', w.orgA.staff.email).set('manager', w.orgA.manager.email);
    personaEmail.set('principal', w.orgA.principal.email).set('principalB', w.orgB.principal.email).set('admin', w.admin.email);
  });
  afterAll(() => t.close());

  const A = () => w.orgA.id;
  const caller = (persona: Persona, header: boolean): Caller => {
    const orgA = header ? A() : undefined;
    switch (persona) {
      case 'anonymous':
        return {};
      case 'customer':
        return { token: w.customer.token };
      case 'staff':
        return { token: w.orgA.staff.token, orgId: orgA };
      case 'manager':
        return { token: w.orgA.manager.token, orgId: orgA };
      case 'principal':
        return { token: w.orgA.principal.token, orgId: orgA };
      case 'principalB':
        return { token: w.orgB.principal.token, orgId: header ? w.orgB.id : undefined };
      case 'admin':
        return { token: w.admin.token };
      case 'key:staff':
        return { apiKey: w.keys.staff };
      case 'key:manager':
        return { apiKey: w.keys.manager };
      case 'key:principal':
        return { apiKey: w.keys.principal };
    }
  };
  const freshMember = async () => (await c.addMember(w.orgA.principal, A(), 'staff', 'matrix')).userId;
  const freshInvitation = async () =>
    (
      await c.expectOk(
        c.request('POST', `/organizations/${A()}/invitations`, { token: w.orgA.principal.token }, { body: { email: uniqueEmail('inv'), role: 'staff' } }),
        201,
      )
    ).id;
  const freshKey = async () => (await c.apiKey(w.orgA.principal, A(), 'staff')).id;
  const invitationFor = async (email: string) => {
    const before = new Date();
    await c.expectOk(
      c.request('POST', `/organizations/${inviter.id}/invitations`, { token: inviter.principal.token }, { body: { email, role: 'staff' } }),
      201,
    );
    return c.invitationToken(email, before);
  };
  const slug = () => `m-${randomBytes(5).toString('hex')}`;
  const future = () => new Date(Date.now() + 86_400_000).toISOString();

  // anon, customer, staff, manager, principal, principalB, admin, key:staff, key:manager, key:principal
  const rows: Row[] = [
    {
      operation: 'POST /organizations',
      header: true,
      call: () => ({ method: 'POST', path: '/organizations', options: { body: { kind: 'repair_shop', name: 'Matrix Shop', slug: slug() } } }),
      // Only verified e-mails create: the customer and the directly created staff have not verified theirs; admins need not.
      expect: [401, 403, 403, 403, 201, 201, 201, 403, 403, 403],
    },
    {
      operation: 'GET /organizations',
      header: true,
      call: () => ({ method: 'GET', path: '/organizations' }),
      expect: [401, 200, 200, 200, 200, 200, 200, 403, 403, 403],
    },
    {
      operation: 'GET /organizations/{orgId}',
      call: () => ({ method: 'GET', path: `/organizations/${A()}` }),
      expect: [401, 404, 200, 200, 200, 404, 404, 200, 200, 200],
    },
    {
      operation: 'PATCH /organizations/{orgId}',
      call: () => ({ method: 'PATCH', path: `/organizations/${A()}`, options: { body: { contact_phone: '+1 555 0199' } } }),
      expect: [401, 404, 403, 403, 200, 404, 404, 403, 403, 403],
    },
    {
      operation: 'GET /organizations/{orgId}/members',
      call: () => ({ method: 'GET', path: `/organizations/${A()}/members` }),
      expect: [401, 404, 403, 200, 200, 404, 404, 403, 200, 200],
    },
    {
      operation: 'PATCH /organizations/{orgId}/members/{userId}',
      call: () => ({ method: 'PATCH', path: `/organizations/${A()}/members/${w.orgA.staff2.userId}`, options: { body: { role: 'staff' } } }),
      expect: [401, 404, 403, 403, 200, 404, 404, 403, 403, 403],
    },
    {
      operation: 'DELETE /organizations/{orgId}/members/{userId}',
      call: async () => ({ method: 'DELETE', path: `/organizations/${A()}/members/${await freshMember()}` }),
      expect: [401, 404, 403, 204, 204, 404, 404, 403, 403, 403],
    },
    {
      operation: 'POST /organizations/{orgId}/invitations',
      call: () => ({ method: 'POST', path: `/organizations/${A()}/invitations`, options: { body: { email: uniqueEmail('matrix'), role: 'staff' } } }),
      expect: [401, 404, 403, 201, 201, 404, 404, 403, 403, 403],
    },
    {
      operation: 'GET /organizations/{orgId}/invitations',
      call: () => ({ method: 'GET', path: `/organizations/${A()}/invitations` }),
      expect: [401, 404, 403, 200, 200, 404, 404, 403, 403, 403],
    },
    {
      operation: 'DELETE /organizations/{orgId}/invitations/{invitationId}',
      call: async () => ({ method: 'DELETE', path: `/organizations/${A()}/invitations/${await freshInvitation()}` }),
      expect: [401, 404, 403, 204, 204, 404, 404, 403, 403, 403],
    },
    {
      operation: 'POST /invitations/accept',
      header: true,
      // Each person accepts an invitation sent to their own address (into another organization).
      call: async (persona) => ({
        method: 'POST',
        path: '/invitations/accept',
        options: { body: { token: await invitationFor(personaEmail.get(persona) ?? uniqueEmail('nobody')) } },
      }),
      expect: [401, 200, 200, 200, 200, 200, 200, 403, 403, 403],
    },
    {
      operation: 'POST /invitations/decline',
      call: async () => ({ method: 'POST', path: '/invitations/decline', options: { body: { token: await invitationFor(uniqueEmail('decline')) } } }),
      expect: [204, 204, 204, 204, 204, 204, 204, 204, 204, 204],
    },
    {
      operation: 'POST /organizations/{orgId}/api-keys',
      call: () => ({ method: 'POST', path: `/organizations/${A()}/api-keys`, options: { body: { name: 'matrix', role: 'staff', expires_at: future() } } }),
      expect: [401, 404, 403, 201, 201, 404, 404, 403, 403, 403],
    },
    {
      operation: 'GET /organizations/{orgId}/api-keys',
      call: () => ({ method: 'GET', path: `/organizations/${A()}/api-keys` }),
      expect: [401, 404, 403, 200, 200, 404, 404, 403, 403, 403],
    },
    {
      operation: 'DELETE /organizations/{orgId}/api-keys/{keyId}',
      call: async () => ({ method: 'DELETE', path: `/organizations/${A()}/api-keys/${await freshKey()}` }),
      expect: [401, 404, 403, 204, 204, 404, 404, 403, 403, 403],
    },
    {
      operation: 'GET /admin/organizations',
      call: () => ({ method: 'GET', path: '/admin/organizations' }),
      expect: [401, 403, 403, 403, 403, 403, 200, 403, 403, 403],
    },
    {
      operation: 'POST /admin/organizations',
      call: () => ({
        method: 'POST',
        path: '/admin/organizations',
        options: { body: { kind: 'dealership', name: 'Matrix Motors', slug: slug(), principal_user_id: w.customer.userId } },
      }),
      expect: [401, 403, 403, 403, 403, 403, 201, 403, 403, 403],
    },
    {
      operation: 'GET /admin/organizations/{orgId}',
      call: () => ({ method: 'GET', path: `/admin/organizations/${A()}` }),
      expect: [401, 403, 403, 403, 403, 403, 200, 403, 403, 403],
    },
    {
      operation: 'GET /admin/organizations/{orgId}/members',
      call: () => ({ method: 'GET', path: `/admin/organizations/${A()}/members` }),
      expect: [401, 403, 403, 403, 403, 403, 200, 403, 403, 403],
    },
    {
      operation: 'PUT /admin/organizations/{orgId}/members/{userId}',
      call: () => ({ method: 'PUT', path: `/admin/organizations/${A()}/members/${w.orgA.staff2.userId}`, options: { body: { role: 'staff' } } }),
      expect: [401, 403, 403, 403, 403, 403, 200, 403, 403, 403],
    },
    {
      operation: 'POST /admin/organizations/{orgId}/suspend',
      call: () => ({ method: 'POST', path: `/admin/organizations/${spare.id}/suspend`, options: { body: {} } }),
      expect: [401, 403, 403, 403, 403, 403, 200, 403, 403, 403],
    },
    {
      operation: 'POST /admin/organizations/{orgId}/reactivate',
      call: () => ({ method: 'POST', path: `/admin/organizations/${spare.id}/reactivate` }),
      expect: [401, 403, 403, 403, 403, 403, 200, 403, 403, 403],
    },
    { operation: 'GET /users', header: true, call: () => ({ method: 'GET', path: '/users' }), expect: [401, 200, 200, 200, 200, 200, 200, 403, 403, 403] },
    {
      operation: 'POST /users',
      header: true,
      call: (persona) => ({
        method: 'POST',
        path: '/users',
        options: {
          body: {
            email: uniqueEmail('made'),
            full_name: 'Made Directly',
            password: PASSWORD,
            date_of_birth: '1990-01-01',
            ...(persona === 'admin' ? {} : { role: 'staff' }),
          },
        },
      }),
      expect: [401, 403, 403, 403, 201, 201, 201, 403, 403, 403],
    },
    {
      operation: 'GET /users/{userId}',
      header: true,
      call: () => ({ method: 'GET', path: `/users/${w.orgA.staff2.userId}` }),
      expect: [401, 404, 404, 200, 200, 404, 200, 403, 403, 403],
    },
    {
      operation: 'PATCH /users/{userId}',
      header: true,
      call: () => ({ method: 'PATCH', path: `/users/${w.orgA.staff2.userId}`, options: { body: { full_name: 'Second Staff' } } }),
      expect: [401, 403, 403, 403, 200, 404, 200, 403, 403, 403],
    },
    {
      operation: 'DELETE /users/{userId}',
      header: true,
      call: async () => ({ method: 'DELETE', path: `/users/${(await c.signUp('doomed')).userId}` }),
      expect: [401, 403, 403, 403, 403, 403, 204, 403, 403, 403],
    },
    {
      operation: 'POST /users/{userId}/deactivate',
      header: true,
      call: async () => ({ method: 'POST', path: `/users/${await freshMember()}/deactivate` }),
      expect: [401, 403, 403, 403, 200, 404, 403, 403, 403, 403],
    },
    {
      operation: 'POST /users/{userId}/reactivate',
      header: true,
      call: () => ({ method: 'POST', path: `/users/${w.orgA.staff2.userId}/reactivate` }),
      expect: [401, 403, 403, 403, 200, 404, 403, 403, 403, 403],
    },
    {
      operation: 'GET /audit-events',
      header: true,
      call: () => ({ method: 'GET', path: '/audit-events' }),
      expect: [401, 403, 403, 403, 200, 200, 200, 403, 403, 200],
    },
  ];

  it('covers every route of the context', () => {
    const contextRoutes = Object.keys(ACCESS_TABLE)
      .map((key) => key.replace(' /api/v1', ' '))
      // Other contexts nest their tenant routes under /organizations/{orgId}/<their resource>: only this context's own resources count.
      .filter((key) =>
        /^[A-Z]+ \/(organizations(\/\{orgId\}(\/(members|invitations|api-keys)(\/.*)?)?)?$|admin\/organizations(\/\{orgId\}(\/(members|suspend|reactivate)(\/.*)?)?)?$|invitations|users|audit-events)/.test(
          key,
        ),
      );
    expect(rows.map((row) => row.operation).sort()).toEqual(contextRoutes.sort());
  });

  it.each(rows.map((row) => [row.operation, row] as const))('%s', async (_operation, row) => {
    const outcomes: string[] = [];
    const mismatches: string[] = [];
    for (const [index, persona] of PERSONAS.entries()) {
      const call = await row.call(persona);
      const res = await c.request(call.method, call.path, caller(persona, row.header ?? false), call.options);
      const code = res.statusCode >= 400 ? ` ${res.json().code}` : '';
      outcomes.push(`${persona}=${res.statusCode}${code}`);
      if (res.statusCode !== row.expect[index]) mismatches.push(`${persona}: expected ${row.expect[index]}, got ${res.statusCode}${code}`);
      if (res.statusCode === 401 && persona === 'anonymous') expect(res.json().code).toBe('AUTH.UNAUTHENTICATED');
      if (res.statusCode === 403 && persona.startsWith('key:') && row.expect.slice(7).every((status) => status === 403)) {
        expect(res.json().code).toBe('AUTH.API_KEY_NOT_ACCEPTED');
      }
    }
    expect(mismatches).toEqual([]);
  });

  describe('across organizations', () => {
    it('objects of A addressed through B’s own routes are 404, and stay as they were', async () => {
      const B = w.orgB.id;
      const asB = { token: w.orgB.principal.token };
      const invitation = await freshInvitation();
      const key = await freshKey();
      const staff = w.orgA.staff.userId;
      expectProblem(
        await c.request('PATCH', `/organizations/${B}/members/${staff}`, asB, { body: { role: 'manager' } }),
        404,
        'ORGANIZATIONS.MEMBER_NOT_FOUND',
      );
      expectProblem(await c.request('DELETE', `/organizations/${B}/members/${staff}`, asB), 404, 'ORGANIZATIONS.MEMBER_NOT_FOUND');
      expectProblem(await c.request('DELETE', `/organizations/${B}/invitations/${invitation}`, asB), 404, 'ORGANIZATIONS.INVITATION_NOT_FOUND');
      expectProblem(await c.request('DELETE', `/organizations/${B}/api-keys/${key}`, asB), 404, 'ORGANIZATIONS.API_KEY_NOT_FOUND');
      expectProblem(await c.request('GET', `/users/${staff}`, { ...asB, orgId: B }), 404, 'USERS.NOT_FOUND');
      expectProblem(await c.request('PATCH', `/users/${staff}`, { ...asB, orgId: B }, { body: { role: 'principal' } }), 404, 'USERS.NOT_FOUND');
      expectProblem(await c.request('POST', `/users/${staff}/deactivate`, { ...asB, orgId: B }), 404, 'USERS.NOT_FOUND');

      const members = await c.expectOk(c.request('GET', `/organizations/${A()}/members`, { token: w.orgA.principal.token }, { query: { limit: '100' } }));
      expect(members.data.find((m: { user_id: string }) => m.user_id === staff)).toEqual(expect.objectContaining({ role: 'staff', status: 'active' }));
      const keys = await c.expectOk(c.request('GET', `/organizations/${A()}/api-keys`, { token: w.orgA.principal.token }, { query: { limit: '100' } }));
      expect(keys.data.find((k: { id: string }) => k.id === key).status).toBe('active');
      const invitations = await c.expectOk(
        c.request('GET', `/organizations/${A()}/invitations`, { token: w.orgA.principal.token }, { query: { limit: '100' } }),
      );
      expect(invitations.data.map((i: { id: string }) => i.id)).toContain(invitation);
    });

    it('org_id, role or status in request bodies never take effect', async () => {
      const B = w.orgB.id;
      const asB = { token: w.orgB.principal.token };
      for (const [method, path, body] of [
        ['PATCH', `/organizations/${B}`, { org_id: A() }],
        ['PATCH', `/organizations/${B}`, { status: 'suspended' }],
        ['POST', `/organizations/${B}/invitations`, { email: uniqueEmail('smuggle'), role: 'staff', org_id: A() }],
        ['POST', `/organizations/${B}/api-keys`, { name: 'smuggle', role: 'staff', expires_at: future(), org_id: A() }],
        ['POST', `/organizations/${B}/api-keys`, { name: 'smuggle', role: 'staff', expires_at: future(), status: 'active', revoked_at: null }],
        ['PATCH', `/organizations/${B}/members/${w.orgB.principal.userId}`, { role: 'principal', status: 'deactivated' }],
        ['POST', '/organizations', { kind: 'repair_shop', name: 'Smuggled', org_id: A(), role: 'principal' }],
      ] as const) {
        expectProblem(await c.request(method, path, asB, { body }), 400, 'HTTP.VALIDATION_FAILED');
      }
      expectProblem(
        await c.request(
          'POST',
          '/users',
          { ...asB, orgId: B },
          {
            body: { email: uniqueEmail('x'), full_name: 'Smuggled User', password: PASSWORD, date_of_birth: '1990-01-01', role: 'staff', organization_id: A() },
          },
        ),
        400,
        'HTTP.VALIDATION_FAILED',
      );
      const [{ status }] = await c.db.query(`SELECT status FROM organizations WHERE id = $1`, [B]);
      expect(status).toBe('active');
      const [{ fromB }] = await c.db.query(`SELECT count(*)::int AS "fromB" FROM memberships WHERE org_id = $1 AND added_by = $2`, [
        A(),
        w.orgB.principal.userId,
      ]);
      expect(fromB).toBe(0);
    });
  });

  describe('revocation takes effect at once', () => {
    it('a removed member’s token and a revoked key stop working on the next request', async () => {
      const member = await c.addMember(w.orgA.principal, A(), 'manager', 'leaving');
      const key = await c.apiKey(w.orgA.principal, A(), 'manager');
      await c.expectOk(c.request('GET', `/organizations/${A()}/members`, { token: member.token }));
      await c.expectOk(c.request('GET', `/organizations/${A()}/members`, { apiKey: key.secret }));
      await c.expectOk(c.request('DELETE', `/organizations/${A()}/members/${member.userId}`, { token: w.orgA.principal.token }), 204);
      await c.expectOk(c.request('DELETE', `/organizations/${A()}/api-keys/${key.id}`, { token: w.orgA.principal.token }), 204);
      expectProblem(await c.request('GET', `/organizations/${A()}/members`, { token: member.token }), 404, 'ORGANIZATIONS.NOT_FOUND');
      expectProblem(await c.request('GET', '/users', { token: member.token, orgId: A() }), 403, 'ORGANIZATIONS.NOT_A_MEMBER');
      expectProblem(await c.request('GET', `/organizations/${A()}/members`, { apiKey: key.secret }), 401, 'ORGANIZATIONS.API_KEY_REVOKED');
    });
  });
});
