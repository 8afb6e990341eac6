import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { Actor, OrganizationsClient, organizationsApp } from './organizations-test-kit';

describe('organizations: tenants', () => {
  let t: TestApp;
  let c: OrganizationsClient;
  let owner: Actor;
  let admin: Actor;

  beforeAll(async () => {
    t = await organizationsApp();
    c = new OrganizationsClient(t);
    [owner, admin] = await Promise.all([c.signUp('owner', { verified: true }), c.admin()]);
  });
  afterAll(() => t.close());

  describe('successful', () => {
    it('a verified user opens a repair shop, becomes its principal and finds it in their list', async () => {
      const res = await c.request(
        'POST',
        '/organizations',
        { token: owner.token },
        {
          body: {
            kind: 'repair_shop',
            name: 'Ténéré Moto Works',
            contact_email: 'shop@example.com',
            contact_phone: '+1 555 0100',
            website: 'https://tenere.example',
          },
        },
      );
      expect(res.statusCode).toBe(201);
      const created = res.json();
      expect(created).toEqual(
        expect.objectContaining({
          kind: 'repair_shop',
          name: 'Ténéré Moto Works',
          slug: 'tenere-moto-works',
          status: 'active',
          my_role: 'principal',
          contact_email: 'shop@example.com',
        }),
      );
      const mine = await c.expectOk(c.request('GET', '/organizations', { token: owner.token }));
      expect(mine.data.map((o: { id: string }) => o.id)).toContain(created.id);
      expect(mine.data.find((o: { id: string }) => o.id === created.id).my_role).toBe('principal');
      expect(await c.auditActions(created.id)).toEqual(['organization.created']);
    });

    it('a member reads the organization; the principal edits its name, slug and contact details', async () => {
      const org = await c.createOrganization(owner, 'creator_studio');
      const got = await c.expectOk(c.request('GET', `/organizations/${org.id}`, { token: owner.token }));
      expect(got.kind).toBe('creator_studio');
      const updated = await c.expectOk(
        c.request('PATCH', `/organizations/${org.id}`, { token: owner.token }, { body: { name: 'Apex Studio', slug: `${org.slug}-x`, contact_phone: null } }),
      );
      expect(updated).toEqual(expect.objectContaining({ name: 'Apex Studio', slug: `${org.slug}-x`, contact_phone: null }));
      expect(await c.auditActions(org.id)).toEqual(['organization.created', 'organization.updated']);
    });

    it('a platform admin opens a dealership for a named principal through the admin route, and lists every organization', async () => {
      const principal = await c.signUp('dealer');
      const res = await c.request(
        'POST',
        '/admin/organizations',
        { token: admin.token },
        {
          body: { kind: 'dealership', name: 'Premium Auto', principal_user_id: principal.userId },
        },
      );
      expect(res.statusCode).toBe(201);
      const dealership = res.json();
      expect(dealership).toEqual(expect.objectContaining({ kind: 'dealership', my_role: null }));
      const mine = await c.expectOk(c.request('GET', '/organizations', { token: principal.token }));
      expect(mine.data).toEqual([expect.objectContaining({ id: dealership.id, my_role: 'principal' })]);
      const all = await c.expectOk(c.request('GET', '/admin/organizations', { token: admin.token }, { query: { kind: 'dealership', limit: '100' } }));
      expect(all.data.map((o: { id: string }) => o.id)).toContain(dealership.id);
      const [event] = await c.db.query(`SELECT actor_user_id, metadata FROM audit_events WHERE org_id = $1`, [dealership.id]);
      expect(event).toEqual({
        actor_user_id: admin.userId,
        metadata: expect.objectContaining({ as_platform_admin: true, principal_user_id: principal.userId }),
      });
    });

    it('suspension by an admin cuts the members off at once; reactivation restores them; both are audited', async () => {
      const org = await c.createOrganization(owner);
      const suspended = await c.expectOk(
        c.request('POST', `/admin/organizations/${org.id}/suspend`, { token: admin.token }, { body: { reason: 'Unpaid invoices' } }),
      );
      expect(suspended).toEqual(expect.objectContaining({ status: 'suspended', suspension_reason: 'Unpaid invoices' }));
      expectProblem(await c.request('GET', `/organizations/${org.id}`, { token: owner.token }), 403, 'ORGANIZATIONS.SUSPENDED');
      expectProblem(await c.request('GET', '/users', { token: owner.token, orgId: org.id }), 403, 'ORGANIZATIONS.SUSPENDED');
      const mine = await c.expectOk(c.request('GET', '/organizations', { token: owner.token }, { query: { limit: '100' } }));
      expect(mine.data.find((o: { id: string }) => o.id === org.id).status).toBe('suspended');
      await c.expectOk(c.request('POST', `/admin/organizations/${org.id}/reactivate`, { token: admin.token }));
      await c.expectOk(c.request('GET', `/organizations/${org.id}`, { token: owner.token }));
      expect(await c.auditActions(org.id)).toEqual(['organization.created', 'organization.suspended', 'organization.reactivated']);
    });
  });

  describe('failing', () => {
    it('an unverified user cannot open an organization', async () => {
      const unverified = await c.signUp('unverified');
      expectProblem(
        await c.request('POST', '/organizations', { token: unverified.token }, { body: { kind: 'repair_shop', name: 'Nope' } }),
        403,
        'ORGANIZATIONS.EMAIL_NOT_VERIFIED',
      );
    });

    it('only a platform admin opens a dealership', async () => {
      expectProblem(
        await c.request('POST', '/organizations', { token: owner.token }, { body: { kind: 'dealership', name: 'Sneaky Motors' } }),
        403,
        'ORGANIZATIONS.KIND_REQUIRES_ADMIN',
      );
    });

    it('a slug is unique', async () => {
      const org = await c.createOrganization(owner);
      expectProblem(
        await c.request('POST', '/organizations', { token: owner.token }, { body: { kind: 'repair_shop', name: 'Copy', slug: org.slug } }),
        409,
        'ORGANIZATIONS.SLUG_TAKEN',
      );
    });

    it.each([
      ['status', { status: 'suspended' }],
      ['kind', { kind: 'dealership' }],
      ['org_id', { org_id: '00000000-0000-4000-8000-000000000000' }],
      ['id', { id: '00000000-0000-4000-8000-000000000000' }],
    ])('%s in an update body is refused and changes nothing', async (_field, body) => {
      const org = await c.createOrganization(owner);
      expectProblem(await c.request('PATCH', `/organizations/${org.id}`, { token: owner.token }, { body }), 400, 'HTTP.VALIDATION_FAILED');
      const got = await c.expectOk(c.request('GET', `/organizations/${org.id}`, { token: owner.token }));
      expect(got).toEqual(expect.objectContaining({ id: org.id, kind: 'repair_shop', status: 'active' }));
    });

    it('status or org_id in a create body is refused', async () => {
      for (const extra of [{ status: 'suspended' }, { org_id: '00000000-0000-4000-8000-000000000000' }, { principal_user_id: admin.userId }]) {
        expectProblem(await c.request('POST', '/organizations', { token: owner.token }, { body: { kind: 'repair_shop', name: 'Extra', ...extra } }), 400);
      }
    });

    it('a malformed X-Organization-Id is a 400; one naming a foreign organization a 403', async () => {
      const other = await c.createOrganization(await c.signUp('other', { verified: true }));
      expectProblem(await c.request('GET', '/users', { token: owner.token, orgId: 'not-a-uuid' }), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await c.request('GET', '/users', { token: owner.token, orgId: other.id }), 403, 'ORGANIZATIONS.NOT_A_MEMBER');
      expectProblem(await c.request('GET', '/users', { token: owner.token, orgId: '7d6f0a55-0c39-4d4c-9b1f-3a1c3f6f0f00' }), 403, 'ORGANIZATIONS.NOT_A_MEMBER');
    });

    it('a header naming another organization than the path is a 400', async () => {
      const [one, two] = await Promise.all([c.createOrganization(owner), c.createOrganization(owner)]);
      expectProblem(await c.request('GET', `/organizations/${one.id}`, { token: owner.token, orgId: two.id }), 400, 'TENANCY.ORGANIZATION_MISMATCH');
    });
  });
});
