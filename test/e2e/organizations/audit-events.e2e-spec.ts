import { IdentityEventsHandler } from '../../../src/modules/organizations/infrastructure/events/identity-events.handler';
import { EventRelay, IntegrationEvent } from '../../../src/platform/events';
import { expectProblem } from '../../support/problem';
import { waitFor } from '../../support/processes';
import type { TestApp } from '../../support/test-app';
import { Actor, OrganizationsClient, StaffedOrganization, organizationsApp } from './organizations-test-kit';

type Event = {
  action: string;
  organization_id: string | null;
  actor_user_id: string | null;
  ip: string | null;
  source: string;
  metadata: Record<string, unknown>;
};

describe('organizations: audit log', () => {
  let t: TestApp;
  let c: OrganizationsClient;
  let org: StaffedOrganization;
  let other: StaffedOrganization;
  let admin: Actor;

  beforeAll(async () => {
    t = await organizationsApp();
    c = new OrganizationsClient(t);
    [org, other, admin] = await Promise.all([c.staffedOrganization('audited'), c.staffedOrganization('neighbour'), c.admin()]);
    await c.expectOk(c.request('PATCH', `/organizations/${org.id}/members/${org.staff.userId}`, { token: org.principal.token }, { body: { role: 'manager' } }));
    await c.logIn(org.staff2); // a security event of a member
    // It reaches the log through the event path (identity.security-event.recorded, handled in a worker), not through a read.
    await waitFor(() => copied(org.staff2.userId, 'identity.login_succeeded'), 15_000, 'the sign-in in the audit log');
  });
  afterAll(() => t.close());

  const copied = async (userId: string, action: string): Promise<number> => {
    const [{ count }] = await c.db.query(`SELECT count(*)::int AS count FROM audit_events WHERE actor_user_id = $1 AND action = $2 AND source = 'identity'`, [
      userId,
      action,
    ]);
    return count;
  };

  const read = async (caller: { token?: string; apiKey?: string; orgId?: string }, query: Record<string, string> = {}) =>
    (await c.expectOk(c.request('GET', '/audit-events', caller, { query: { limit: '100', ...query } }))) as { data: Event[]; meta: { total: number } };

  describe('successful', () => {
    it('a principal reads the organization’s acts and its members’ security events (without IP or details), newest first', async () => {
      const page = await read({ token: org.principal.token, orgId: org.id });
      const actions = page.data.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['organization.created', 'user.created', 'member.role_changed', 'identity.login_succeeded']));
      expect(page.data.filter((e) => e.source === 'organizations').every((e) => e.organization_id === org.id)).toBe(true);
      const login = page.data.find((e) => e.action === 'identity.login_succeeded' && e.actor_user_id === org.staff2.userId)!;
      expect(login).toEqual(expect.objectContaining({ source: 'identity', ip: null, metadata: {} }));
      // Nothing of the neighbour organization, nor of its members.
      const neighbours = [other.principal, other.manager, other.staff, other.staff2].map((a) => a.userId);
      expect(page.data.some((e) => e.organization_id === other.id || neighbours.includes(e.actor_user_id ?? ''))).toBe(false);
      const times = page.data.map((e) => (e as unknown as { occurred_at: string }).occurred_at);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('filters by action (or its family), actor and time, and pages', async () => {
      const roleChanges = await read({ token: org.principal.token, orgId: org.id }, { action: 'member.role_changed' });
      expect(roleChanges.data.map((e) => e.action)).toEqual(['member.role_changed']);
      const memberFamily = await read({ token: org.principal.token, orgId: org.id }, { action: 'member' });
      expect(memberFamily.data.every((e) => e.action.startsWith('member.'))).toBe(true);
      const byPrincipal = await read({ token: org.principal.token, orgId: org.id }, { actor: org.principal.userId });
      expect(byPrincipal.data.length).toBeGreaterThan(0);
      expect(byPrincipal.data.every((e) => e.actor_user_id === org.principal.userId)).toBe(true);
      const future = await read({ token: org.principal.token, orgId: org.id }, { from: new Date(Date.now() + 60_000).toISOString() });
      expect(future.meta.total).toBe(0);
      const past = await read({ token: org.principal.token, orgId: org.id }, { to: '2000-01-01T00:00:00Z' });
      expect(past.meta.total).toBe(0);
      const firstPage = await c.expectOk(c.request('GET', '/audit-events', { token: org.principal.token, orgId: org.id }, { query: { limit: '2' } }));
      expect(firstPage.data).toHaveLength(2);
      expect(firstPage.meta.total).toBeGreaterThan(2);
    });

    it('a platform admin reads everything, identity events with their IP included', async () => {
      const page = await read({ token: admin.token }, { action: 'identity.login_succeeded', actor: org.staff2.userId });
      expect(page.data.length).toBeGreaterThan(0);
      expect(page.data[0].ip).not.toBeNull();
      const scoped = await read({ token: admin.token }, { organization_id: other.id });
      expect(scoped.data.length).toBeGreaterThan(0);
      expect(scoped.data.every((e) => e.organization_id === other.id)).toBe(true);
    });

    it('a principal API key reads the organization’s log; the organization_id filter never widens a principal’s view', async () => {
      const key = await c.apiKey(org.principal, org.id, 'principal');
      const page = await read({ apiKey: key.secret });
      expect(page.data.map((e) => e.action)).toContain('api_key.created');
      const widened = await read({ token: org.principal.token, orgId: org.id }, { organization_id: other.id });
      expect(widened.data.some((e) => e.organization_id === other.id)).toBe(false);
    });

    it('every act records the request id and the caller’s IP', async () => {
      const res = await c.request('PATCH', `/organizations/${org.id}`, { token: org.principal.token }, { body: { name: 'Audited Shop' } });
      const requestId = res.headers['x-request-id'];
      const [row] = await c.db.query(`SELECT action, request_id, ip, actor_user_id FROM audit_events WHERE request_id = $1`, [requestId]);
      expect(row).toEqual({ action: 'organization.updated', request_id: requestId, ip: expect.any(String), actor_user_id: org.principal.userId });
    });
  });

  describe('identity events through the event path', () => {
    it('each security event is copied once, by its id, without anyone reading the log; a read writes nothing', async () => {
      const member = await c.addMember(org.principal, org.id, 'staff', 'event-path');
      await c.logIn(member);
      const [{ logins }] = await c.db.query(`SELECT count(*)::int AS logins FROM security_events WHERE user_id = $1 AND type = 'login_succeeded'`, [
        member.userId,
      ]);
      expect(logins).toBeGreaterThan(0);
      await waitFor(async () => (await copied(member.userId, 'identity.login_succeeded')) === logins, 15_000, 'the sign-ins in the audit log');
      const [event] = await c.db.query(
        `SELECT id, type, version, org_id, occurred_at, ctx, payload FROM integration_events
          WHERE type = 'identity.security-event.recorded' AND payload->>'userId' = $1 AND payload->>'type' = 'login_succeeded' ORDER BY occurred_at DESC LIMIT 1`,
        [member.userId],
      );
      // Relayed again as if the relay had died before marking it: the handler skips it, and a handler run again adds nothing.
      await c.db.query(`UPDATE integration_events SET dispatched_at = NULL WHERE id = $1`, [event.id]);
      await t.app.get(EventRelay).flush();
      const handler = t.app.get(IdentityEventsHandler);
      const again: IntegrationEvent<never> = { ...event, orgId: null, occurredAt: new Date(event.occurred_at).toISOString() };
      await handler.securityEventRecorded(again);
      const total = async () => Number((await c.db.query(`SELECT count(*)::int AS count FROM audit_events`))[0].count);
      const before = await total();
      await read({ token: admin.token });
      await read({ token: org.principal.token, orgId: org.id });
      expect(await total()).toBe(before);
      expect(await copied(member.userId, 'identity.login_succeeded')).toBe(logins);
      const [row] = await c.db.query(
        `SELECT a.occurred_at = s.created_at AS same_time, a.ip IS NOT DISTINCT FROM s.ip AS same_ip FROM audit_events a JOIN security_events s ON s.id = a.source_event_id
          WHERE s.id = $1`,
        [event.payload.securityEventId],
      );
      expect(row).toEqual({ same_time: true, same_ip: true });
    });
  });

  describe('failing', () => {
    it('managers, staff and customers do not read the log', async () => {
      expectProblem(await c.request('GET', '/audit-events', { token: org.manager.token, orgId: org.id }), 403, 'AUTH.FORBIDDEN');
      expectProblem(await c.request('GET', '/audit-events', { token: org.staff2.token, orgId: org.id }), 403, 'AUTH.FORBIDDEN');
      expectProblem(await c.request('GET', '/audit-events', { token: org.principal.token }), 403, 'AUTH.FORBIDDEN');
    });

    it('the log is append-only: the database refuses to change or delete a row', async () => {
      await expect(c.db.query(`UPDATE audit_events SET action = 'forged' WHERE org_id = $1`, [org.id])).rejects.toThrow(/append-only/);
      await expect(c.db.query(`DELETE FROM audit_events WHERE org_id = $1`, [org.id])).rejects.toThrow(/append-only/);
    });

    it('bad filters are 400', async () => {
      for (const query of [{ actor: 'nobody' }, { from: 'yesterday' }, { action: 'DROP TABLE' }, { limit: '1000' }] as Array<Record<string, string>>) {
        expectProblem(await c.request('GET', '/audit-events', { token: admin.token }, { query }), 400);
      }
    });
  });
});
