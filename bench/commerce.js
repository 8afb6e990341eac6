'use strict';

/**
 * Commerce benchmarks (issue #20, "Bench and reliability"): helpers for the commerce-order and commerce-wallet
 * scenarios of bench/scenarios.js, and two scenarios that measure themselves:
 *
 * - commerce-webhook: N card orders are created through the API, the fake Stripe marks their PaymentIntents
 *   succeeded, and N signed `payment_intent.succeeded` webhooks are delivered to the API (plus a replay of the first
 *   tenth, which must change nothing). One worker instance (PROCESS_ROLE=all) processes the jobs. Reported: events
 *   per second for that worker (first delivery to the last order paid), and whether the ledger is exact (one
 *   `order.paid` entry per order, every account's balance equal to the sum of its postings).
 *   Env: BENCH_WEBHOOK_EVENTS (500), BENCH_WEBHOOK_TIMEOUT_S (180).
 * - commerce-orders-1000: a listing with limited stock and 1,000 wallet-paid orders for it sent at once by 20 buyers,
 *   each with its own Idempotency-Key. Reported: the wall time and latencies; checked: no oversell (orders paid =
 *   units taken from stock <= the stock), every refusal is 409 COMMERCE.OUT_OF_STOCK (never a 5xx), and the ledger
 *   exact afterwards (seller + platform = what was paid, balances = postings).
 *   Env: BENCH_ORDERS_CONCURRENT (1000), BENCH_ORDERS_STOCK (100), BENCH_ORDERS_BUYERS (20).
 *
 * The listings are parts written with SQL for a random seller organization (the marketplace's facade sells them
 * like any published listing); the buyers sign up through the API; wallets are funded through the real top-up flow
 * (a PaymentIntent at the fake Stripe, a signed webhook, the worker's job).
 */
const { randomUUID } = require('node:crypto');

const num = (name, fallback) => Number(process.env[name] ?? fallback);
const PASSWORD = 'Bench!Passw0rd-42';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One API call; returns { status, body }. Throws on a status >= 300 unless `expect` lists it. */
async function call(base, method, path, { token, body, headers = {}, expect = [] } = {}) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : {};
  if (res.status >= 300 && !expect.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return { status: res.status, body: parsed };
}

/** A buyer signed up and signed in through the API: { id, token }. */
async function buyer(ctx, label) {
  const email = `bench-${label}-${Date.now()}-${randomUUID().slice(0, 8)}@example.test`;
  const signup = await call(ctx.apiUrl, 'POST', '/auth/signup', { body: { full_name: 'Bench Buyer', email, password: PASSWORD, date_of_birth: '1990-01-01' } });
  return { id: signup.body.user.id, token: signup.body.access_token };
}

/** `count` published parts of one new seller organization, each with `stock` units at `priceMinor`: their ids and the seller. */
async function benchListings(ctx, { count = 1, stock = 100_000_000, priceMinor = 1000, currency = 'EUR' } = {}) {
  const orgId = randomUUID();
  const rows = await ctx.query(
    `INSERT INTO marketplace_listings (id, org_id, kind, status, title, description, price_minor, currency, stock, details, model_ids, brand_ids,
       vehicle_type_ids, condition, published_at)
     SELECT gen_random_uuid(), $1, 'part', 'published', 'Bench part ' || i, 'For the commerce bench', $2, $3, $4,
       '{"kind":"part","modelIds":[],"partNumber":"BENCH-1","condition":"new","photos":[]}'::jsonb, '{}', '{}', '{}', 'new', now()
     FROM generate_series(1, $5::int) AS i RETURNING id`,
    [orgId, priceMinor, currency, stock, count],
  );
  return { orgId, listingIds: rows.map((row) => row.id) };
}

/** A worker instance (PROCESS_ROLE=all) that runs the commerce jobs (webhooks); one per bench run. */
async function commerceWorker(ctx, log) {
  if (!ctx.state.commerceWorker) {
    ctx.state.commerceWorker = ctx.startApiInstance({ PROCESS_ROLE: 'all' });
    log?.(`commerce: worker instance at ${(await ctx.state.commerceWorker).url}`);
  }
  return ctx.state.commerceWorker;
}

