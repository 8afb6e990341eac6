import { ORG_STAFF } from '../../../src/modules/organizations';
import { expectProblem } from '../../support/problem';
import { waitFor } from '../../support/processes';
import type { TestApp } from '../../support/test-app';
import { CommunityClient, communityApp } from '../community/community-test-kit';
import { MarketplaceClient, vehicleBody } from '../marketplace/marketplace-test-kit';
import type { Actor, Body, Caller, StaffedOrganization } from '../organizations/organizations-test-kit';

type Org = StaffedOrganization & { keyStaff: string };

const today = () => new Date().toISOString().slice(0, 10);
const daysFrom = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Organization analytics over HTTP: figures rolled up from the real events of
 * marketplace (listings, review outcomes) and ai (training), from commerce and
 * bookings events published the way those contexts publish them, and views
 * read through the marketplace's facade. Two tenants, every role.
 */
describe('analytics: GET /organizations/{orgId}/analytics', () => {
  let t: TestApp;
  let c: MarketplaceClient;
  let events: CommunityClient;
  let a: Org;
  let b: Org;
  let admin: Actor;
  let customer: Actor;
  let trainingScore: number;
  let from: string;
  let to: string;

  const analytics = (caller: Caller, orgId: string, range: Record<string, string> = { from, to }, fresh = true) =>
    c.request('GET', `/organizations/${orgId}/analytics`, caller, { query: range, headers: fresh ? { 'cache-control': 'no-cache' } : {} });
  const adminAnalytics = (caller: Caller, orgId: string, range: Record<string, string> = { from, to }) =>
    c.request('GET', `/admin/organizations/${orgId}/analytics`, caller, { query: range, headers: { 'cache-control': 'no-cache' } });

  beforeAll(async () => {
    t = await communityApp();
    c = new MarketplaceClient(t);
    events = new CommunityClient(t);
    [a, b, admin, customer] = await Promise.all([
      c.organizationOfKind('dealership', 'an-a'),
      c.organizationOfKind('dealership', 'an-b'),
      c.admin(),
      c.signUp('an-customer'),
    ]);
    from = daysFrom(today(), -6);
    to = daysFrom(today(), 1);

    // Listings: the staff member makes one that is approved and published, one that goes to a human; the manager drafts one.
    const clean = await c.createListing(c.as(a.staff), a.id, vehicleBody());
    expect((await c.expectOk(c.request('POST', `/organizations/${a.id}/listings/${clean.id}/submit`, c.as(a.staff)))).status).toBe('published');
    const suspicious = await c.createListing(c.as(a.staff), a.id, vehicleBody({ description: 'Cat delete pipe, see www.example.com' }));
    expect((await c.expectOk(c.request('POST', `/organizations/${a.id}/listings/${suspicious.id}/submit`, c.as(a.staff)))).status).toBe('needs_human');
    await c.createListing(c.as(a.manager), a.id, vehicleBody());
    await c.createListing(c.as(b.staff), b.id, vehicleBody());
    // Two public views of the published one.
    await c.expectOk(c.request('GET', `/listings/${clean.id}`));
    await c.expectOk(c.request('GET', `/listings/${clean.id}`));

    // Training: the manager plays and finishes one session (scored by the rules without a model).
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
      { body: { text: 'How long will you keep the bike? The warranty is optional and you can cancel any time for a refund.' } },
    );
    const finished = await c.expectOk(c.request('POST', `/organizations/${a.id}/training/sessions/${session.id}/finish`, { token: a.manager.token }));
    trainingScore = finished.score.total;

    // Orders and bookings, as commerce and bookings publish them.
    const order = (orgId: string, totalMinor: number, currency: string) =>
      events.publish(
        'commerce.order.paid',
        { orderId: crypto.randomUUID(), buyerUserId: customer.userId, sellerOrgId: orgId, lines: [], totalMinor, currency },
        { userId: customer.userId },
        orgId,
      );
    const booking = (type: string, to: string, ctx: Record<string, unknown> = {}, customerUserId: string | null = null) =>
      events.publish(type, { bookingId: crypto.randomUUID(), orgId: a.id, customerUserId, from: null, to, reason: null }, ctx, a.id);
    await order(a.id, 899_000, 'EUR');
    await order(a.id, 5_000, 'USD');
    await order(a.id, 1_000, 'EUR');
    await order(b.id, 7_777, 'EUR');
    // A customer books (not a member's work); a guest books; the staff member completes one in the staff portal.
    await booking('bookings.booking.created', 'pending', { userId: customer.userId }, customer.userId);
    await booking('bookings.booking.created', 'confirmed');
    await booking('bookings.booking.status-changed', 'completed', { userId: a.staff.userId, orgId: a.id, roles: [ORG_STAFF] });
    // The same step by the staff member of the other tenant, or through an API key, is nobody's in a.
    await booking('bookings.booking.status-changed', 'cancelled', { userId: b.staff.userId, orgId: b.id, roles: [ORG_STAFF] });
    await booking('bookings.booking.status-changed', 'cancelled', { apiKeyId: crypto.randomUUID(), orgId: a.id, roles: [ORG_STAFF] });

    await waitFor(
      async () => {
        const totals = (await c.expectOk(analytics({ token: a.principal.token }, a.id))).totals as Body;
        return totals.listings_created === 3 &&
          totals.orders === 3 &&
          totals.bookings_completed === 1 &&
          totals.bookings_cancelled === 2 &&
          totals.training_sessions === 1
          ? true
          : undefined;
      },
      20_000,
      'the events rolled up',
    );
  });
  afterAll(() => t?.close());

  describe('successful', () => {
    it('a principal sees the whole organization by day, every day of the range listed', async () => {
      const report = await c.expectOk(analytics({ token: a.principal.token }, a.id));
      expect(report).toMatchObject({ org_id: a.id, from, to, scope: 'organization', cached: false });
      expect(report.days.map((d: Body) => d.day)).toEqual(Array.from({ length: 8 }, (_, i) => daysFrom(from, i)));
      const expected = {
        listings_created: 3,
        listings_approved: 1,
        listings_rejected: 0,
        listings_needs_human: 1,
        listing_views: 2,
        orders: 3,
        revenue: [
          { currency: 'EUR', amount_minor: 900_000 },
          { currency: 'USD', amount_minor: 5_000 },
        ],
        refunds: 0,
        refunded: [],
        orders_handled: 0,
        bookings_created: 2,
        bookings_completed: 1,
        bookings_cancelled: 2,
        bookings_handled: 1,
        training_sessions: 1,
        training_average_score: trainingScore,
      };
      expect(report.totals).toEqual(expected);
      expect(report.days.find((d: Body) => d.day === today())).toEqual({ day: today(), ...expected });
      expect(report.days.find((d: Body) => d.day === from)).toMatchObject({
        listings_created: 0,
        listing_views: 0,
        orders: 0,
        revenue: [],
        training_average_score: null,
      });
      expect(report.training_by_user).toEqual([{ user_id: a.manager.userId, sessions: 1, average_score: trainingScore }]);
    });

    it('managers and staff see only what is attributed to themselves', async () => {
      const manager = await c.expectOk(analytics({ token: a.manager.token }, a.id));
      expect(manager.scope).toBe('own');
      expect(manager.totals).toEqual({
        listings_created: 1,
        listings_approved: 0,
        listings_rejected: 0,
        listings_needs_human: 0,
        listing_views: null,
        orders: null,
        revenue: null,
        refunds: null,
        refunded: null,
        orders_handled: 0,
        bookings_created: null,
        bookings_completed: null,
        bookings_cancelled: null,
        bookings_handled: 0,
        training_sessions: 1,
        training_average_score: trainingScore,
      });
      expect(manager.training_by_user).toEqual([{ user_id: a.manager.userId, sessions: 1, average_score: trainingScore }]);
      const staff = await c.expectOk(analytics({ token: a.staff.token }, a.id));
      expect(staff.totals).toMatchObject({
        listings_created: 2,
        listings_approved: 1,
        listings_needs_human: 1,
        training_sessions: 0,
        orders: null,
        bookings_completed: null,
        bookings_handled: 1,
      });
      expect(staff.days.find((d: Body) => d.day === today()).bookings_handled).toBe(1);
      expect(staff.training_by_user).toEqual([]);
      const idle = await c.expectOk(analytics({ token: a.staff2.token }, a.id));
      expect(idle.totals).toMatchObject({ listings_created: 0, training_sessions: 0, bookings_handled: 0, orders_handled: 0 });
    });

    it('the other tenant sees its own figures only', async () => {
      const report = await c.expectOk(analytics({ token: b.principal.token }, b.id));
      expect(report.totals).toMatchObject({
        listings_created: 1,
        orders: 1,
        revenue: [{ currency: 'EUR', amount_minor: 7_777 }],
        training_sessions: 0,
        listing_views: 0,
      });
    });

    it('a platform admin sees any organization’s figures on the admin route', async () => {
      const report = await c.expectOk(adminAnalytics({ token: admin.token }, a.id));
      expect(report.scope).toBe('organization');
      expect(report.totals).toEqual((await c.expectOk(analytics({ token: a.principal.token }, a.id))).totals);
    });

    it('figures are cached briefly; Cache-Control: no-cache gives exact ones', async () => {
      const range = { from: daysFrom(today(), -1), to: today() };
      const first = await c.expectOk(analytics({ token: a.principal.token }, a.id, range, false));
      const second = await c.expectOk(analytics({ token: a.principal.token }, a.id, range, false));
      expect(second.cached).toBe(true);
      expect(second.generated_at).toBe(first.generated_at);
      await c.createListing(c.as(a.staff), a.id, vehicleBody());
      const exact = await waitFor(
        async () => {
          const r = await c.expectOk(analytics({ token: a.principal.token }, a.id, range));
          return r.totals.listings_created === first.totals.listings_created + 1 ? r : undefined;
        },
        20_000,
        'the new listing counted',
      );
      expect(exact.cached).toBe(false);
      const stale = await c.expectOk(analytics({ token: a.principal.token }, a.id, range, false));
      expect(stale.totals.listings_created).toBe(exact.totals.listings_created);
    });
  });

  describe('failing', () => {
    it('another organization’s members (every role), a customer and an admin on the members’ route get 404', async () => {
      expectProblem(await analytics({ token: b.principal.token }, a.id), 404);
      expectProblem(await analytics({ token: b.manager.token }, a.id), 404);
      expectProblem(await analytics({ token: b.staff.token }, a.id), 404);
      expectProblem(await analytics({ token: b.staff2.token }, a.id), 404);
      expectProblem(await analytics({ token: customer.token }, a.id), 404);
      expectProblem(await analytics({ token: admin.token }, a.id), 404);
    });

    it('without credentials 401; an API key is refused; the admin route is for platform admins only', async () => {
      expectProblem(await analytics({}, a.id), 401);
      expect((await analytics({ apiKey: a.keyStaff }, a.id)).statusCode).toBeGreaterThanOrEqual(401);
      expect((await analytics({ apiKey: a.keyStaff }, a.id)).statusCode).toBeLessThan(500);
      expectProblem(await adminAnalytics({ token: a.principal.token }, a.id), 403);
      expectProblem(await adminAnalytics({ token: admin.token }, crypto.randomUUID()), 404, 'ANALYTICS.NOT_FOUND');
    });

    it('a range that is not real dates, reversed, or over 366 days is a 400', async () => {
      const principal = { token: a.principal.token };
      expectProblem(await analytics(principal, a.id, { from: today(), to: daysFrom(today(), -1) }), 400, 'ANALYTICS.VALIDATION_FAILED');
      expectProblem(await analytics(principal, a.id, { from: '2026-01-01', to: '2027-01-02' }), 400, 'ANALYTICS.VALIDATION_FAILED');
      expect((await analytics(principal, a.id, { from: '2026-01-01', to: '2027-01-01' })).statusCode).toBe(200);
      expectProblem(await analytics(principal, a.id, { from: '2026-02-30', to: '2026-03-01' }), 400, 'ANALYTICS.VALIDATION_FAILED');
      expectProblem(await analytics(principal, a.id, { from: 'yesterday', to: '2026-03-01' }), 400);
      expectProblem(await analytics(principal, a.id, { from: '2026-03-01' }), 400);
      expectProblem(await analytics(principal, a.id, { from: '2026-03-01', to: '2026-03-02', extra: '1' }), 400);
      expectProblem(await adminAnalytics({ token: admin.token }, a.id, { from: '2026-03-02', to: '2026-03-01' }), 400, 'ANALYTICS.VALIDATION_FAILED');
    });
  });
});
