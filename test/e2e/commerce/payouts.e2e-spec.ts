import { randomUUID } from 'node:crypto';
import { buildWorld, Organization, World } from '../organizations/organizations-test-kit';
import { systemContext } from '../../../src/platform/kernel';
import { RunPayoutsUseCase } from '../../../src/modules/commerce/application/use-cases/payouts.use-cases';
import { waitFor } from '../../support/processes';
import { balance, Body, Caller, closeCommerce, commerceApp, CommerceWorld, deliverWebhook } from './commerce-test-kit';

/** The month now (UTC): a run for the running month pays what is owed so far. */
const PERIOD = new Date().toISOString().slice(0, 7);

/** Monthly seller payouts through Stripe Connect (the real SDK against the fake Stripe): onboarding, runs, statements, retries. */
describe('payouts', () => {
  let w: CommerceWorld;
  let world: World;

  beforeAll(async () => {
    w = await commerceApp({ PAYOUT_MINIMUM_MINOR: '1000', PAYOUT_CONNECT_RETURN_URL: 'https://app.revsync.test/seller/payouts' });
    world = await buildWorld(w.c);
  }, 120_000);
  afterAll(() => closeCommerce(w));

  const buyer = () => ({ token: world.customer.token });
  const admin = () => ({ token: world.admin.token });
  const principalOf = (org: Organization): Caller => ({ token: org.principal.token });

  async function paidOrder(sellerOrgId: string, price: number): Promise<Body> {
    const listing = w.catalog.add(sellerOrgId, 'part', price);
    const [order] = (await w.c.expectOk(w.c.request('POST', '/orders', buyer(), { body: { items: [{ listing_id: listing.id, quantity: 1 }] } }), 201)).orders;
    await deliverWebhook(w, w.stripe.webhook('payment_intent.succeeded', w.stripe.succeed(order.payments[0].provider_ref)));
    await waitFor(async () => (await w.c.expectOk(w.c.request('GET', `/orders/${order.id}`, buyer()))).status === 'paid' || undefined, 10_000, 'paid');
    return order;
  }

  async function refund(orderId: string, amount: number): Promise<Body> {
    const requested = await w.c.expectOk(
      w.c.request('POST', '/refunds', buyer(), {
        body: { order_id: orderId, reason: 'Wrong part', amount_minor: amount },
        headers: { 'idempotency-key': randomUUID() },
      }),
      201,
    );
    await w.c.expectOk(w.c.request('POST', `/refunds/${requested.id}/approve`, admin()));
    return w.c.expectOk(w.c.request('POST', `/refunds/${requested.id}/complete`, admin(), { headers: { 'idempotency-key': randomUUID() } }));
  }

  async function onboard(org: Organization): Promise<string> {
    const account = await w.c.expectOk(w.c.request('POST', `/organizations/${org.id}/connect-account`, principalOf(org)), 201);
    w.stripe.enablePayouts(account.account_id);
    const read = await w.c.expectOk(w.c.request('GET', `/organizations/${org.id}/connect-account`, principalOf(org)));
    expect(read.payouts_enabled).toBe(true);
    return account.account_id;
  }

  const run = (period = PERIOD) => w.c.request('POST', '/admin/commerce/payouts/run', admin(), { body: { period } });
  const outcomeOf = (body: Body, orgId: string) => body.results.find((r: Body) => r.org_id === orgId);
  const transfersTo = (accountId: string) => w.stripe.transfers.filter((t) => t.destination === accountId);

  describe('successful', () => {
    it('a seller onboards through an account link; creating twice keeps one account', async () => {
      const { orgA } = world;
      const manager = { token: orgA.manager.token };
      const created = await w.c.expectOk(w.c.request('POST', `/organizations/${orgA.id}/connect-account`, manager), 201);
      expect(created).toEqual({ account_id: expect.stringMatching(/^acct_/), payouts_enabled: false, details_submitted: false });
      const again = await w.c.expectOk(w.c.request('POST', `/organizations/${orgA.id}/connect-account`, principalOf(orgA)), 201);
      expect(again.account_id).toBe(created.account_id);
      expect([...w.stripe.accounts.values()].filter((a) => a.metadata.org_id === orgA.id)).toHaveLength(1);
      const link = await w.c.expectOk(w.c.request('POST', `/organizations/${orgA.id}/connect-account/onboarding-link`, manager), 201);
      expect(link).toMatchObject({ account_id: created.account_id, url: expect.stringContaining(created.account_id), expires_at: expect.any(String) });
      w.stripe.enablePayouts(created.account_id);
      const read = await w.c.expectOk(w.c.request('GET', `/organizations/${orgA.id}/connect-account`, manager));
      expect(read).toEqual({ account_id: created.account_id, payouts_enabled: true, details_submitted: true });
    });

    it('runs run twice and concurrently make one transfer of the balance, with a statement line per order and refund', async () => {
      const { orgA } = world;
      const accountId = (await w.c.expectOk(w.c.request('GET', `/organizations/${orgA.id}/connect-account`, principalOf(orgA)))).account_id;
      const first = await paidOrder(orgA.id, 1000);
      const second = await paidOrder(orgA.id, 2000);
      const refunded = await refund(second.id, 500);
      expect(await balance(w.db, 'seller_payable', orgA.id)).toBe(800 + 1600 - 400);

      const runs = await Promise.all([run(), run(), run()]);
      expect(runs.map((r) => r.statusCode)).toEqual([200, 200, 200]);
      const outcomes = runs.map((r) => outcomeOf(r.json(), orgA.id)).filter(Boolean);
      expect(outcomes.filter((o) => o.outcome === 'paid')).toHaveLength(1);
      expect(outcomes.every((o) => ['paid', 'in_progress', 'already_paid'].includes(o.outcome))).toBe(true);
      const payout = outcomes.find((o) => o.outcome === 'paid').payout;
      expect(payout).toMatchObject({ status: 'paid', amount_minor: 2000, attempt: 1 });
      // Paid: a later run has nothing more for this seller.
      expect(outcomeOf(await w.c.expectOk(run()), orgA.id)).toBeUndefined();

      const transfers = transfersTo(accountId);
      expect(transfers).toHaveLength(1);
      expect(transfers[0]).toMatchObject({
        amount: 2000,
        currency: 'eur',
        transfer_group: `payout_${payout.id}`,
        metadata: { payout_id: payout.id, period: PERIOD },
      });
      expect(await balance(w.db, 'seller_payable', orgA.id)).toBe(0);
      expect(await balance(w.db, 'payouts_in_transit', orgA.id)).toBe(0);
      expect((await w.c.expectOk(w.c.request('GET', '/commerce/reconciliation', admin()))).balanced).toBe(true);

      const staff = { token: orgA.staff.token };
      const list = await w.c.expectOk(w.c.request('GET', `/organizations/${orgA.id}/payouts`, staff, { query: { limit: '10' } }));
      expect(list.meta).toMatchObject({ total: 1, limit: 10 });
      expect(list.data[0]).toMatchObject({ id: payout.id, period: PERIOD, status: 'paid', amount_minor: 2000, currency: 'EUR', transfer_id: transfers[0].id });
      const statement = await w.c.expectOk(w.c.request('GET', `/organizations/${orgA.id}/payouts/${payout.id}`, staff));
      expect(statement.lines.data).toEqual([
        expect.objectContaining({ kind: 'order.paid', reference: first.id, order_id: first.id, amount_minor: 800 }),
        expect.objectContaining({ kind: 'order.paid', reference: second.id, order_id: second.id, amount_minor: 1600 }),
        expect.objectContaining({ kind: 'refund.completed', reference: refunded.id, order_id: second.id, amount_minor: -400 }),
      ]);
      const paged = await w.c.expectOk(w.c.request('GET', `/organizations/${orgA.id}/payouts/${payout.id}`, staff, { query: { limit: '2', page: '2' } }));
      expect([paged.lines.data.length, paged.lines.meta.total]).toEqual([1, 3]);
      const events: Array<{ payload: Body }> = await w.db.query(
        `SELECT payload FROM integration_events WHERE type = 'commerce.payout.sent' AND payload->>'payoutId' = $1`,
        [payout.id],
      );
      expect(events.map((e) => e.payload)).toEqual([{ payoutId: payout.id, orgId: orgA.id, amountMinor: 2000, currency: 'EUR' }]);
    });

    it('a refused transfer goes back to the seller’s balance and the next run retries it once', async () => {
      const { orgB } = world;
      const accountId = await onboard(orgB);
      await paidOrder(orgB.id, 5000);
      w.stripe.refuseTransfers = 'Insufficient funds in Stripe account.';
      const refused = await w.c.expectOk(run());
      expect(outcomeOf(refused, orgB.id)).toMatchObject({
        outcome: 'failed',
        payout: { status: 'failed', attempt: 1, amount_minor: 4000, failure_reason: expect.stringContaining('Insufficient funds in Stripe account.') },
      });
      expect(await balance(w.db, 'seller_payable', orgB.id)).toBe(4000);
      expect(await balance(w.db, 'payouts_in_transit', orgB.id)).toBe(0);
      w.stripe.refuseTransfers = null;
      const retried = await w.c.expectOk(run());
      expect(outcomeOf(retried, orgB.id)).toMatchObject({ outcome: 'paid', payout: { status: 'paid', attempt: 2, amount_minor: 4000 } });
      await w.c.expectOk(run());
      expect(transfersTo(accountId).map((t) => t.amount)).toEqual([4000]);
      expect(await balance(w.db, 'seller_payable', orgB.id)).toBe(0);
      expect((await w.c.expectOk(w.c.request('GET', '/commerce/reconciliation', admin()))).balanced).toBe(true);
    });

    it('an unknown outcome (Stripe failing) stays in transit and is retried with the same key: one transfer', async () => {
      const org = await w.c.createOrganization(await w.c.signUp('payout-c', { verified: true }));
      const accountId = await onboard(org);
      await paidOrder(org.id, 3000);
      w.stripe.failNext(2, 500);
      const pending = await w.c.expectOk(run());
      expect(outcomeOf(pending, org.id)).toMatchObject({ outcome: 'pending', payout: { status: 'requested', amount_minor: 2400 } });
      expect(await balance(w.db, 'payouts_in_transit', org.id)).toBe(2400);
      const paid = await w.c.expectOk(run());
      expect(outcomeOf(paid, org.id)).toMatchObject({ outcome: 'paid', payout: { status: 'paid', attempt: 1 } });
      expect(transfersTo(accountId)).toHaveLength(1);
      const keys = new Set(w.stripe.requests.filter((r) => r.path === '/v1/transfers' && r.idempotencyKey?.includes(org.id)).map((r) => r.idempotencyKey));
      expect([...keys]).toEqual([`payout:${org.id}:EUR:${PERIOD}:1`]);
      expect(await balance(w.db, 'payouts_in_transit', org.id)).toBe(0);
    });
    it('a refund after a payout is carried to the next period’s statement as a negative line', async () => {
      const org = await w.c.createOrganization(await w.c.signUp('payout-g', { verified: true }));
      const accountId = await onboard(org);
      const sold = await paidOrder(org.id, 2000);
      expect(outcomeOf(await w.c.expectOk(run()), org.id)).toMatchObject({ outcome: 'paid', payout: { amount_minor: 1600 } });
      const refunded = await refund(sold.id, 500);
      expect(await balance(w.db, 'seller_payable', org.id)).toBe(-400);
      const later = await paidOrder(org.id, 2000);
      // This period is paid: running it again pays nothing more.
      expect(outcomeOf(await w.c.expectOk(run()), org.id)).toMatchObject({ outcome: 'already_paid' });
      // The worker's run next month (the clock moved to the first of it).
      const now = new Date();
      const firstOfNext = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 3));
      const nextPeriod = firstOfNext.toISOString().slice(0, 7);
      const next = await w.t.app.get(RunPayoutsUseCase).execute(systemContext('payouts-test'), { period: nextPeriod, now: firstOfNext });
      const result = next.results.find((r) => r.orgId === org.id);
      expect(result?.outcome).toBe('paid');
      expect(result?.payout?.amountMinor).toBe(1200);
      const statement = await w.c.expectOk(w.c.request('GET', `/organizations/${org.id}/payouts/${result?.payout?.id}`, principalOf(org)));
      expect(statement.lines.data.map((l: Body) => [l.kind, l.reference, l.amount_minor])).toEqual([
        ['refund.completed', refunded.id, -400],
        ['order.paid', later.id, 1600],
      ]);
      expect(transfersTo(accountId).map((t) => t.amount)).toEqual([1600, 1200]);
      expect(await balance(w.db, 'seller_payable', org.id)).toBe(0);
    });
  });

  describe('failing', () => {
    it('no payout without an enabled Connect account or below the minimum; the balance carries over', async () => {
      const notOnboarded = await w.c.createOrganization(await w.c.signUp('payout-d', { verified: true }));
      await paidOrder(notOnboarded.id, 2000);
      const small = await w.c.createOrganization(await w.c.signUp('payout-e', { verified: true }));
      await onboard(small);
      await paidOrder(small.id, 1000);
      const body = await w.c.expectOk(run());
      expect(outcomeOf(body, notOnboarded.id)).toMatchObject({ outcome: 'not_onboarded', payout: null });
      expect(outcomeOf(body, small.id)).toMatchObject({ outcome: 'below_minimum', payout: null });
      expect(await balance(w.db, 'seller_payable', notOnboarded.id)).toBe(1600);
      expect(await balance(w.db, 'seller_payable', small.id)).toBe(800);
      expect((await w.c.expectOk(w.c.request('GET', `/organizations/${small.id}/payouts`, principalOf(small)))).meta.total).toBe(0);
    });

    it('roles and tenants: staff cannot onboard, another organization sees nothing, only admins run', async () => {
      const { orgA, orgB } = world;
      const staff = { token: orgA.staff.token };
      expect((await w.c.request('POST', `/organizations/${orgA.id}/connect-account`, staff)).statusCode).toBe(403);
      expect((await w.c.request('GET', `/organizations/${orgA.id}/connect-account`, staff)).statusCode).toBe(403);
      expect((await w.c.request('POST', `/organizations/${orgA.id}/connect-account/onboarding-link`, staff)).statusCode).toBe(403);
      const aPayout = (await w.c.expectOk(w.c.request('GET', `/organizations/${orgA.id}/payouts`, staff))).data[0];
      const bPayout = (await w.c.expectOk(w.c.request('GET', `/organizations/${orgB.id}/payouts`, principalOf(orgB)))).data[0];
      expect((await w.c.request('GET', `/organizations/${orgA.id}/payouts`, principalOf(orgB))).statusCode).toBe(404);
      expect((await w.c.request('GET', `/organizations/${orgA.id}/payouts/${aPayout.id}`, principalOf(orgB))).statusCode).toBe(404);
      expect((await w.c.request('GET', `/organizations/${orgA.id}/connect-account`, principalOf(orgB))).statusCode).toBe(404);
      const crossed = await w.c.request('GET', `/organizations/${orgA.id}/payouts/${bPayout.id}`, staff);
      expect([crossed.statusCode, crossed.json().code]).toEqual([404, 'COMMERCE.PAYOUT_NOT_FOUND']);
      expect((await w.c.request('GET', `/organizations/${orgA.id}/payouts`, buyer())).statusCode).toBe(404);
      for (const caller of [buyer(), principalOf(orgA), { apiKey: world.keys.principal, orgId: orgA.id }]) {
        expect((await w.c.request('POST', '/admin/commerce/payouts/run', caller, { body: { period: PERIOD } })).statusCode).toBe(403);
      }
      expect((await w.c.request('POST', '/admin/commerce/payouts/run', undefined, { body: { period: PERIOD } })).statusCode).toBe(401);
    });

    it('refuses malformed and future periods, unknown payouts, and a missing Connect account', async () => {
      for (const period of ['2026-13', '2026-1', 'next', '']) {
        const res = await run(period);
        expect(res.statusCode).toBe(400);
      }
      const future = await run('2999-01');
      expect([future.statusCode, future.json().code]).toEqual([400, 'COMMERCE.PAYOUT_PERIOD_INVALID']);
      const extra = await w.c.request('POST', '/admin/commerce/payouts/run', admin(), { body: { period: PERIOD, force: true } });
      expect(extra.statusCode).toBe(400);
      const unknown = await w.c.request('GET', `/organizations/${world.orgA.id}/payouts/${randomUUID()}`, { token: world.orgA.staff.token });
      expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'COMMERCE.PAYOUT_NOT_FOUND']);
      expect((await w.c.request('GET', `/organizations/${world.orgA.id}/payouts/not-a-uuid`, { token: world.orgA.staff.token })).statusCode).toBe(400);
      const fresh = await w.c.createOrganization(await w.c.signUp('payout-f', { verified: true }));
      const missing = await w.c.request('GET', `/organizations/${fresh.id}/connect-account`, principalOf(fresh));
      expect([missing.statusCode, missing.json().code]).toEqual([404, 'COMMERCE.CONNECT_ACCOUNT_NOT_FOUND']);
      const noLink = await w.c.request('POST', `/organizations/${fresh.id}/connect-account/onboarding-link`, principalOf(fresh));
      expect(noLink.statusCode).toBe(404);
    });
  });
});
