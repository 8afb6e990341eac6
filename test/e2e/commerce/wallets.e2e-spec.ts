import { randomUUID } from 'node:crypto';
import { buildWorld, World } from '../organizations/organizations-test-kit';
import { waitFor } from '../../support/processes';
import { balance, Body, closeCommerce, commerceApp, CommerceWorld, deliverWebhook } from './commerce-test-kit';

/** Wallets and the ledger over HTTP: top-ups through Stripe, wallet payments under concurrency, the split per organization, reconciliation. */
describe('wallets and ledger', () => {
  let w: CommerceWorld;
  let world: World;

  beforeAll(async () => {
    w = await commerceApp();
    world = await buildWorld(w.c);
  }, 120_000);
  afterAll(() => closeCommerce(w));

  async function topUp(token: string, amount: number): Promise<Body> {
    const created = await w.c.expectOk(
      w.c.request('POST', '/wallets/me/top-ups', { token }, { body: { amount_minor: amount, currency: 'EUR' }, headers: { 'idempotency-key': randomUUID() } }),
      201,
    );
    await deliverWebhook(w, w.stripe.webhook('payment_intent.succeeded', w.stripe.succeed(created.provider_ref)));
    return created;
  }

  async function walletOf(token: string): Promise<Body> {
    return w.c.expectOk(w.c.request('GET', '/wallets/me', { token }));
  }

  describe('successful', () => {
    it('a top-up is credited once its PaymentIntent succeeds, and shows as a transaction', async () => {
      const buyer = await w.c.signUp('wallet-buyer');
      expect((await walletOf(buyer.token)).balance_minor).toBe(0);
      const created = await topUp(buyer.token, 2500);
      expect(created).toMatchObject({ status: 'requires_payment', amount_minor: 2500 });
      const wallet = await waitFor(
        async () => {
          const current = await walletOf(buyer.token);
          return current.balance_minor === 2500 ? current : undefined;
        },
        10_000,
        'wallet credited',
      );
      expect(wallet.balances).toEqual([{ currency: 'EUR', balance_minor: 2500 }]);
      expect(wallet.transactions.data).toMatchObject([{ kind: 'wallet.top-up', reference: created.id, amount_minor: 2500 }]);
    });

    it('50 concurrent wallet payments never overdraw: exactly what the balance covers succeeds', async () => {
      const buyer = await w.c.signUp('wallet-spender');
      await topUp(buyer.token, 10_000);
      await waitFor(async () => (await walletOf(buyer.token)).balance_minor === 10_000 || undefined, 10_000, 'wallet credited');
      const part = w.catalog.add(world.orgA.id, 'part', 1000, 1000);
      const sellerBefore = await balance(w.db, 'seller_payable', world.orgA.id);
      const responses = await Promise.all(
        Array.from({ length: 50 }, () =>
          w.c.request('POST', '/orders', { token: buyer.token }, { body: { items: [{ listing_id: part.id, quantity: 1 }], payment_method: 'wallet' } }),
        ),
      );
      const statuses = responses.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(responses.filter((r) => r.statusCode === 422).map((r) => r.json().code)).toEqual(Array(40).fill('COMMERCE.INSUFFICIENT_FUNDS'));
      for (const paid of responses.filter((r) => r.statusCode === 201)) expect(paid.json().orders[0].status).toBe('paid');
      expect((await walletOf(buyer.token)).balance_minor).toBe(0);
      expect(await balance(w.db, 'seller_payable', world.orgA.id)).toBe(sellerBefore + 8000);
      // The refused orders were cancelled and their stock released.
      expect(w.catalog.listings.get(part.id)?.stock).toBe(990);
      const recon = await w.c.expectOk(w.c.request('GET', '/commerce/reconciliation', { token: world.admin.token }));
      expect(recon).toEqual({ balanced: true, differences: [] });
    });

    it('the split is configurable per organization', async () => {
      await w.c.expectOk(w.c.request('PUT', `/commerce/sellers/${world.orgB.id}/commission`, { token: world.admin.token }, { body: { commission_bps: 1000 } }));
      const buyer = await w.c.signUp('split-buyer');
      await topUp(buyer.token, 999);
      await waitFor(async () => (await walletOf(buyer.token)).balance_minor === 999 || undefined, 10_000, 'wallet credited');
      const tune = w.catalog.add(world.orgB.id, 'tune', 999);
      const sellerBefore = await balance(w.db, 'seller_payable', world.orgB.id);
      const body = await w.c.expectOk(
        w.c.request('POST', '/orders', { token: buyer.token }, { body: { items: [{ listing_id: tune.id, quantity: 1 }], payment_method: 'wallet' } }),
        201,
      );
      expect(body.orders[0].status).toBe('delivered');
      // 10 % of 999 is 99.9: the platform gets 99, the seller 900.
      expect(await balance(w.db, 'seller_payable', world.orgB.id)).toBe(sellerBefore + 900);
    });
  });

  describe('failing', () => {
    it('ledger postings are immutable and every entry balances (enforced by the database)', async () => {
      await expect(w.db.query(`UPDATE ledger_postings SET amount_minor = amount_minor + 1`)).rejects.toThrow('immutable');
      await expect(w.db.query(`DELETE FROM ledger_entries`)).rejects.toThrow('immutable');
      await expect(
        w.db.transaction(async (m) => {
          const entry = randomUUID();
          const [account] = await m.query(`SELECT id FROM ledger_accounts LIMIT 1`);
          await m.query(`INSERT INTO ledger_entries (id, kind, reference, occurred_at) VALUES ($1, 'test', $2, now())`, [entry, entry]);
          await m.query(`INSERT INTO ledger_postings (entry_id, account_id, currency, amount_minor, occurred_at) VALUES ($1, $2, 'EUR', 5, now())`, [
            entry,
            account.id,
          ]);
        }),
      ).rejects.toThrow('does not balance');
    });

    it('a wallet payment beyond the balance is refused and the order cancelled', async () => {
      const buyer = await w.c.signUp('poor-buyer');
      const part = w.catalog.add(world.orgA.id, 'part', 100, 5);
      const res = await w.c.request(
        'POST',
        '/orders',
        { token: buyer.token },
        { body: { items: [{ listing_id: part.id, quantity: 1 }], payment_method: 'wallet' } },
      );
      expect([res.statusCode, res.json().code]).toEqual([422, 'COMMERCE.INSUFFICIENT_FUNDS']);
      expect(w.catalog.listings.get(part.id)?.stock).toBe(5);
      const mine = await w.c.expectOk(w.c.request('GET', '/orders', { token: buyer.token }));
      expect(mine.data.map((o: Body) => o.status)).toEqual(['cancelled']);
    });

    it('only platform admins reconcile or set commissions; wallets need a signed-in person', async () => {
      expect((await w.c.request('GET', '/commerce/reconciliation', { token: world.customer.token })).statusCode).toBe(403);
      expect(
        (
          await w.c.request(
            'PUT',
            `/commerce/sellers/${world.orgA.id}/commission`,
            { token: world.orgA.principal.token, orgId: world.orgA.id },
            { body: { commission_bps: 0 } },
          )
        ).statusCode,
      ).toBe(403);
      expect((await w.c.request('GET', '/wallets/me')).statusCode).toBe(401);
      const bad = await w.c.request('POST', '/wallets/me/top-ups', { token: world.customer.token }, { body: { amount_minor: -5, currency: 'EUR' } });
      expect(bad.statusCode).toBe(400);
    });
  });
});
