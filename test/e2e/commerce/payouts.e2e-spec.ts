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
  /** The card charge that paid an order (at the fake Stripe). */
  const chargeOf = (order: Body) => w.stripe.intents.get(order.payments[0].provider_ref)?.latest_charge;
  /** The idempotency keys sent for transfers of a payout, in the order they were sent (SDK retries included). */
  const keysSent = (payoutId: string) =>
    w.stripe.requests.filter((r) => r.path === '/v1/transfers' && r.idempotencyKey?.startsWith(`payout:${payoutId}:`)).map((r) => r.idempotencyKey);
  /** Each ledger entry of a payout, oldest first: [kind, reference, what it moved in or out of the seller's payouts in transit]. */
  async function payoutLedger(payoutId: string, orgId: string): Promise<Array<[string, string, number]>> {
    const rows: Array<{ kind: string; reference: string; amount_minor: string }> = await w.db.query(
      `SELECT e.kind, e.reference, sum(p.amount_minor) FILTER (WHERE a.kind = 'payouts_in_transit' AND a.owner_id = $2) AS amount_minor
         FROM ledger_entries e JOIN ledger_postings p ON p.entry_id = e.id JOIN ledger_accounts a ON a.id = p.account_id
        WHERE e.reference LIKE $1 GROUP BY e.id, e.kind, e.reference ORDER BY min(p.id)`,
      [`${payoutId}:%`, orgId],
    );
    return rows.map((row) => [row.kind, row.reference, Number(row.amount_minor)]);
  }
  async function expectBalanced(orgId: string, payable = 0): Promise<void> {
    expect(await balance(w.db, 'seller_payable', orgId)).toBe(payable);
    expect(await balance(w.db, 'payouts_in_transit', orgId)).toBe(0);
    expect((await w.c.expectOk(w.c.request('GET', '/commerce/reconciliation', admin()))).balanced).toBe(true);
  }

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

    it('runs run twice and concurrently make one transfer per order, funded by its card charge, with a statement line per order and refund', async () => {
      const { orgA } = world;
      const accountId = (await w.c.expectOk(w.c.request('GET', `/organizations/${orgA.id}/connect-account`, principalOf(orgA)))).account_id;
      const first = await paidOrder(orgA.id, 1000);
      const second = await paidOrder(orgA.id, 2000);
      const refunded = await refund(second.id, 500);
      expect(await balance(w.db, 'seller_payable', orgA.id)).toBe(800 + 1600 - 400);
      // The charge that paid each order was kept when its intent succeeded.
      const stored: Array<{ order_id: string; provider_charge_id: string }> = await w.db.query(
        `SELECT order_id, provider_charge_id FROM commerce_payments WHERE order_id = ANY($1::uuid[]) AND status = 'succeeded' ORDER BY created_at`,
        [[first.id, second.id]],
      );
      expect(stored).toEqual([
        { order_id: first.id, provider_charge_id: chargeOf(first) },
        { order_id: second.id, provider_charge_id: chargeOf(second) },
      ]);
      expect(chargeOf(first)).toMatch(/^ch_/);

      const runs = await Promise.all([run(), run(), run()]);
      expect(runs.map((r) => r.statusCode)).toEqual([200, 200, 200]);
      const outcomes = runs.map((r) => outcomeOf(r.json(), orgA.id)).filter(Boolean);
      expect(outcomes.filter((o) => o.outcome === 'paid')).toHaveLength(1);
      expect(outcomes.every((o) => ['paid', 'in_progress', 'already_paid'].includes(o.outcome))).toBe(true);
      const payout = outcomes.find((o) => o.outcome === 'paid').payout;
      expect(payout).toMatchObject({ status: 'paid', amount_minor: 2000, attempt: 1 });
      // Paid: a later run (and another one at the same time) has nothing more for this seller.
      for (const again of await Promise.all([run(), run()])) expect(outcomeOf(again.json(), orgA.id)).toBeUndefined();

      // One transfer per order: the sale less its refund on the same statement, in the order's group, from its charge.
      const transfers = transfersTo(accountId);
      expect(transfers).toEqual([
        expect.objectContaining({
          amount: 800,
          currency: 'eur',
          transfer_group: `order_${first.id}`,
          source_transaction: chargeOf(first),
          metadata: { payout_id: payout.id, org_id: orgA.id, period: PERIOD, order_id: first.id },
        }),
        expect.objectContaining({ amount: 1200, transfer_group: `order_${second.id}`, source_transaction: chargeOf(second) }),
      ]);
      expect(transfers.reduce((sum, t) => sum + t.amount, 0)).toBe(payout.amount_minor);
      // Each key was sent once, whatever the number of runs.
      expect(keysSent(payout.id)).toEqual([`payout:${payout.id}:${first.id}:1`, `payout:${payout.id}:${second.id}:1`]);
      expect(await payoutLedger(payout.id, orgA.id)).toEqual([
        ['payout.requested', `${payout.id}:1`, 2000],
        ['payout.paid', `${payout.id}:${first.id}:1`, -800],
        ['payout.paid', `${payout.id}:${second.id}:1`, -1200],
      ]);
      await expectBalanced(orgA.id);

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
      expect(statement.transfers).toEqual([
        {
          order_id: first.id,
          amount_minor: 800,
          transfer_group: `order_${first.id}`,
          source_transaction: chargeOf(first),
          status: 'paid',
          transfer_id: transfers[0].id,
          failure_reason: null,
        },
        {
          order_id: second.id,
          amount_minor: 1200,
          transfer_group: `order_${second.id}`,
          source_transaction: chargeOf(second),
          status: 'paid',
          transfer_id: transfers[1].id,
          failure_reason: null,
        },
      ]);
      const paged = await w.c.expectOk(w.c.request('GET', `/organizations/${orgA.id}/payouts/${payout.id}`, staff, { query: { limit: '2', page: '2' } }));
      expect([paged.lines.data.length, paged.lines.meta.total, paged.transfers.length]).toEqual([1, 3, 2]);
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
      await expectBalanced(orgB.id);
    });

    it('one order’s transfer refused: the others are paid, the payout fails, and the retry sends only the refused one', async () => {
      const org = await w.c.createOrganization(await w.c.signUp('payout-h', { verified: true }));
      const accountId = await onboard(org);
      const kept = await paidOrder(org.id, 3000);
      const refusedOrder = await paidOrder(org.id, 2000);
      w.stripe.refuseTransfer = (t) => (t.transfer_group === `order_${refusedOrder.id}` ? 'Insufficient funds in Stripe account.' : undefined);
      let payout: Body;
      try {
        const refused = outcomeOf(await w.c.expectOk(run()), org.id);
        expect(refused).toMatchObject({
          outcome: 'failed',
          payout: { status: 'failed', attempt: 1, amount_minor: 4000, failure_reason: expect.stringContaining('Insufficient funds') },
        });
        payout = refused.payout;
        // Still refused: the next run retries it (attempt 2) and it fails again; the paid transfer is not sent again.
        expect(outcomeOf(await w.c.expectOk(run()), org.id)).toMatchObject({ outcome: 'failed', payout: { attempt: 2 } });
      } finally {
        w.stripe.refuseTransfer = null;
      }
      // The refused part went back to the seller's balance; what was transferred left the platform.
      expect(transfersTo(accountId).map((t) => [t.transfer_group, t.amount])).toEqual([[`order_${kept.id}`, 2400]]);
      await expectBalanced(org.id, 1600);
      const statement = await w.c.expectOk(w.c.request('GET', `/organizations/${org.id}/payouts/${payout.id}`, principalOf(org)));
      expect(statement.transfers).toEqual([
        expect.objectContaining({ order_id: kept.id, amount_minor: 2400, status: 'paid', transfer_id: transfersTo(accountId)[0].id, failure_reason: null }),
        expect.objectContaining({
          order_id: refusedOrder.id,
          amount_minor: 1600,
          source_transaction: chargeOf(refusedOrder),
          status: 'failed',
          transfer_id: null,
          failure_reason: expect.stringContaining('Insufficient funds'),
        }),
      ]);

      const retried = await w.c.expectOk(run());
      expect(outcomeOf(retried, org.id)).toMatchObject({ outcome: 'paid', payout: { id: payout.id, status: 'paid', attempt: 3, amount_minor: 4000 } });
      await w.c.expectOk(run());
      const made = transfersTo(accountId);
      expect(made.map((t) => [t.transfer_group, t.amount, t.source_transaction])).toEqual([
        [`order_${kept.id}`, 2400, chargeOf(kept)],
        [`order_${refusedOrder.id}`, 1600, chargeOf(refusedOrder)],
      ]);
      // The paid transfer's key was sent once; the refused one's with a new attempt each time.
      expect(keysSent(payout.id)).toEqual([
        `payout:${payout.id}:${kept.id}:1`,
        `payout:${payout.id}:${refusedOrder.id}:1`,
        `payout:${payout.id}:${refusedOrder.id}:2`,
        `payout:${payout.id}:${refusedOrder.id}:3`,
      ]);
      expect(await payoutLedger(payout.id, org.id)).toEqual([
        ['payout.requested', `${payout.id}:1`, 4000],
        ['payout.paid', `${payout.id}:${kept.id}:1`, -2400],
        ['payout.failed', `${payout.id}:${refusedOrder.id}:1`, -1600],
        ['payout.requested', `${payout.id}:2`, 1600],
        ['payout.failed', `${payout.id}:${refusedOrder.id}:2`, -1600],
        ['payout.requested', `${payout.id}:3`, 1600],
        ['payout.paid', `${payout.id}:${refusedOrder.id}:3`, -1600],
      ]);
      await expectBalanced(org.id);
      const after = await w.c.expectOk(w.c.request('GET', `/organizations/${org.id}/payouts/${payout.id}`, principalOf(org)));
      expect(after).toMatchObject({ status: 'paid', transfer_id: made[0].id, failure_reason: null });
      expect(after.transfers.map((t: Body) => [t.status, t.transfer_id, t.failure_reason])).toEqual([
        ['paid', made[0].id, null],
        ['paid', made[1].id, null],
      ]);
    });

    it('an unknown outcome (Stripe failing) stays in transit and is retried with the same key: one transfer', async () => {
      const org = await w.c.createOrganization(await w.c.signUp('payout-c', { verified: true }));
      const accountId = await onboard(org);
      const sold = await paidOrder(org.id, 3000);
      w.stripe.failNext(2, 500);
      const pending = await w.c.expectOk(run());
      expect(outcomeOf(pending, org.id)).toMatchObject({ outcome: 'pending', payout: { status: 'requested', amount_minor: 2400 } });
      expect(await balance(w.db, 'payouts_in_transit', org.id)).toBe(2400);
      const payoutId = outcomeOf(pending, org.id).payout.id;
      const paid = await w.c.expectOk(run());
      expect(outcomeOf(paid, org.id)).toMatchObject({ outcome: 'paid', payout: { status: 'paid', attempt: 1 } });
      expect(transfersTo(accountId)).toHaveLength(1);
      expect(new Set(keysSent(payoutId))).toEqual(new Set([`payout:${payoutId}:${sold.id}:1`]));
      expect(await balance(w.db, 'payouts_in_transit', org.id)).toBe(0);
    });

    it('a transfer Stripe made whose answer was lost mid-payout: what is known is kept, the next run replays the key and sends the rest once', async () => {
      const org = await w.c.createOrganization(await w.c.signUp('payout-i', { verified: true }));
      const accountId = await onboard(org);
      const first = await paidOrder(org.id, 3000);
      const second = await paidOrder(org.id, 2000);
      // The second transfer is made at Stripe, but neither the answer nor the SDK's retry's answer comes back.
      w.stripe.loseTransferReplies(2, (t) => t.transfer_group === `order_${second.id}`);
      const pending = outcomeOf(await w.c.expectOk(run()), org.id);
      expect(pending).toMatchObject({ outcome: 'pending', payout: { status: 'requested', amount_minor: 4000 } });
      const payoutId = pending.payout.id;
      expect(transfersTo(accountId).map((t) => t.transfer_group)).toEqual([`order_${first.id}`, `order_${second.id}`]);
      // The first transfer is recorded paid and settled; only the second's part is still in transit.
      expect(await balance(w.db, 'payouts_in_transit', org.id)).toBe(1600);
      const statement = await w.c.expectOk(w.c.request('GET', `/organizations/${org.id}/payouts/${payoutId}`, principalOf(org)));
      expect(statement.transfers.map((t: Body) => [t.order_id, t.status])).toEqual([
        [first.id, 'paid'],
        [second.id, 'pending'],
      ]);

      const runs = await Promise.all([run(), run()]);
      expect(runs.map((r) => outcomeOf(r.json(), org.id).outcome).sort()).toEqual(['in_progress', 'paid']);
      await w.c.expectOk(run());
      const made = transfersTo(accountId);
      expect(made.map((t) => [t.transfer_group, t.amount])).toEqual([
        [`order_${first.id}`, 2400],
        [`order_${second.id}`, 1600],
      ]);
      const after = await w.c.expectOk(w.c.request('GET', `/organizations/${org.id}/payouts/${payoutId}`, principalOf(org)));
      expect(after.transfers.map((t: Body) => t.transfer_id)).toEqual(made.map((t) => t.id));
      expect(new Set(keysSent(payoutId))).toEqual(new Set([`payout:${payoutId}:${first.id}:1`, `payout:${payoutId}:${second.id}:1`]));
      expect(keysSent(payoutId).filter((k) => k?.endsWith(`${first.id}:1`))).toHaveLength(1);
      await expectBalanced(org.id);
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
      // The refund of the order paid out last month is taken from this month's transfer.
      expect(statement.transfers).toEqual([
        {
          order_id: later.id,
          amount_minor: 1200,
          transfer_group: `order_${later.id}`,
          source_transaction: chargeOf(later),
          status: 'paid',
          transfer_id: expect.stringMatching(/^tr_/),
          failure_reason: null,
        },
      ]);
      expect(transfersTo(accountId).map((t) => [t.transfer_group, t.amount, t.source_transaction])).toEqual([
        [`order_${sold.id}`, 1600, chargeOf(sold)],
        [`order_${later.id}`, 1200, chargeOf(later)],
      ]);
      const nextId = result?.payout?.id as string;
      expect(await payoutLedger(nextId, org.id)).toEqual([
        ['payout.requested', `${nextId}:1`, 1200],
        ['payout.paid', `${nextId}:${later.id}:1`, -1200],
      ]);
      await expectBalanced(org.id);
    });

    it('orders paid otherwise carry no source charge; a cash sale’s commission owed is taken from the largest transfer', async () => {
      const org = await w.c.createOrganization(await w.c.signUp('payout-j', { verified: true }));
      const accountId = await onboard(org);
      const small = await paidOrder(org.id, 1500);
      const large = await paidOrder(org.id, 2500);
      const listing = w.catalog.add(org.id, 'part', 1000);
      const [inCash] = (await w.c.expectOk(w.c.request('POST', '/orders', buyer(), { body: { items: [{ listing_id: listing.id, quantity: 1 }] } }), 201))
        .orders;
      await w.c.expectOk(
        w.c.request(
          'POST',
          `/orders/${inCash.id}/cash-payment`,
          { token: org.principal.token, orgId: org.id },
          { headers: { 'idempotency-key': randomUUID() } },
        ),
      );
      // 1200 + 2000 for the card sales, less the 200 of commission the seller owes on the cash sale.
      expect(await balance(w.db, 'seller_payable', org.id)).toBe(3000);
      const paid = outcomeOf(await w.c.expectOk(run()), org.id);
      expect(paid).toMatchObject({ outcome: 'paid', payout: { amount_minor: 3000 } });
      const statement = await w.c.expectOk(w.c.request('GET', `/organizations/${org.id}/payouts/${paid.payout.id}`, principalOf(org)));
      expect(statement.lines.data.map((l: Body) => [l.order_id, l.amount_minor])).toEqual([
        [small.id, 1200],
        [large.id, 2000],
        [inCash.id, -200],
      ]);
      expect(statement.transfers.map((t: Body) => [t.order_id, t.amount_minor, t.source_transaction])).toEqual([
        [small.id, 1200, chargeOf(small)],
        [large.id, 1800, chargeOf(large)],
      ]);
      expect(transfersTo(accountId).map((t) => [t.transfer_group, t.amount])).toEqual([
        [`order_${small.id}`, 1200],
        [`order_${large.id}`, 1800],
      ]);
      await expectBalanced(org.id);
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
