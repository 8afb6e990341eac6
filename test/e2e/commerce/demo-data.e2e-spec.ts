import pino from 'pino';
import { DEMO_CUSTOMERS, DEMO_ORGANIZATIONS, DEMO_PASSWORD, seedDemoData } from '../../../src/modules/organizations';
import { MarketplaceDemoSeeder } from '../../../src/modules/marketplace/infrastructure/seed/marketplace-demo.seeder';
import { CommerceDemoSeeder, commerceDemoId, DEMO_ORDERS, DEMO_TOP_UPS } from '../../../src/modules/commerce/infrastructure/seed/commerce-demo.seeder';
import { AnalyticsDemoSeeder } from '../../../src/modules/analytics/infrastructure/seed/analytics-demo.seeder';
import { DemoSeeds } from '../../../src/platform/demo/demo-seed';
import { testConfig } from '../../support/test-config';
import { Body, closeCommerce, commerceApp, CommerceWorld } from './commerce-test-kit';
import { useOwnDatabase } from '../../support/own-database';

describe('commerce: demo data', () => {
  useOwnDatabase('demo_commerce');
  let w: CommerceWorld;

  beforeAll(async () => {
    // The dev server's configuration: no Stripe key at all.
    w = await commerceApp({ STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '', STRIPE_API_URL: '' }, { realMarketplace: true });
    await seedDemoData(testConfig(), pino({ level: 'silent' }));
    await w.t.app.get(MarketplaceDemoSeeder).seed();
  }, 120_000);
  afterAll(() => closeCommerce(w));

  const logIn = async (email: string): Promise<string> => (await w.c.identity.logIn(email, DEMO_PASSWORD)).accessToken;

  async function ledgerSnapshot(): Promise<string> {
    const rows = await w.db.query(`SELECT kind, owner_id, currency, balance_minor FROM ledger_accounts ORDER BY 1, 2, 3`);
    const counts = await w.db.query(
      `SELECT (SELECT count(*) FROM ledger_entries)::int AS entries, (SELECT count(*) FROM commerce_orders)::int AS orders,
              (SELECT count(*) FROM commerce_payments)::int AS payments, (SELECT count(*) FROM commerce_refunds)::int AS refunds`,
    );
    return JSON.stringify({ rows, counts });
  }

  describe('successful', () => {
    it('runs between the marketplace and messaging seeders', () => {
      const names = w.t.app
        .get(DemoSeeds)
        .list()
        .map((s) => s.name);
      expect(names.indexOf('CommerceDemoSeeder')).toBeGreaterThan(names.indexOf('MarketplaceDemoSeeder'));
      const order = w.t.app
        .get(DemoSeeds)
        .list()
        .find((s) => s.name === 'CommerceDemoSeeder')?.order;
      expect(order).toBe(20);
    });

    it('seeds wallets and orders in several states without Stripe; a second run changes nothing', async () => {
      const seeder = w.t.app.get(CommerceDemoSeeder);
      await seeder.seed();
      const before = await ledgerSnapshot();
      expect(await seeder.seed()).toEqual({ topUps: 0, orders: 0, advanced: 0, refunds: 0 });
      expect(await ledgerSnapshot()).toBe(before);

      // Riley: a delivered tune, delivered brake pads, paid oil filters; her wallet paid for them.
      const riley = await logIn(DEMO_CUSTOMERS[0].email);
      const mine = await w.c.expectOk(w.c.request('GET', '/orders', { token: riley }, { query: { limit: '50' } }));
      const statuses = mine.data.map((o: Body) => o.status).sort();
      expect(statuses).toEqual(['delivered', 'delivered', 'paid']);
      const wallet = await w.c.expectOk(w.c.request('GET', '/wallets/me', { token: riley }, { query: { currency: 'USD' } }));
      expect(wallet.balance_minor).toBe(60_000 - 14_900 - 6_450 - 2 * 1_450);
      expect(wallet.transactions.data.length).toBe(4);

      // Jamie: the refunded tune gave the money back to the wallet.
      const jamie = await logIn(DEMO_CUSTOMERS[1].email);
      const theirs = await w.c.expectOk(w.c.request('GET', '/orders', { token: jamie }, { query: { limit: '50' } }));
      expect(theirs.data.map((o: Body) => o.status).sort()).toEqual(['delivered', 'refunded', 'shipped']);
      const jamieUsd = await w.c.expectOk(w.c.request('GET', '/wallets/me', { token: jamie }, { query: { currency: 'USD' } }));
      expect(jamieUsd.balance_minor).toBe(50_000 - 1_450);

      // Every order of the demo exists once, and states cover paid → delivered and refunded.
      const all: Array<{ status: string }> = await w.db.query(`SELECT o.status FROM commerce_orders o WHERE o.checkout_id = ANY($1)`, [
        DEMO_ORDERS.map((d) => commerceDemoId(`checkout:${d.key}`)),
      ]);
      expect(all).toHaveLength(DEMO_ORDERS.length);
      expect(new Set(all.map((o) => o.status))).toEqual(new Set(['paid', 'confirmed', 'shipped', 'delivered', 'refunded']));
      expect(DEMO_TOP_UPS.length).toBe(4);

      // The seller sees its orders; the ledger is exact.
      const apex = DEMO_ORGANIZATIONS.find((o) => o.slug === 'apex-tunes-studio')!;
      const cleo = await logIn(apex.members[0].email);
      const orgId = (await w.db.query(`SELECT id FROM organizations WHERE slug = $1`, [apex.slug]))[0].id;
      const sold = await w.c.expectOk(w.c.request('GET', `/organizations/${orgId}/orders`, { token: cleo, orgId }));
      expect(sold.data.map((o: Body) => o.status).sort()).toEqual(['delivered', 'refunded']);
      const payable: Array<{ balance_minor: string }> = await w.db.query(
        `SELECT balance_minor FROM ledger_accounts WHERE kind = 'seller_payable' AND owner_id = $1 AND currency = 'USD'`,
        [orgId],
      );
      expect(Number(payable[0].balance_minor)).toBe(14_900 - Math.floor((14_900 * 2000) / 10_000));
      const discrepancies = await w.db.query(
        `SELECT a.id FROM ledger_accounts a LEFT JOIN ledger_postings p ON p.account_id = a.id GROUP BY a.id HAVING a.balance_minor <> coalesce(sum(p.amount_minor), 0)`,
      );
      expect(discrepancies).toEqual([]);
    });

    it('analytics demo: the demo organizations’ roll-ups are recomputed after every other seeder; a second run gives the same figures', async () => {
      const seeds = w.t.app.get(DemoSeeds).list();
      expect(seeds.at(-1)?.name).toBe('AnalyticsDemoSeeder');
      const seeder = w.t.app.get(AnalyticsDemoSeeder);
      const first = await seeder.seed();
      expect(first.organizations).toBe(DEMO_ORGANIZATIONS.length);
      const apex = DEMO_ORGANIZATIONS.find((o) => o.slug === 'apex-tunes-studio')!;
      const cleo = await logIn(apex.members[0].email);
      const orgId = (await w.db.query(`SELECT id FROM organizations WHERE slug = $1`, [apex.slug]))[0].id;
      const today = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
      const report = async () =>
        (
          await w.c.expectOk(
            w.c.request('GET', `/organizations/${orgId}/analytics`, { token: cleo }, { query: { from, to: today }, headers: { 'cache-control': 'no-cache' } }),
          )
        ).totals as Body;
      const totals = await report();
      expect(totals).toMatchObject({ orders: 2, refunds: 1 });
      const paid = Number((await w.db.query(`SELECT sum(total_minor) AS s FROM commerce_orders WHERE org_id = $1 AND paid_at IS NOT NULL`, [orgId]))[0].s);
      const refunded = totals.refunded.find((r: Body) => r.currency === 'USD').amount_minor;
      expect(refunded).toBeGreaterThan(0);
      expect(totals.revenue).toEqual([{ currency: 'USD', amount_minor: paid - refunded }]);
      expect(await seeder.seed()).toEqual(first);
      expect(await report()).toEqual(totals);
    });
  });
});
