import { ORG_STAFF } from '../../../src/modules/organizations';
import { expectProblem } from '../../support/problem';
import { waitFor } from '../../support/processes';
import type { TestApp } from '../../support/test-app';
import { CommunityClient, communityApp } from '../community/community-test-kit';
import { MarketplaceClient, vehicleBody } from '../marketplace/marketplace-test-kit';
import type { Actor, Body, Caller, StaffedOrganization } from '../organizations/organizations-test-kit';

type Org = StaffedOrganization & { keyStaff: string };

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The backfill (POST /admin/organizations/{orgId}/analytics/backfill):
 * recomputes an organization's roll-ups from the owning contexts' facades,
 * as if the handlers had always run; idempotent, audited, platform admins only.
 * (Orders and refunds are recomputed from commerce in test/e2e/commerce/refunds.e2e-spec.ts.)
 */
describe('analytics: backfill', () => {
  let t: TestApp;
  let c: MarketplaceClient;
  let events: CommunityClient;
  let a: Org;
  let b: Org;
  let admin: Actor;

  const range = () => ({ from: today(), to: today() });
  const report = async (caller: Caller, orgId: string) =>
    c.expectOk(c.request('GET', `/organizations/${orgId}/analytics`, caller, { query: range(), headers: { 'cache-control': 'no-cache' } }));
  const backfill = (caller: Caller, orgId: string) => c.request('POST', `/admin/organizations/${orgId}/analytics/backfill`, caller);
  const staffStep = (to: string) =>
    events.publish(
      'bookings.booking.status-changed',
      { bookingId: crypto.randomUUID(), orgId: a.id, customerUserId: null, from: 'confirmed', to, reason: to === 'cancelled' ? 'no show' : null },
      { userId: a.staff.userId, orgId: a.id, roles: [ORG_STAFF] },
      a.id,
    );
  /** What the members of `a` see: the principal's report and each member's own. */
  const views = async () => ({
    principal: await report({ token: a.principal.token }, a.id),
    manager: await report({ token: a.manager.token }, a.id),
    staff: await report({ token: a.staff.token }, a.id),
  });
  const figures = (v: Awaited<ReturnType<typeof views>>) => ({
    principal: { totals: v.principal.totals, days: v.principal.days, training_by_user: v.principal.training_by_user },
    manager: v.manager.totals,
    staff: v.staff.totals,
  });

  beforeAll(async () => {
    t = await communityApp();
    c = new MarketplaceClient(t);
    events = new CommunityClient(t);
    [a, b, admin] = await Promise.all([c.organizationOfKind('dealership', 'bf-a'), c.organizationOfKind('dealership', 'bf-b'), c.admin()]);

    const clean = await c.createListing(c.as(a.staff), a.id, vehicleBody());
    expect((await c.expectOk(c.request('POST', `/organizations/${a.id}/listings/${clean.id}/submit`, c.as(a.staff)))).status).toBe('published');
    const suspicious = await c.createListing(c.as(a.manager), a.id, vehicleBody({ description: 'Cat delete pipe, see www.example.com' }));
    expect((await c.expectOk(c.request('POST', `/organizations/${a.id}/listings/${suspicious.id}/submit`, c.as(a.manager)))).status).toBe('needs_human');
    await c.createListing(c.as(b.staff), b.id, vehicleBody());

    await c.expectOk(c.request('POST', `/organizations/${a.id}/training/scenarios/starter-set`, { token: a.manager.token }));
    const scenarios = await c.expectOk(c.request('GET', `/organizations/${a.id}/training/scenarios`, { token: a.manager.token }));
    const session = await c.expectOk(
      c.request('POST', `/organizations/${a.id}/training/sessions`, { token: a.manager.token }, { body: { scenario_id: scenarios.data[0].id } }),
      201,
    );
    await c.request(
      'POST',
      `/organizations/${a.id}/training/sessions/${session.id}/messages`,
      { token: a.manager.token },
      { body: { text: 'How long will you keep the car? The warranty is optional and you can cancel it any time.' } },
    );
    await c.expectOk(c.request('POST', `/organizations/${a.id}/training/sessions/${session.id}/finish`, { token: a.manager.token }));
    // Known only from events: the staff member confirmed a booking in the staff portal.
    await staffStep('confirmed');

    await waitFor(
      async () => {
        const totals = (await report({ token: a.principal.token }, a.id)).totals as Body;
        return totals.listings_created === 2 && totals.listings_needs_human === 1 && totals.training_sessions === 1 && totals.bookings_handled === 1
          ? true
          : undefined;
      },
      20_000,
      'the events rolled up',
    );
  });
  afterAll(() => t?.close());

  describe('successful', () => {
    it('recomputes what the handlers would have counted, keeps what only events know, and does it again to the same result', async () => {
      const before = figures(await views());
      const otherBefore = (await report({ token: b.principal.token }, b.id)).totals;
      // As before the handlers were deployed: none of the recomputable roll-ups exist.
      await c.db.query(`DELETE FROM analytics_daily WHERE org_id = $1 AND metric NOT IN ('bookings.handled', 'orders.handled')`, [a.id]);
      expect((await report({ token: a.principal.token }, a.id)).totals).toMatchObject({ listings_created: 0, training_sessions: 0, bookings_handled: 1 });

      const first = await c.expectOk(backfill({ token: admin.token }, a.id));
      expect(first).toEqual({ org_id: a.id, backfilled_until: expect.any(String), counters: expect.any(Number), first_day: today(), last_day: today() });
      expect(first.counters).toBeGreaterThanOrEqual(4);
      expect(figures(await views())).toEqual(before);

      const second = await c.expectOk(backfill({ token: admin.token }, a.id));
      expect(second.counters).toBe(first.counters);
      expect(Date.parse(second.backfilled_until)).toBeGreaterThanOrEqual(Date.parse(first.backfilled_until));
      expect(figures(await views())).toEqual(before);
      // The admin's view is the principal's; the other tenant is untouched.
      const adminView = await c.expectOk(
        c.request('GET', `/admin/organizations/${a.id}/analytics`, { token: admin.token }, { query: range(), headers: { 'cache-control': 'no-cache' } }),
      );
      expect(adminView.totals).toEqual(before.principal.totals);
      expect((await report({ token: b.principal.token }, b.id)).totals).toEqual(otherBefore);
    });

    it('is audited as analytics.backfilled with the admin as actor', async () => {
      await c.expectOk(backfill({ token: admin.token }, a.id));
      const audit = await c.expectOk(
        c.request('GET', '/admin/audit-events', { token: admin.token }, { query: { organization_id: a.id, action: 'analytics', limit: '100' } }),
      );
      const entries = (audit.data as Body[]).filter((e) => e.action === 'analytics.backfilled');
      expect(entries.length).toBeGreaterThanOrEqual(1);
      expect(entries[0]).toMatchObject({ actor_user_id: admin.userId, target_id: a.id });
    });

    it('after a backfill, new events count once; an event older than the backfill adds only what the backfill cannot know', async () => {
      const before = (await report({ token: a.principal.token }, a.id)).totals as Body;
      await c.expectOk(backfill({ token: admin.token }, a.id));
      await c.createListing(c.as(a.staff), a.id, vehicleBody());
      await waitFor(
        async () => ((await report({ token: a.principal.token }, a.id)).totals.listings_created === before.listings_created + 1 ? true : undefined),
        20_000,
        'the new listing counted',
      );

      // An event that occurred before the backfill (delivered late): the completion is in the recomputed figures already, the staff step is not.
      await c.db.query(`UPDATE analytics_backfills SET backfilled_until = now() + interval '1 hour' WHERE org_id = $1`, [a.id]);
      try {
        await staffStep('completed');
        const late = await waitFor(
          async () => {
            const totals = (await report({ token: a.principal.token }, a.id)).totals as Body;
            return totals.bookings_handled === before.bookings_handled + 1 ? totals : undefined;
          },
          20_000,
          'the staff step counted',
        );
        expect(late.bookings_completed).toBe(before.bookings_completed);
        expect(late.listings_created).toBe(before.listings_created + 1);
      } finally {
        await c.db.query(`UPDATE analytics_backfills SET backfilled_until = now() WHERE org_id = $1`, [a.id]);
      }
    });
  });

  describe('failing', () => {
    it('members of the organization (every role), members of another, customers and API keys cannot backfill', async () => {
      for (const actor of [a.principal, a.manager, a.staff, b.principal]) expectProblem(await backfill({ token: actor.token }, a.id), 403);
      expectProblem(await backfill({ token: a.principal.token, orgId: a.id }, a.id), 403);
      expectProblem(await backfill({}, a.id), 401);
      const key = await backfill({ apiKey: a.keyStaff }, a.id);
      expect([401, 403]).toContain(key.statusCode);
    });

    it('an unknown organization is a 404; a malformed id a 400', async () => {
      expectProblem(await backfill({ token: admin.token }, crypto.randomUUID()), 404, 'ANALYTICS.NOT_FOUND');
      expectProblem(await backfill({ token: admin.token }, 'not-a-uuid'), 400);
    });
  });
});
