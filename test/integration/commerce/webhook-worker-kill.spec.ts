import { DataSource, QueryRunner } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { PURCHASABLES, Purchasables } from '../../../src/modules/commerce/application/ports';
import { COMMERCE_QUEUE } from '../../../src/modules/commerce/infrastructure/jobs/commerce-jobs';
import { JobQueue } from '../../../src/platform/queues/job-queue';
import { FAKE_STRIPE_KEY, FAKE_WEBHOOK_SECRET, FakeStripe } from '../../support/fake-stripe';
import { finishedJob, NodeProcess, spawnBuilt, waitFor } from '../../support/processes';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig, testEnv } from '../../support/test-config';
import { TestCatalog } from '../../e2e/commerce/commerce-test-kit';
import { OrganizationsClient } from '../../e2e/organizations/organizations-test-kit';

/** Short lock and stalled-check timings, as in fault-worker-kill.spec.ts: a dead worker's job comes back within seconds. */
const FAST_STALL = { QUEUE_LOCK_MS: '2000', QUEUE_STALLED_INTERVAL_MS: '500' };

/**
 * A worker killed (SIGKILL) in the middle of processing a Stripe webhook: the
 * payment row is locked and the order is next. The job is re-delivered to a
 * second worker, and the effect (order paid, sale posted, event published)
 * happens exactly once, even though the dead worker's statement is still
 * queued in Postgres when the second worker starts.
 */
describe('Stripe webhook: worker killed mid-processing', () => {
  let producer: TestApp;
  let stripe: FakeStripe;
  let db: DataSource;
  const workers: NodeProcess[] = [];

  afterAll(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.kill('SIGKILL')));
    await producer?.close();
    await stripe?.close();
  });

  it('the effect is applied once after the job is re-delivered', async () => {
    stripe = await new FakeStripe().start();
    const stripeEnv = {
      STRIPE_SECRET_KEY: FAKE_STRIPE_KEY,
      STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET,
      STRIPE_API_URL: stripe.url,
      STRIPE_TIMEOUT_MS: '2000',
      STRIPE_MAX_NETWORK_RETRIES: '1',
    };
    // The producer serves HTTP only; the workers are separate processes built from dist/.
    producer = await createTestApp({
      processJobs: false,
      config: testConfig({ ...FAST_STALL, ...stripeEnv, RATE_LIMIT_MAX: '100000', AUTH_RATE_LIMIT_MAX: '100000' }),
    });
    db = producer.app.get(DataSource);
    const catalog = new TestCatalog();
    Object.assign(producer.app.get<Purchasables>(PURCHASABLES, { strict: false }), {
      forSale: catalog.forSale.bind(catalog),
      reserve: catalog.reserve.bind(catalog),
      release: catalog.release.bind(catalog),
    });
    const client = new OrganizationsClient(producer);
    const buyer = await client.signUp('crash-buyer');
    const sellerOrgId = randomUUID();
    const listing = catalog.add(sellerOrgId, 'part', 1000);
    const [order] = (
      await client.expectOk(client.request('POST', '/orders', { token: buyer.token }, { body: { items: [{ listing_id: listing.id, quantity: 1 }] } }), 201)
    ).orders;
    const delivery = stripe.webhook('payment_intent.succeeded', stripe.succeed(order.payments[0].provider_ref));

    const startWorker = (): NodeProcess => {
      const worker = spawnBuilt('worker.js', testEnv(producer.config, { ...FAST_STALL, ...stripeEnv }));
      workers.push(worker);
      return worker;
    };
    const blockedBy = async (pid: number): Promise<number> =>
      ((await db.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid])) as Array<{ n: number }>)[0].n;

    // Holding the order's row: the worker locks the payment, then waits here, in the middle of its transaction.
    const blocker: QueryRunner = db.createQueryRunner();
    await blocker.connect();
    try {
      await blocker.startTransaction();
      const [{ pid }] = (await blocker.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
      await blocker.query('SELECT 1 FROM commerce_orders WHERE id = $1 FOR UPDATE', [order.id]);

      const first = startWorker();
      await first.waitForOutput(/worker processing jobs/);
      const received = await producer.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks/stripe',
        headers: { 'content-type': 'application/json', 'stripe-signature': delivery.signature },
        payload: delivery.body,
      });
      expect(received.statusCode).toBeLessThan(300);
      await waitFor(async () => (await blockedBy(pid)) === 1, 15_000, 'the first worker to wait on the order row');
      expect((await first.kill('SIGKILL')).signal).toBe('SIGKILL');

      const second = startWorker();
      await second.waitForOutput(/worker processing jobs/);
      await second.waitForOutput(/job stalled and will be re-delivered/, 15_000);
      await blocker.rollbackTransaction();

      const queue = producer.app.get(JobQueue).queue(COMMERCE_QUEUE);
      await finishedJob(queue, `webhook:stripe:${delivery.eventId}`, 'completed', 20_000);
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
    }

    const [stored] = await db.query('SELECT status FROM commerce_orders WHERE id = $1', [order.id]);
    expect(stored.status).toBe('paid');
    const entries = await db.query(`SELECT id FROM ledger_entries WHERE kind = 'order.paid' AND reference = $1`, [order.id]);
    expect(entries).toHaveLength(1);
    const [payable] = await db.query(`SELECT balance_minor FROM ledger_accounts WHERE kind = 'seller_payable' AND owner_id = $1`, [sellerOrgId]);
    expect(Number(payable.balance_minor)).toBe(800);
    const paidEvents = await db.query(`SELECT id FROM integration_events WHERE type = 'commerce.order.paid' AND payload->>'orderId' = $1`, [order.id]);
    expect(paidEvents).toHaveLength(1);
    const [event] = await db.query(`SELECT processed_at FROM commerce_webhook_events WHERE event_id = $1`, [delivery.eventId]);
    expect(event.processed_at).not.toBeNull();
    expect(
      (
        await db.query(
          `SELECT count(*)::int AS n FROM ledger_accounts a WHERE a.balance_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM ledger_postings p WHERE p.account_id = a.id)`,
        )
      )[0].n,
    ).toBe(0);
  }, 120_000);
});
