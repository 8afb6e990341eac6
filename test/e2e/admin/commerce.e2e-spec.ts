import { randomUUID } from 'node:crypto';
import { buildWorld, World } from '../organizations/organizations-test-kit';
import { waitFor } from '../../support/processes';
import { useOwnDatabase } from '../../support/own-database';
import { expectProblem } from '../../support/problem';
import { Body, Caller, closeCommerce, commerceApp, CommerceWorld, deliverWebhook } from '../commerce/commerce-test-kit';

/** The month now (UTC): a payout run for the running month pays what is owed so far. */
const PERIOD = new Date().toISOString().slice(0, 7);

/**
 * /admin/orders, payments, refunds (with a decision), payouts (with a retry) and discounts: the operators see every
 * organization's commerce and act on it through commerce's use cases; every act is in the audit log. A database of
 * its own: a payout run pays every seller of the database, which would race the payouts suite.
 */
describe('admin: commerce', () => {
  useOwnDatabase('admin_commerce');
  let w: CommerceWorld;
  let world: World;

  beforeAll(async () => {
    w = await commerceApp({ PAYOUT_MINIMUM_MINOR: '100' });
    world = await buildWorld(w.c);
  }, 120_000);
  afterAll(() => closeCommerce(w));

  const admin = (): Caller => ({ token: world.admin.token });
  const buyer = (): Caller => ({ token: world.customer.token });
  /** `null`: no credentials at all. */
  const get = (path: string, query: Record<string, string> = {}, who: Caller | null = admin()) => w.c.request('GET', path, who ?? undefined, { query });
  const post = (path: string, body: unknown = {}, who: Caller | null = admin()) => w.c.request('POST', path, who ?? undefined, { body });

  async function paidOrder(price: number): Promise<Body> {
    const listing = w.catalog.add(world.orgA.id, 'part', price);
    const [order] = (await w.c.expectOk(w.c.request('POST', '/orders', buyer(), { body: { items: [{ listing_id: listing.id, quantity: 1 }] } }), 201)).orders;
    await deliverWebhook(w, w.stripe.webhook('payment_intent.succeeded', w.stripe.succeed(order.payments[0].provider_ref)));
    await waitFor(async () => (await w.c.expectOk(w.c.request('GET', `/orders/${order.id}`, buyer()))).status === 'paid' || undefined, 10_000, 'paid');
    return order;
  }

  async function requestRefund(orderId: string, amount: number): Promise<Body> {
    return w.c.expectOk(
      w.c.request('POST', '/refunds', buyer(), {
        body: { order_id: orderId, reason: 'Wrong part', amount_minor: amount },
        headers: { 'idempotency-key': randomUUID() },
      }),
      201,
    );
  }

  async function auditOf(targetId: string): Promise<Body[]> {
    const page = await w.c.expectOk(get('/admin/audit-events', { action: 'admin', actor: world.admin.userId, limit: '100' }));
    return page.data.filter((e: Body) => e.target_id === targetId);
  }

  let orders: Body[];

  describe('successful', () => {
    it('lists every organization’s orders, filtered by seller, buyer, status and time, sorted by an allowed field', async () => {
      orders = [await paidOrder(1500), await paidOrder(700), await paidOrder(2600)];
      const mine = { organization_id: world.orgA.id, buyer_user_id: world.customer.userId, status: 'paid', limit: '100' };
      const byTotal = await w.c.expectOk(get('/admin/orders', { ...mine, sort: 'total_minor' }));
      expect(byTotal.data.map((o: Body) => o.total_minor)).toEqual([700, 1500, 2600]);
      expect(byTotal.data[0]).toMatchObject({ seller_org_id: world.orgA.id, buyer_user_id: world.customer.userId, currency: 'EUR', status: 'paid' });
      const desc = await w.c.expectOk(get('/admin/orders', { ...mine, sort: '-total_minor', limit: '2' }));
      expect(desc.data.map((o: Body) => o.total_minor)).toEqual([2600, 1500]);
      expect(desc.meta.total).toBe(3);
      const newest = await w.c.expectOk(get('/admin/orders', mine));
      expect(newest.data.map((o: Body) => o.id)).toEqual([orders[2].id, orders[1].id, orders[0].id]);
      const future = new Date(Date.now() + 86_400_000).toISOString();
      expect((await w.c.expectOk(get('/admin/orders', { ...mine, from: future }))).meta.total).toBe(0);
      expect((await w.c.expectOk(get('/admin/orders', { organization_id: world.orgB.id }))).meta.total).toBe(0);
    });

    it('shows an order with its payments (never a client secret) and lists payments by order', async () => {
      const detail = await w.c.expectOk(get(`/admin/orders/${orders[0].id}`));
      expect(detail).toMatchObject({ id: orders[0].id, total_minor: 1500, refunds: [] });
      expect(detail.payments).toEqual([expect.objectContaining({ order_id: orders[0].id, method: 'card', status: 'succeeded', amount_minor: 1500 })]);
      expect(JSON.stringify(detail)).not.toMatch(/client_secret|secret_|provider_key/);
      const payments = await w.c.expectOk(get('/admin/payments', { order_id: orders[0].id, status: 'succeeded' }));
      expect(payments.data.map((p: Body) => p.id)).toEqual([detail.payments[0].id]);
    });

    it('approves a requested refund (money back through Stripe at once) and rejects another with a reason; both audited', async () => {
      const [order] = orders;
      const first = await requestRefund(order.id, 500);
      const waiting = await w.c.expectOk(get('/admin/refunds', { organization_id: world.orgA.id, status: 'requested' }));
      expect(waiting.data.map((r: Body) => r.id)).toContain(first.id);
      const approved = await w.c.expectOk(post(`/admin/refunds/${first.id}/decision`, { decision: 'approve', reason: 'Part was faulty' }));
      expect(approved).toMatchObject({ id: first.id, status: 'completed', amount_minor: 500, approved_by: world.admin.userId });
      expect(w.stripe.refunds.find((r) => r.id === approved.provider_ref)).toMatchObject({ amount: 500 });
      expect((await w.c.expectOk(get(`/admin/orders/${order.id}`))).status).toBe('partially_refunded');

      const second = await requestRefund(order.id, 1000);
      const rejected = await w.c.expectOk(post(`/admin/refunds/${second.id}/decision`, { decision: 'reject', reason: 'Used beyond the return window' }));
      expect(rejected).toMatchObject({ id: second.id, status: 'rejected', decision_reason: 'Used beyond the return window' });
      // A rejected refund takes nothing: the whole rest of the order can be asked for again.
      const third = await requestRefund(order.id, 1000);
      expect(third.status).toBe('requested');
      expect((await w.c.expectOk(get(`/admin/refunds/${second.id}`))).status).toBe('rejected');
      const detail = await w.c.expectOk(get(`/admin/orders/${order.id}`));
      expect(detail.refunds.map((r: Body) => r.status)).toEqual(['completed', 'rejected', 'requested']);

      expect((await auditOf(first.id)).map((e: Body) => e.action)).toEqual(['admin.refund_approved']);
      const [audit] = await auditOf(second.id);
      expect(audit).toMatchObject({
        action: 'admin.refund_rejected',
        organization_id: world.orgA.id,
        target_type: 'refund',
        metadata: expect.objectContaining({ reason: 'Used beyond the return window', amount_minor: 1000 }),
      });
    });

    it('retries a failed payout: a new attempt is paid; the statement lines are shown; audited', async () => {
      const { orgA } = world;
      const account = await w.c.expectOk(w.c.request('POST', `/organizations/${orgA.id}/connect-account`, { token: orgA.principal.token }), 201);
      w.stripe.enablePayouts(account.account_id);
      await w.c.expectOk(w.c.request('GET', `/organizations/${orgA.id}/connect-account`, { token: orgA.principal.token }));
      w.stripe.refuseTransfers = 'Insufficient funds in Stripe account.';
      try {
        await w.c.expectOk(post('/admin/commerce/payouts/run', { period: PERIOD }));
      } finally {
        w.stripe.refuseTransfers = null;
      }
      const failed = await w.c.expectOk(get('/admin/payouts', { organization_id: orgA.id, status: 'failed', sort: '-amount_minor' }));
      expect(failed.data).toHaveLength(1);
      const payout = failed.data[0];
      expect(payout).toMatchObject({ period: PERIOD, attempt: 1, failure_reason: expect.stringContaining('Insufficient funds') });
      const detail = await w.c.expectOk(get(`/admin/payouts/${payout.id}`, { limit: '100' }));
      expect(detail.lines.data.length).toBeGreaterThan(0);
      expect(detail.lines.data.reduce((sum: number, l: Body) => sum + l.amount_minor, 0)).toBe(payout.amount_minor);
      // Its transfers, one per order, refused with the reason.
      expect(detail.transfers.length).toBeGreaterThan(0);
      expect(detail.transfers.reduce((sum: number, t: Body) => sum + t.amount_minor, 0)).toBe(payout.amount_minor);
      expect(detail.transfers[0]).toMatchObject({
        status: 'failed',
        attempt: 1,
        transfer_id: null,
        failure_reason: expect.stringContaining('Insufficient funds'),
      });
      for (const t of detail.transfers) expect(t.transfer_group).toBe(t.order_id ? `order_${t.order_id}` : `payout_${payout.id}`);

      const retried = await w.c.expectOk(post(`/admin/payouts/${payout.id}/retry`, { reason: 'Platform balance topped up' }));
      expect(retried).toMatchObject({ outcome: 'paid', payout: { id: payout.id, status: 'paid', attempt: 2 } });
      const paid = await w.c.expectOk(get(`/admin/payouts/${payout.id}`));
      expect(paid.transfers.every((t: Body) => t.status === 'paid' && /^tr_/.test(t.transfer_id) && t.failure_reason === null)).toBe(true);
      // One transfer per order on the statement (none sent twice), together the payout's amount.
      const made = w.stripe.transfers.filter((t) => t.metadata.payout_id === payout.id);
      expect(new Set(made.map((t) => t.transfer_group)).size).toBe(made.length);
      expect(made.reduce((sum, t) => sum + t.amount, 0)).toBe(payout.amount_minor);
      expectProblem(await post(`/admin/payouts/${payout.id}/retry`), 409, 'COMMERCE.PAYOUT_INVALID_TRANSITION');
      const [audit] = await auditOf(payout.id);
      expect(audit).toMatchObject({ action: 'admin.payout_retried', metadata: { outcome: 'paid', attempt: 2, reason: 'Platform balance topped up' } });
    });

    it('lists discount codes across sellers and deactivates one with a reason (audited)', async () => {
      const code = `ADM${randomUUID().slice(0, 6).toUpperCase()}`;
      const created = await w.c.expectOk(
        w.c.request(
          'POST',
          `/organizations/${world.orgA.id}/discounts`,
          { token: world.orgA.manager.token },
          { body: { code, type: 'percentage', percent_bps: 1000 } },
        ),
        201,
      );
      const found = await w.c.expectOk(get('/admin/discounts', { organization_id: world.orgA.id, code: code.slice(0, 6).toLowerCase(), active: 'true' }));
      expect(found.data.map((d: Body) => d.id)).toEqual([created.id]);
      expect(found.data[0]).toMatchObject({ code, type: 'percentage', percent_bps: 1000, active: true });
      const off = await w.c.expectOk(post(`/admin/discounts/${created.id}/deactivate`, { reason: 'Leaked on a coupon site' }));
      expect(off).toMatchObject({ id: created.id, active: false });
      expect((await w.c.expectOk(get(`/admin/discounts/${created.id}`))).active).toBe(false);
      expect((await w.c.expectOk(get('/admin/discounts', { organization_id: world.orgA.id, active: 'false' }))).data.map((d: Body) => d.id)).toContain(
        created.id,
      );
      const [audit] = await auditOf(created.id);
      expect(audit).toMatchObject({
        action: 'admin.discount_deactivated',
        organization_id: world.orgA.id,
        metadata: { reason: 'Leaked on a coupon site', code },
      });
    });
  });

  describe('failing', () => {
    it('refuses org members, API keys and customers (403) and anonymous callers (401), and changes nothing', async () => {
      const refund = await requestRefund(orders[1].id, 100);
      const { orgA } = world;
      const callers: Caller[] = [
        buyer(),
        { token: orgA.principal.token, orgId: orgA.id },
        { token: orgA.manager.token, orgId: orgA.id },
        { apiKey: world.keys.principal },
      ];
      for (const who of callers) {
        expect((await get('/admin/orders', {}, who)).statusCode).toBe(403);
        expect((await get('/admin/payouts', {}, who)).statusCode).toBe(403);
        expect((await post(`/admin/refunds/${refund.id}/decision`, { decision: 'approve', reason: 'Please' }, who)).statusCode).toBe(403);
      }
      expect((await get('/admin/refunds', {}, null)).statusCode).toBe(401);
      expect((await post(`/admin/refunds/${refund.id}/decision`, { decision: 'approve', reason: 'Please' }, null)).statusCode).toBe(401);
      expect((await w.c.expectOk(get(`/admin/refunds/${refund.id}`))).status).toBe('requested');
    });

    it('answers 400 to a sort or filter outside the allow-list, 404 to unknown ids, 409 to a contradicting decision', async () => {
      for (const sort of ['buyer_user_id', '-secret', 'created_at;drop table', '--created_at']) {
        expectProblem(await get('/admin/orders', { sort }), 400, 'HTTP.VALIDATION_FAILED');
      }
      expectProblem(await get('/admin/payouts', { period: '2026-13' }), 400);
      expectProblem(await get('/admin/refunds', { status: 'lost' }), 400);
      expectProblem(await get(`/admin/orders/${randomUUID()}`), 404, 'COMMERCE.ORDER_NOT_FOUND');
      expectProblem(await get(`/admin/payouts/${randomUUID()}`), 404, 'COMMERCE.PAYOUT_NOT_FOUND');
      expectProblem(await post(`/admin/discounts/${randomUUID()}/deactivate`, { reason: 'Gone' }), 404, 'COMMERCE.DISCOUNT_NOT_FOUND');
      expectProblem(await post(`/admin/refunds/${randomUUID()}/decision`, { decision: 'reject', reason: 'Gone' }), 404, 'COMMERCE.REFUND_NOT_FOUND');
      const refund = await requestRefund(orders[2].id, 100);
      expectProblem(await post(`/admin/refunds/${refund.id}/decision`, { decision: 'maybe', reason: 'Hmm' }), 400);
      expectProblem(await post(`/admin/refunds/${refund.id}/decision`, { decision: 'reject' }), 400);
      await w.c.expectOk(post(`/admin/refunds/${refund.id}/decision`, { decision: 'reject', reason: 'Duplicate request' }));
      expectProblem(await post(`/admin/refunds/${refund.id}/decision`, { decision: 'approve', reason: 'Changed my mind' }), 409, 'COMMERCE.REFUND_INVALID');
    });
  });
});