async function deliverWebhook(ctx, delivery) {
  return call(ctx.apiUrl, 'POST', '/webhooks/stripe', {
    body: delivery.body,
    headers: { 'content-type': 'application/json', 'stripe-signature': delivery.signature },
  });
}

/**
 * Funds a buyer's wallet through the real top-up flow: a top-up (PaymentIntent at the fake Stripe), the intent
 * succeeds, its signed webhook is delivered, and the worker's job credits the wallet. Waits for the balance.
 */
async function fundWallet(ctx, token, amountMinor, currency = 'EUR', timeoutMs = 60_000) {
  await commerceWorker(ctx);
  const before = (await call(ctx.apiUrl, 'GET', `/wallets/me?currency=${currency}`, { token })).body.balance_minor;
  const topUp = await call(ctx.apiUrl, 'POST', '/wallets/me/top-ups', {
    token,
    body: { amount_minor: amountMinor, currency },
    headers: { 'idempotency-key': `bench-top-up-${randomUUID()}` },
  });
  await deliverWebhook(ctx, ctx.stripe.webhook('payment_intent.succeeded', ctx.stripe.succeed(topUp.body.provider_ref)));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { balance_minor: balance } = (await call(ctx.apiUrl, 'GET', `/wallets/me?currency=${currency}`, { token })).body;
    if (balance >= before + amountMinor) return balance;
    if (Date.now() > deadline) throw new Error(`commerce: the wallet top-up was not credited within ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

/** Accounts whose stored balance differs from the sum of their postings (the reconciliation's query, in SQL). */
async function ledgerDifferences(ctx) {
  return ctx.query(
    `SELECT a.id, a.balance_minor, coalesce(sum(p.amount_minor), 0) AS posted FROM ledger_accounts a
       LEFT JOIN ledger_postings p ON p.account_id = a.id GROUP BY a.id HAVING a.balance_minor <> coalesce(sum(p.amount_minor), 0)`,
  );
}

async function balanceOf(ctx, kind, ownerId, currency = 'EUR') {
  const [row] = await ctx.query(`SELECT balance_minor FROM ledger_accounts WHERE kind = $1 AND owner_id = $2 AND currency = $3`, [kind, ownerId, currency]);
  return row ? Number(row.balance_minor) : 0;
}

/** Runs `work(i)` for i in [0, count) with at most `limit` at a time. */
async function pooled(count, limit, work) {
  const results = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await work(i);
      }
    }),
  );
  return results;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
};

// ---------------------------------------------------------------- setups of the autocannon scenarios

/** commerce-order: 200 parts (unlimited for the run) and a buyer; every request orders one by card with its own key. */
async function setupOrder(ctx) {
  const { listingIds } = await benchListings(ctx, { count: 200 });
  const { token } = await buyer(ctx, 'order');
  ctx.state.commerceOrder = { listingIds, token, prefix: `bench-order-${Date.now()}` };
}

/** commerce-wallet: 200 parts and 10 buyers, each wallet funded through the top-up flow; requests rotate the buyers. */
async function setupWallet(ctx, log) {
  const { orgId, listingIds } = await benchListings(ctx, { count: 200, priceMinor: 100 });
  const buyers = [];
  for (let i = 0; i < 10; i += 1) {
    const b = await buyer(ctx, `wallet-${i}`);
    await fundWallet(ctx, b.token, 100_000_000);
    buyers.push(b);
  }
  log?.(`commerce-wallet: ${buyers.length} wallets funded with 1,000,000.00 EUR each`);
  ctx.state.commerceWallet = { orgId, listingIds, buyers, prefix: `bench-wallet-${Date.now()}` };
}

// ---------------------------------------------------------------- commerce-webhook

async function runWebhook(ctx, log) {
  const events = num('BENCH_WEBHOOK_EVENTS', 500);
  const timeoutMs = num('BENCH_WEBHOOK_TIMEOUT_S', 180) * 1000;
  await commerceWorker(ctx, log);
  const { orgId, listingIds } = await benchListings(ctx, { count: 50 });
  const { token } = await buyer(ctx, 'webhook');
  const prefix = `bench-webhook-${Date.now()}`;
  log(`commerce-webhook: creating ${events} card orders`);
  const orders = await pooled(events, 10, async (i) => {
    const { body } = await call(ctx.apiUrl, 'POST', '/orders', {
      token,
      body: { items: [{ listing_id: listingIds[i % listingIds.length], quantity: 1 }], payment_method: 'card' },
      headers: { 'idempotency-key': `${prefix}-${i}` },
    });
    return { orderId: body.orders[0].id, intent: body.orders[0].payments[0].provider_ref, total: body.orders[0].total_minor };
  });
  const deliveries = orders.map((o) => ctx.stripe.webhook('payment_intent.succeeded', ctx.stripe.succeed(o.intent)));
  const replays = deliveries.slice(0, Math.ceil(events / 10));
  const orderIds = orders.map((o) => o.orderId);
  const paidCount = async () =>
    (
      await ctx.query(`SELECT count(*)::int AS n FROM commerce_orders WHERE id = ANY($1::uuid[]) AND status NOT IN ('pending', 'awaiting_payment')`, [orderIds])
    )[0].n;

  log(`commerce-webhook: delivering ${deliveries.length} webhooks (+ ${replays.length} replays)`);
  const started = performance.now();
  await pooled(deliveries.length, 20, (i) => deliverWebhook(ctx, deliveries[i]));
  const acceptedMs = performance.now() - started;
  await pooled(replays.length, 20, (i) => deliverWebhook(ctx, replays[i]));
  let paid = 0;
  while ((paid = await paidCount()) < events) {
    if (performance.now() - started > timeoutMs) break;
    await sleep(20);
  }
  const seconds = (performance.now() - started) / 1000;
  // The replays' jobs may still be queued: let them run before the ledger is checked.
  await sleep(2000);
  const [{ n: entries }] = await ctx.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE kind = 'order.paid' AND reference = ANY($1)`, [orderIds]);
  const sold = orders.reduce((sum, o) => sum + o.total, 0);
  const earned = await balanceOf(ctx, 'seller_payable', orgId);
  const differences = await ledgerDifferences(ctx);
  const problems = [];
  if (paid < events) problems.push(`only ${paid} of ${events} orders paid within ${timeoutMs / 1000} s`);
  if (entries !== events) problems.push(`${entries} order.paid ledger entries for ${events} orders`);
  if (differences.length > 0) problems.push(`${differences.length} ledger accounts differ from their postings`);
  if (earned <= 0 || earned > sold) problems.push(`seller payable ${earned} for ${sold} sold`);
  const perSecond = paid / seconds;
  const summary =
    `${paid} payment_intent.succeeded events (+ ${replays.length} replays) processed by one worker in ${seconds.toFixed(2)} s: ` +
    `${perSecond.toFixed(1)} events/s; the API accepted the deliveries in ${(acceptedMs / 1000).toFixed(2)} s ` +
    `(${(events / (acceptedMs / 1000)).toFixed(0)}/s); ledger ${differences.length === 0 && entries === events ? 'exact' : 'NOT exact'}`;
  log(`commerce-webhook: ${summary}`);
  return { events, paid, seconds, eventsPerSecond: perSecond, acceptedPerSecond: events / (acceptedMs / 1000), ledgerEntries: entries, summary, problems };
}

