import { createHash } from 'node:crypto';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { uniqueEmail } from '../identity/identity-test-kit';
import { OrganizationsClient, StaffedOrganization, organizationsApp } from './organizations-test-kit';

describe('organizations: invitations', () => {
  let t: TestApp;
  let c: OrganizationsClient;
  let org: StaffedOrganization;

  beforeAll(async () => {
    t = await organizationsApp();
    c = new OrganizationsClient(t);
    org = await c.staffedOrganization();
  });
  afterAll(() => t.close());

  const invite = async (email: string, role = 'staff', token = org.principal.token) => {
    const before = new Date();
    const invitation = await c.expectOk(c.request('POST', `/organizations/${org.id}/invitations`, { token }, { body: { email, role } }), 201);
    return { invitation, token: await c.invitationToken(email, before) };
  };

  describe('successful', () => {
    it('an invited person signs up with the address and accepts: they join with the role, once', async () => {
      const email = uniqueEmail('invitee');
      const { invitation, token } = await invite(email, 'manager');
      expect(invitation).toEqual(
        expect.objectContaining({ email, role: 'manager', status: 'pending', organization_id: org.id, invited_by: org.principal.userId }),
      );
      const pending = await c.expectOk(c.request('GET', `/organizations/${org.id}/invitations`, { token: org.manager.token }));
      expect(pending.data.map((i: { id: string }) => i.id)).toContain(invitation.id);

      const invitee = await c.identity.signUp({ email, full_name: 'Invited Person' });
      const joined = await c.expectOk(c.request('POST', '/invitations/accept', { token: invitee.accessToken }, { body: { token } }));
      expect(joined).toEqual(expect.objectContaining({ id: org.id, my_role: 'manager' }));
      await c.expectOk(c.request('GET', `/organizations/${org.id}/members`, { token: invitee.accessToken }));

      expectProblem(
        await c.request('POST', '/invitations/accept', { token: invitee.accessToken }, { body: { token } }),
        422,
        'ORGANIZATIONS.INVITATION_INVALID',
      );
      const after = await c.expectOk(c.request('GET', `/organizations/${org.id}/invitations`, { token: org.manager.token }));
      expect(after.data.map((i: { id: string }) => i.id)).not.toContain(invitation.id);
      expect(await c.auditActions(org.id)).toEqual(expect.arrayContaining(['invitation.created', 'invitation.accepted', 'member.added']));
    });

    it('the token is stored hashed: the database never holds it', async () => {
      const email = uniqueEmail('hashed');
      const { invitation, token } = await invite(email);
      const [row] = await c.db.query(`SELECT token_hash FROM invitations WHERE id = $1`, [invitation.id]);
      expect(Buffer.compare(row.token_hash, createHash('sha256').update(token).digest())).toBe(0);
      const [{ n }] = await c.db.query(`SELECT count(*)::int AS n FROM invitations WHERE position($1::bytea IN token_hash) > 0`, [Buffer.from(token)]);
      expect(n).toBe(0);
    });

    it('declining needs only the token; the invitation is then closed', async () => {
      const email = uniqueEmail('decliner');
      const { token } = await invite(email);
      await c.expectOk(c.request('POST', '/invitations/decline', undefined, { body: { token } }), 204);
      const invitee = await c.identity.signUp({ email, full_name: 'Not Interested' });
      expectProblem(
        await c.request('POST', '/invitations/accept', { token: invitee.accessToken }, { body: { token } }),
        422,
        'ORGANIZATIONS.INVITATION_INVALID',
      );
    });

    it('a manager invites staff; inviting the same address again replaces the open invitation', async () => {
      const email = uniqueEmail('twice');
      const first = await invite(email, 'staff', org.manager.token);
      const second = await invite(email, 'staff', org.manager.token);
      const invitee = await c.identity.signUp({ email, full_name: 'Twice Invited' });
      expectProblem(
        await c.request('POST', '/invitations/accept', { token: invitee.accessToken }, { body: { token: first.token } }),
        422,
        'ORGANIZATIONS.INVITATION_INVALID',
      );
      await c.expectOk(c.request('POST', '/invitations/accept', { token: invitee.accessToken }, { body: { token: second.token } }));
    });
  });

  describe('failing', () => {
    it('an expired invitation cannot be accepted', async () => {
      const email = uniqueEmail('late');
      const { invitation, token } = await invite(email);
      await c.db.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [invitation.id]);
      const invitee = await c.identity.signUp({ email, full_name: 'Late Comer' });
      expectProblem(
        await c.request('POST', '/invitations/accept', { token: invitee.accessToken }, { body: { token } }),
        422,
        'ORGANIZATIONS.INVITATION_EXPIRED',
      );
      expectProblem(await c.request('GET', `/organizations/${org.id}`, { token: invitee.accessToken }), 404);
    });

    it('a withdrawn invitation cannot be accepted', async () => {
      const email = uniqueEmail('withdrawn');
      const { invitation, token } = await invite(email);
      await c.expectOk(c.request('DELETE', `/organizations/${org.id}/invitations/${invitation.id}`, { token: org.principal.token }), 204);
      const invitee = await c.identity.signUp({ email, full_name: 'Withdrawn Invitee' });
      expectProblem(
        await c.request('POST', '/invitations/accept', { token: invitee.accessToken }, { body: { token } }),
        422,
        'ORGANIZATIONS.INVITATION_INVALID',
      );
      expectProblem(
        await c.request('DELETE', `/organizations/${org.id}/invitations/${invitation.id}`, { token: org.principal.token }),
        404,
        'ORGANIZATIONS.INVITATION_NOT_FOUND',
      );
    });

    it('only the invited address may accept', async () => {
      const { token } = await invite(uniqueEmail('intended'));
      const someoneElse = await c.signUp('someone-else');
      expectProblem(
        await c.request('POST', '/invitations/accept', { token: someoneElse.token }, { body: { token } }),
        403,
        'ORGANIZATIONS.INVITATION_EMAIL_MISMATCH',
      );
    });

    it('the same token used twice at the same moment joins once', async () => {
      const email = uniqueEmail('racer');
      const { token } = await invite(email);
      const invitee = await c.identity.signUp({ email, full_name: 'Race Runner' });
      const results = await Promise.all([1, 2, 3].map(() => c.request('POST', '/invitations/accept', { token: invitee.accessToken }, { body: { token } })));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 422, 422]);
    });

    it('managers invite staff only; staff invite nobody', async () => {
      expectProblem(
        await c.request('POST', `/organizations/${org.id}/invitations`, { token: org.manager.token }, { body: { email: uniqueEmail('x'), role: 'manager' } }),
        403,
        'ORGANIZATIONS.FORBIDDEN',
      );
      expectProblem(
        await c.request('POST', `/organizations/${org.id}/invitations`, { token: org.staff.token }, { body: { email: uniqueEmail('x'), role: 'staff' } }),
        403,
        'AUTH.FORBIDDEN',
      );
    });

    it('a member cannot be invited again', async () => {
      expectProblem(
        await c.request('POST', `/organizations/${org.id}/invitations`, { token: org.principal.token }, { body: { email: org.staff.email, role: 'manager' } }),
        409,
        'ORGANIZATIONS.ALREADY_MEMBER',
      );
    });

    it('an unknown or malformed token is refused', async () => {
      const someone = await c.signUp('guesser');
      expectProblem(
        await c.request('POST', '/invitations/accept', { token: someone.token }, { body: { token: 'A'.repeat(43) } }),
        422,
        'ORGANIZATIONS.INVITATION_INVALID',
      );
      expectProblem(await c.request('POST', '/invitations/decline', undefined, { body: { token: 'bad token!' } }), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await c.request('POST', '/invitations/accept', undefined, { body: { token: 'A'.repeat(43) } }), 401);
    });
  });
});