// ---------------------------------------------------------------- commerce-orders-1000

async function runOrders1000(ctx, log) {
  const concurrent = num('BENCH_ORDERS_CONCURRENT', 1000);
  const stock = num('BENCH_ORDERS_STOCK', 100);
  const buyerCount = num('BENCH_ORDERS_BUYERS', 20);
  const priceMinor = 1000;
  await commerceWorker(ctx, log);
  const {
    orgId,
    listingIds: [listingId],
  } = await benchListings(ctx, { count: 1, stock, priceMinor });
  const buyers = [];
  for (let i = 0; i < buyerCount; i += 1) {
    const b = await buyer(ctx, `rush-${i}`);
    await fundWallet(ctx, b.token, priceMinor * Math.ceil(concurrent / buyerCount));
    buyers.push(b);
  }
  const platformBefore = await balanceOf(ctx, 'platform_revenue', 'platform');
  const prefix = `bench-rush-${Date.now()}`;
  log(`commerce-orders-1000: ${concurrent} concurrent wallet orders by ${buyerCount} buyers for a listing with ${stock} in stock`);
  const started = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: concurrent }, async (_, i) => {
      const t0 = performance.now();
      try {
        const res = await call(ctx.apiUrl, 'POST', '/orders', {
          token: buyers[i % buyers.length].token,
          body: { items: [{ listing_id: listingId, quantity: 1 }], payment_method: 'wallet' },
          headers: { 'idempotency-key': `${prefix}-${i}` },
          expect: [409, 422, 500, 502, 503, 504],
        });
        return { status: res.status, code: res.body.code, ms: performance.now() - t0 };
      } catch (error) {
        return { status: 0, code: error instanceof Error ? error.message : String(error), ms: performance.now() - t0 };
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const created = outcomes.filter((o) => o.status === 201).length;
  const outOfStock = outcomes.filter((o) => o.status === 409 && o.code === 'COMMERCE.OUT_OF_STOCK').length;
  const other = outcomes.filter((o) => o.status !== 201 && !(o.status === 409 && o.code === 'COMMERCE.OUT_OF_STOCK'));
  const [{ stock: left }] = await ctx.query(`SELECT stock FROM marketplace_listings WHERE id = $1`, [listingId]);
  const [{ n: paidOrders }] = await ctx.query(
    `SELECT coalesce(sum(l.quantity), 0)::int AS n FROM commerce_order_lines l JOIN commerce_orders o ON o.id = l.order_id
      WHERE l.listing_id = $1 AND o.status NOT IN ('cancelled', 'pending', 'awaiting_payment')`,
    [listingId],
  );
  const sellerEarned = await balanceOf(ctx, 'seller_payable', orgId);
  const platformEarned = (await balanceOf(ctx, 'platform_revenue', 'platform')) - platformBefore;
  const differences = await ledgerDifferences(ctx);
  const problems = [];
  if (paidOrders > stock) problems.push(`OVERSOLD: ${paidOrders} units paid for ${stock} in stock`);
  if (Number(left) !== stock - paidOrders) problems.push(`stock left ${left}, expected ${stock - paidOrders}`);
  if (paidOrders !== Math.min(stock, concurrent)) problems.push(`${paidOrders} units sold, expected ${Math.min(stock, concurrent)}`);
  if (other.length > 0) problems.push(`${other.length} answers other than 201 or 409 OUT_OF_STOCK (e.g. ${other[0].status} ${other[0].code})`);
  if (sellerEarned + platformEarned !== paidOrders * priceMinor)
    problems.push(`ledger: seller ${sellerEarned} + platform ${platformEarned} != ${paidOrders * priceMinor} paid`);
  if (differences.length > 0) problems.push(`${differences.length} ledger accounts differ from their postings`);
  const latencies = outcomes.map((o) => o.ms);
  const summary =
    `${concurrent} concurrent orders for ${stock} units in ${seconds.toFixed(2)} s (p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
    `p99 ${percentile(latencies, 99).toFixed(0)} ms): ${created} created and paid, ${outOfStock} refused 409 OUT_OF_STOCK, ` +
    `${other.length} other; ${paidOrders} units sold, ${left} left; ledger ${problems.length === 0 ? 'exact' : 'NOT exact'}`;
  log(`commerce-orders-1000: ${summary}`);
  return { concurrent, stock, seconds, created, outOfStock, other: other.length, paidUnits: paidOrders, stockLeft: Number(left), summary, problems };
}

module.exports = { setupOrder, setupWallet, runWebhook, runOrders1000, benchListings, fundWallet, commerceWorker };
