'use strict';

/**
 * Benchmark scenarios: each compares one RevSync API request with the bare
 * Fastify + pg server in bench/baseline-server.js doing the comparable work.
 * Append new scenarios to the list; bench/run.js runs them in order.
 *
 * A scenario:
 *   name         unique, short, kebab-case; the key in bench/results/latest.json
 *   description  one line for the report
 *   api          the RevSync request: { path, method = 'GET', headers, body }; path may be (ctx) => string
 *   baseline     the baseline request it is compared to, same shape
 *   connections  concurrent connections (default 50; env BENCH_CONNECTIONS overrides)
 *   duration     seconds measured after a 2 s warm-up (default 10; env BENCH_DURATION overrides);
 *                before the first round each target also gets ctx.options.warmupRequests requests
 *   setup        optional async (ctx) => void, run once before the scenario, e.g. to
 *                seed rows with ctx.query or to log in and keep a token on ctx.state
 *   reference    optional { label, unit, run: async (ctx, seconds) => number }: a figure measured
 *                in the harness right before and right after the API run (e.g. argon2
 *                verifications/s alone), reported as their mean with ratio = API req/s ÷ that mean
 *
 * In a request, `headers` is an object or (ctx) => object (evaluated once per run),
 * and `body` is a string, an object (sent as JSON) or (ctx, n) => string | object,
 * called for every request with its sequence number n (for unique keys).
 * Any status other than 2xx is counted and flagged in the report.
 *
 * ctx (built by bench/run.js):
 *   apiUrl, baselineUrl, databaseUrl, redisUrl
 *   seed        { outboxId }: a row of outbox_messages inserted by the harness
 *   query(sql, params) -> rows, on the benchmark database
 *   state       a plain object scenarios may use to pass data to their requests
 *   options     { connections, duration, rounds, warmupRequests } of the scenario being run
 *   apiThreadPoolSize  libuv threads the API process runs with (src/platform/infra/thread-pool.ts)
 *   stripe      the fake Stripe the API talks to (test/support/fake-stripe.ts through bench/fake-stripe.js)
 *   startApiInstance(env)  another API process on the same database and Redis (e.g. PROCESS_ROLE=all as a worker)
 *
 * `requestHeaders: (ctx, n) => object` in a request adds headers per request (an Idempotency-Key each), with body's n.
 */
const { execFile } = require('node:child_process');
const crypto = require('node:crypto');
const path = require('node:path');

/** Name-based ids from migrations/1763942460000-CatalogReferenceData.ts (the same in every environment). */
const CATALOG_MOTORCYCLE_ID = '7c30644d-c740-5a95-bdfb-39b187531dae';
const CATALOG_HONDA_ID = '6385c2c8-97ea-56fc-8d90-2d67e3ea7a12';

module.exports = [
  {
    name: 'health-live',
    description: 'Liveness: full request pipeline (hooks, guards, interceptors), no I/O',
    api: { method: 'GET', path: '/api/v1/health/live' },
    baseline: { method: 'GET', path: '/health/live' },
  },
  {
    name: 'db-read',
    description: 'Readiness (Postgres ping + Redis ping + queue counts) vs one single-row SELECT',
    api: { method: 'GET', path: '/api/v1/health/ready' },
    baseline: { method: 'GET', path: '/row' },
  },
  // Catalog: the API answers list reads from the shared Redis cache (after the warm-up's first miss);
  // the baseline runs the catalog's list SQL on every request. Ids are the seed's name-based UUIDs.
  {
    name: 'catalog-brands-cached',
    description: 'Brands making motorcycles, first page of 20: cached in Redis vs the same SQL on each request',
    api: { method: 'GET', path: `/api/v1/catalog/vehicle-brands?vehicle_type=${CATALOG_MOTORCYCLE_ID}` },
    baseline: { method: 'GET', path: `/catalog/vehicle-brands?vehicle_type=${CATALOG_MOTORCYCLE_ID}` },
  },
  {
    name: 'catalog-models-cached',
    description: 'Honda models, first page of 20 (brand and type joined): cached in Redis vs the same SQL on each request',
    api: { method: 'GET', path: `/api/v1/catalog/vehicle-models?vehicle_brand=${CATALOG_HONDA_ID}` },
    baseline: { method: 'GET', path: `/catalog/vehicle-models?vehicle_brand=${CATALOG_HONDA_ID}` },
  },
  // Identity: one account signed up in setup; GET /auth/me verifies the token, checks the session and reads the
  // account, against the baseline reading the same row with the same SQL (no auth at all).
  {
    name: 'identity-me',
    description: 'GET /auth/me with a bearer token (JWT + session check + profile read) vs the same profile SELECT',
    setup: async (ctx) => {
      const email = `bench-${Date.now()}@example.test`;
      const response = await fetch(`${ctx.apiUrl}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ full_name: 'Bench Mark', email, password: 'Bench!Passw0rd-42', date_of_birth: '1990-01-01' }),
      });
      if (response.status !== 201) throw new Error(`identity-me setup: signup answered ${response.status}`);
      const body = await response.json();
      ctx.state.accessToken = body.access_token;
      ctx.state.accountId = body.user.id;
    },
    api: { method: 'GET', path: '/api/v1/auth/me', headers: (ctx) => ({ authorization: `Bearer ${ctx.state.accessToken}` }) },
    baseline: { method: 'GET', path: (ctx) => `/account?id=${ctx.state.accountId}` },
  },
  // Login: one account signed up in setup, the same credentials on every request. argon2id verification is the
  // whole cost, so the figure that matters is login req/s ÷ argon2id verifications/s measured alone in the same run.
  {
    name: 'identity-login',
    description: 'POST /auth/login (argon2id verify + session, refresh token and audit rows) vs one single-row SELECT',
    // Throughput is bounded by argon2 (one libuv thread per CPU): 8 connections saturate it, and keep the backlog the
    // warm-up leaves behind (logins still queued when it stops) from delaying the measured run by seconds.
    connections: 8,
    setup: async (ctx) => {
      const account = await signUp(ctx, 'login');
      ctx.state.login = { email: account.email, password: account.password };
      const [{ password_hash: hash }] = await ctx.query('SELECT password_hash FROM accounts WHERE id = $1', [account.id]);
      ctx.state.loginPasswordHash = hash;
    },
    api: { method: 'POST', path: '/api/v1/auth/login', body: (ctx) => ctx.state.login },
    baseline: { method: 'GET', path: '/row' },
    // Measured by bench/run.js right before and right after the API run (the mean is the reference): argon2.verify of
    // the account's own stored hash (so the API's cost parameters) in a loop, alone on the machine (see argon2VerifyRate).
    reference: {
      label: 'argon2id verify alone',
      unit: '/s',
      run: (ctx, seconds) => argon2VerifyRate(ctx.state.loginPasswordHash, BENCH_PASSWORD, seconds, ctx.apiThreadPoolSize),
    },
  },
  // Refresh: every request rotates a different, unused refresh token. Setup inserts the sessions and tokens with SQL
  // (ids and raw tokens derived from a per-run prefix and the request number n), as many as the run can use.
  {
    name: 'identity-refresh',
    description: 'POST /auth/refresh with a fresh token per request (family lock, rotation, successor, new JWT) vs one single-row SELECT',
    setup: async (ctx) => {
      const account = await signUp(ctx, 'refresh');
      const prefix = `bench-${Date.now()}-`;
      // Far more than the API can rotate in all rounds of the run (it manages hundreds per second on two cores).
      const count = Math.max(20_000, (ctx.options.duration + 2) * 5_000 * ctx.options.rounds + ctx.options.warmupRequests);
      await ctx.query(
        `INSERT INTO sessions (id, user_id, auth_method, generation, idle_expires_at, absolute_expires_at)
         SELECT md5($2 || n)::uuid, $1, 'password', 0, now() + interval '1 day', now() + interval '7 days'
         FROM generate_series(0, $3 - 1) AS n`,
        [account.id, prefix, count],
      );
      await ctx.query(
        `INSERT INTO refresh_tokens (family_id, generation, token_hash)
         SELECT md5($1 || n)::uuid, 0, sha256(convert_to($1 || 'rt-' || n, 'UTF8'))
         FROM generate_series(0, $2 - 1) AS n`,
        [prefix, count],
      );
      ctx.state.refreshPrefix = prefix;
      ctx.state.refreshCount = count;
    },
    api: {
      method: 'POST',
      path: '/api/v1/auth/refresh',
      body: (ctx, n) => ({ refresh_token: `${ctx.state.refreshPrefix}rt-${n % ctx.state.refreshCount}` }),
    },
    baseline: { method: 'GET', path: '/row' },
  },
  // Bookings: a shop inserted in setup with 4 bays, 3 services and a day with 40 bookings. Availability computes a
  // shop-day's free start times (uncached); the baseline runs the same five statements and returns their rows.
  {
    name: 'bookings-availability',
    description: 'Free start times of a busy shop-day (5 statements + slot computation) vs the same SQL returning rows',
    setup: async (ctx) => {
      await benchShop(ctx);
    },
    api: { method: 'GET', path: (ctx) => `/api/v1/availability?${ctx.state.availabilityQuery}` },
    baseline: { method: 'GET', path: (ctx) => `/bookings/availability?${ctx.state.availabilityQuery}` },
  },
  // Booking creation by a signed-in customer: every request asks for another (date, time), over 89 days of
  // round-the-clock 5 minute slots on 50 bays, so none is refused. Against one SELECT: not like for like.
  {
    name: 'bookings-create',
    description: 'POST /bookings (quote, availability, insert under the exclusion constraint, event) vs one SELECT',
    connections: 10,
    setup: async (ctx) => {
      await benchShop(ctx, { bays: 50, round: true });
      ctx.state.bookerToken = await logIn(ctx, await signUp(ctx, 'booker'));
    },
    api: {
      method: 'POST',
      path: '/api/v1/bookings',
      headers: (ctx) => ({ authorization: `Bearer ${ctx.state.bookerToken}` }),
      body: (ctx, n) => {
        const day = 1 + (n % 89);
        const slot = Math.floor(n / 89) % 288;
        const date = new Date(Date.now() + day * 86_400_000).toISOString().slice(0, 10);
        const time = `${String(Math.floor(slot / 12)).padStart(2, '0')}:${String((slot % 12) * 5).padStart(2, '0')}`;
        return {
          shop_id: ctx.state.shopId,
          customer_name: 'Bench Rider',
          customer_phone: '+919876543210',
          vehicle_model_id: ctx.state.modelId,
          service_ids: [ctx.state.quickServiceId],
          service_location: 'shop',
          appointment_date: date,
          appointment_time: time,
          payment_method: 'cash',
        };
      },
    },
    baseline: { method: 'GET', path: '/row' },
  },
  // Messaging: WebSocket fan-out across two API instances through the Redis adapter (bench/messaging-fanout.js).
  {
    name: 'messaging-fanout',
    description: 'Group messages sent over REST, delivered to 1,000 Socket.IO clients on two API instances',
    run: require('./messaging-fanout').run,
  },
  // Community: a thread of 1 + 100 posts (with reactions) seeded with SQL; the API reads the page of 100 (visibility check, posts with
  // reaction counts and the reader's own, author names, read marker) against the baseline running the same posts statement alone.
  {
    name: 'community-thread',
    description: 'GET /forum/threads/{id}/posts?limit=100 (thread with 100 replies) vs the same posts SQL',
    setup: async (ctx) => {
      const account = await signUp(ctx, 'community');
      ctx.state.communityToken = await logIn(ctx, account);
      ctx.state.communityReader = account.id;
      const [{ id: categoryId }] = await ctx.query(
        `INSERT INTO community_categories (id, name, slug, created_at, updated_at) VALUES (gen_random_uuid(), 'Bench', $1, now(), now()) RETURNING id`,
        [`bench-${Date.now()}`],
      );
      const [{ id: threadId }] = await ctx.query(
        `INSERT INTO community_threads (id, category_id, author_id, title, post_count, last_post_number, last_posted_at, search, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'Bench thread', 101, 101, now(), to_tsvector('english', 'Bench thread'), now(), now()) RETURNING id`,
        [categoryId, account.id],
      );
      await ctx.query(
        `INSERT INTO community_posts (id, thread_id, post_number, author_id, body_markdown, body_html, created_at, updated_at)
       SELECT gen_random_uuid(), $1, n, $2, 'Post ' || n, '<p>Post ' || n || ' with <strong>some</strong> text</p>', now(), now() FROM generate_series(1, 101) n`,
        [threadId, account.id],
      );
      await ctx.query(
        `INSERT INTO community_post_reactions (post_id, user_id, reaction) SELECT id, $2, 'like' FROM community_posts WHERE thread_id = $1 AND post_number % 3 = 0`,
        [threadId, account.id],
      );
      ctx.state.communityThread = threadId;
    },
    api: {
      method: 'GET',
      path: (ctx) => `/api/v1/forum/threads/${ctx.state.communityThread}/posts?limit=100`,
      headers: (ctx) => ({ authorization: `Bearer ${ctx.state.communityToken}` }),
    },
    baseline: { method: 'GET', path: (ctx) => `/community/thread-posts?thread=${ctx.state.communityThread}&reader=${ctx.state.communityReader}` },
  },
  // Community: a reply in a thread with 1,000 watchers, notified by one job on a worker instance (bench/community-notify.js).
  {
    name: 'community-notify',
    description: 'A reply notifies 1,000 thread watchers in one job: seconds for the job and from the reply request to its end',
    run: require('./community-notify').run,
  },
  // Marketplace: 100,000 listings of one seller inserted with one INSERT ... SELECT generate_series (90 % published; one title in
  // 200 names Brembo, one listing in 5 fits a Honda). The search has a text term and two filters (kind, brand), by relevance,
  // featured listings first; the baseline runs the same statement (src/modules/marketplace/infrastructure/persistence/search.repository.ts).
  {
    name: 'marketplace-search',
    description: 'GET /listings?q=brembo&kind=part&brand_id=… over 100,000 listings (one statement) vs the same SQL',
    setup: async (ctx) => {
      await ctx.query(
        `INSERT INTO marketplace_listings (id, org_id, kind, status, title, description, price_minor, currency, stock, details, model_ids, brand_ids,
           vehicle_type_ids, condition, published_at)
         SELECT gen_random_uuid(), $1, CASE WHEN i % 3 = 0 THEN 'tune' ELSE 'part' END, CASE WHEN i % 10 = 9 THEN 'draft' ELSE 'published' END,
           CASE WHEN i % 200 = 0 THEN 'Brembo brake pads ' ELSE 'Part ' END || substr(md5(i::text), 1, 8) || ' ' || substr(md5((i * 7)::text), 1, 6),
           'Fits many bikes ' || i, 1000 + (i * 37) % 90000, 'EUR', 5,
           '{"kind":"part","modelIds":[],"partNumber":"BR-1","condition":"new","photos":[]}'::jsonb, '{}',
           CASE WHEN i % 5 = 0 THEN ARRAY[$2::uuid] ELSE '{}' END, CASE WHEN i % 5 = 0 THEN ARRAY[$3::uuid] ELSE '{}' END,
           'new', now() - (i || ' seconds')::interval
         FROM generate_series(1, 100000) AS i`,
        [crypto.randomUUID(), CATALOG_HONDA_ID, CATALOG_MOTORCYCLE_ID],
      );
      await ctx.query(`ANALYZE marketplace_listings`);
      ctx.state.marketplaceQuery = `q=brembo%20pads&kind=part&brand_id=${CATALOG_HONDA_ID}&limit=20`;
    },
    api: { method: 'GET', path: (ctx) => `/api/v1/listings?${ctx.state.marketplaceQuery}` },
    baseline: { method: 'GET', path: (ctx) => `/marketplace/listings?${ctx.state.marketplaceQuery}` },
  },
  // AI: 2,000 published listings in the ai context's read model, 20,000 interactions of 500 riders and the item-to-item
  // model, written with SQL (aiBenchData). Recommendations for a rider with a profile and 30 interactions; the baseline
  // runs the same five statements a cache miss runs (no ranking).
  {
    name: 'ai-recommendations-cached',
    description: 'GET /ai/recommendations for one rider (per-user Redis cache hit) vs the SQL a cache miss runs',
    setup: async (ctx) => {
      await aiBenchData(ctx);
    },
    api: { method: 'GET', path: '/api/v1/ai/recommendations', headers: (ctx) => ({ authorization: `Bearer ${ctx.state.aiRiders[0].token}` }) },
    baseline: { method: 'GET', path: (ctx) => `/ai/recommendation-inputs?user=${ctx.state.aiRiders[0].id}` },
  },
  // Every request another (rider, limit) pair: 100 riders x 50 limits, so the first 5,000 requests of the run all miss the
  // cache (hybrid ranking over 2,000 candidates each time); later ones would hit it again, the report counts the requests.
  {
    name: 'ai-recommendations-uncached',
    description: 'GET /ai/recommendations with a cache miss (5 statements + TF-IDF, item-to-item and rules over 2,000 listings) vs the same SQL',
    connections: 10,
    setup: async (ctx) => {
      await aiBenchData(ctx);
    },
    api: {
      method: 'GET',
      path: (ctx, n) => `/api/v1/ai/recommendations?limit=${1 + (Math.floor((n ?? 0) / ctx.state.aiRiders.length) % 50)}`,
      headers: (ctx, n) => ({ authorization: `Bearer ${ctx.state.aiRiders[(n ?? 0) % ctx.state.aiRiders.length].token}` }),
    },
    baseline: { method: 'GET', path: (ctx, n) => `/ai/recommendation-inputs?user=${ctx.state.aiRiders[(n ?? 0) % ctx.state.aiRiders.length].id}` },
  },
  // Interaction ingestion: a batch of 100 new events per request (events/s = req/s x 100), one rider, against one SELECT.
  {
    name: 'ai-interactions',
    description: 'POST /ai/interactions with a batch of 100 events (dedup insert, rate-limit hit) vs one single-row SELECT; events/s = req/s x 100',
    setup: async (ctx) => {
      await aiBenchData(ctx);
    },
    api: {
      method: 'POST',
      path: '/api/v1/ai/interactions',
      headers: (ctx) => ({ authorization: `Bearer ${ctx.state.aiRiders[0].token}` }),
      body: (ctx, n) => ({
        events: Array.from({ length: 100 }, (_, i) => ({
          client_event_id: `${ctx.state.aiPrefix}-${n}-${i}`,
          type: AI_EVENT_TYPES[i % AI_EVENT_TYPES.length],
          listing_id: ctx.state.aiListings[(n * 100 + i) % ctx.state.aiListings.length],
          occurred_at: new Date().toISOString(),
        })),
      }),
    },
    baseline: { method: 'GET', path: '/row' },
  },
  // Admin: a platform admin (granted on the database, as operators do) reads 30 days of the dashboard: five facades'
  // per-day counts plus the failed-job scan in Redis, against the baseline running the same SQL without the scan.
  {
    name: 'admin-dashboard',
    description: 'GET /admin/dashboard?days=30 as a platform admin (per-day counts of five contexts + failed jobs) vs the same SQL',
    connections: 10,
    setup: async (ctx) => {
      const account = await signUp(ctx, 'admin');
      await ctx.query(`UPDATE accounts SET roles = '{admin}' WHERE id = $1`, [account.id]);
      ctx.state.adminToken = await logIn(ctx, account);
    },
    api: { method: 'GET', path: '/api/v1/admin/dashboard?days=30', headers: (ctx) => ({ authorization: `Bearer ${ctx.state.adminToken}` }) },
    baseline: { method: 'GET', path: '/admin/dashboard' },
  },
  // Analytics: a principal's 30-day report computed afresh (Cache-Control: no-cache) from 90 days of roll-ups
  // (10 figures a day, 3 members), plus the listing views read through the marketplace facade. Against one SELECT: not like for like.
  {
    name: 'analytics-report',
    description: 'GET /organizations/{orgId}/analytics (30 days, no-cache: roll-ups read, views through the marketplace facade, report built) vs one SELECT',
    connections: 10,
    setup: async (ctx) => {
      const account = await signUp(ctx, 'analytics');
      const [{ id: orgId }] = await ctx.query(
        `INSERT INTO organizations (kind, name, slug, created_by) VALUES ('dealership', 'Bench Motors', $1, $2) RETURNING id`,
        [`bench-motors-${Date.now()}`, account.id],
      );
      await ctx.query(`INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, 'principal')`, [orgId, account.id]);
      const members = [account.id, crypto.randomUUID(), crypto.randomUUID()];
      await ctx.query(
        `INSERT INTO analytics_daily (org_id, day, metric, actor, currency, count, amount)
         SELECT $1, current_date - d, m.metric, CASE WHEN m.per_member THEN a.actor ELSE '' END, m.currency, 1 + (d % 5), CASE WHEN m.currency = '' THEN 0 ELSE 10000 * (1 + d % 7) END
         FROM generate_series(0, 89) AS d
         CROSS JOIN (VALUES ('listings.created', true, ''), ('listings.approved', true, ''), ('listings.rejected', true, ''), ('orders.paid', false, 'EUR'),
                            ('orders.refunded', false, 'EUR'), ('orders.handled', true, ''), ('bookings.created', false, ''), ('bookings.completed', false, ''),
                            ('bookings.handled', true, ''), ('training.sessions', true, '')) AS m(metric, per_member, currency)
         CROSS JOIN unnest($2::text[]) AS a(actor)
         ON CONFLICT DO NOTHING`,
        [orgId, members],
      );
      ctx.state.analyticsOrgId = orgId;
      ctx.state.analyticsToken = await logIn(ctx, account);
      const to = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
      ctx.state.analyticsQuery = `from=${from}&to=${to}`;
    },
    api: {
      method: 'GET',
      path: (ctx) => `/api/v1/organizations/${ctx.state.analyticsOrgId}/analytics?${ctx.state.analyticsQuery}`,
      headers: (ctx) => ({ authorization: `Bearer ${ctx.state.analyticsToken}`, 'cache-control': 'no-cache' }),
    },
    baseline: { method: 'GET', path: '/row' },
  },
  // Commerce: a buyer asks what a seller's code takes off a two-line cart (listings read through the marketplace facade,
  // the discount and the buyer's uses read, nothing written). Against one SELECT: not like for like.
  {
    name: 'commerce-discount-validate',
    description: 'POST /discounts/validate (cart priced from listings, code and per-customer uses read, nothing reserved) vs one SELECT',
    setup: async (ctx) => {
      const [{ id: orgId }] = await ctx.query(`SELECT gen_random_uuid() AS id`);
      const listingIds = [];
      for (const [title, price] of [
        ['Bench brake pads', 2499],
        ['Bench chain kit', 8999],
      ]) {
        const [{ id }] = await ctx.query(
          `INSERT INTO marketplace_listings (id, org_id, kind, status, title, description, price_minor, currency, stock, details, model_ids, brand_ids,
             vehicle_type_ids, condition, published_at)
           VALUES (gen_random_uuid(), $1, 'part', 'published', $2, 'Bench part', $3, 'EUR', 1000,
             '{"kind":"part","modelIds":[],"partNumber":"BR-1","condition":"new","photos":[]}'::jsonb, '{}', '{}', '{}', 'new', now())
           RETURNING id`,
          [orgId, title, price],
        );
        listingIds.push(id);
      }
      await ctx.query(
        `INSERT INTO commerce_discounts (id, org_id, code, code_key, type, percent_bps, scope, max_uses_per_customer, created_at, updated_at)
         VALUES (gen_random_uuid(), $1, 'Bench10', 'BENCH10', 'percentage', 1000, 'organization', 3, now(), now())`,
        [orgId],
      );
      ctx.state.discountToken = await logIn(ctx, await signUp(ctx, 'discount'));
      ctx.state.discountCart = listingIds.map((id, i) => ({ listing_id: id, quantity: i + 1 }));
    },
    api: {
      method: 'POST',
      path: '/api/v1/discounts/validate',
      headers: (ctx) => ({ authorization: `Bearer ${ctx.state.discountToken}` }),
      body: (ctx) => ({ code: 'bench10', items: ctx.state.discountCart }),
    },
    baseline: { method: 'GET', path: '/row' },
  },
  // Commerce (bench/commerce.js): 200 published parts of one seller written with SQL, buyers signed up through the API. Card
  // payments talk to the tests' fake Stripe that bench/run.js starts (bench/fake-stripe.js). Every request carries its own
  // Idempotency-Key (requestHeaders), so each one really creates an order. Against one SELECT: not like for like.
  {
    name: 'commerce-order',
    description:
      'POST /orders by card with an Idempotency-Key (price from the marketplace, stock reserved, order + payment rows, a PaymentIntent at the fake Stripe) vs one SELECT',
    connections: 10,
    setup: (ctx) => require('./commerce').setupOrder(ctx),
    api: {
      method: 'POST',
      path: '/api/v1/orders',
      headers: (ctx) => ({ authorization: `Bearer ${ctx.state.commerceOrder.token}` }),
      requestHeaders: (ctx, n) => ({ 'idempotency-key': `${ctx.state.commerceOrder.prefix}-${n}` }),
      body: (ctx, n) => ({ items: [{ listing_id: ctx.state.commerceOrder.listingIds[n % 200], quantity: 1 }], payment_method: 'card' }),
    },
    baseline: { method: 'GET', path: '/row' },
  },
  // Wallet payment: the same checkout paid from the buyer's wallet in one transaction (wallet row lock, ledger entry with the
  // 80/20 split). Ten buyers, their wallets funded in setup through the real top-up flow (fake Stripe, webhook, worker job).
  // The baseline posts the same ledger entry (the same statements, one transaction) from the same wallets, and nothing else.
  {
    name: 'commerce-wallet',
    description:
      'POST /orders paid from the wallet (order, reservation, payment, ledger entry with the split, events) with an Idempotency-Key vs the same ledger entry alone',
    connections: 10,
    setup: (ctx) => require('./commerce').setupWallet(ctx, (line) => process.stderr.write(`[bench] ${line}\n`)),
    api: {
      method: 'POST',
      path: '/api/v1/orders',
      requestHeaders: (ctx, n) => {
        const { buyers, prefix } = ctx.state.commerceWallet;
        return { authorization: `Bearer ${buyers[n % buyers.length].token}`, 'idempotency-key': `${prefix}-${n}` };
      },
      body: (ctx, n) => ({ items: [{ listing_id: ctx.state.commerceWallet.listingIds[n % 200], quantity: 1 }], payment_method: 'wallet' }),
    },
    // The same ledger entry alone (SqlLedger.post's statements in one transaction) from the same ten wallets.
    baseline: {
      method: 'POST',
      path: '/commerce/wallet-payment',
      body: (ctx, n) => {
        const { buyers, orgId } = ctx.state.commerceWallet;
        return { buyer: buyers[n % buyers.length].id, seller: orgId, amount: 100, currency: 'EUR' };
      },
    },
  },
  // Stripe webhooks processed by one worker instance (events per second), replays included, ledger checked (bench/commerce.js).
  {
    name: 'commerce-webhook',
    description: 'payment_intent.succeeded webhooks (signed, recorded once, processed in jobs) per second for one worker, with replays; ledger checked',
    run: (ctx, log) => require('./commerce').runWebhook(ctx, log),
  },
  // 1,000 wallet orders at once for one listing with 100 in stock: no oversell, only 409 OUT_OF_STOCK refusals, ledger exact.
  {
    name: 'commerce-orders-1000',
    description: '1,000 concurrent wallet orders for one listing with limited stock: time, no oversell, ledger exact',
    run: (ctx, log) => require('./commerce').runOrders1000(ctx, log),
  },
];

const AI_EVENT_TYPES = ['view', 'view', 'click', 'view', 'save'];
const AI_BENCH_RIDERS = 100;
/** A name-based id in SQL with the version and variant digits of a v4 UUID (the API's UUID validation refuses raw md5 ones). */
const aiUuid = (expr) => `overlay(overlay(md5(${expr}) placing '4' from 13) placing '8' from 17)::uuid`;

/**
 * The ai scenarios' data, made once per run: listings of 50 sellers with generated titles in ai_listing_catalog,
 * 20,000 interactions of 500 riders, 20 similar listings per listing, and AI_BENCH_RIDERS riders signed up through the
 * API (their tokens), each with a profile and 30 interactions, so their recommendations use every part of the hybrid.
 */
async function aiBenchData(ctx) {
  if (ctx.state.aiRiders) return;
  const prefix = `ai-bench-${Date.now()}`;
  const listings = await ctx.query(
    `INSERT INTO ai_listing_catalog (listing_id, org_id, kind, title, price_minor, currency, published)
     SELECT ${aiUuid("$1 || 'l' || i")}, ${aiUuid("$1 || 's' || (i % 50)")}, (ARRAY['tune', 'part', 'vehicle'])[1 + i % 3],
       (ARRAY['MT-07', 'Z900', 'Duke 390', 'CBR650R', 'Tenere 700'])[1 + i % 5] || ' ' ||
       (ARRAY['touring smooth', 'track race', 'economy fuel', 'sound exhaust', 'enduro trail', 'sport throttle'])[1 + (i / 5) % 6] || ' map ' || i,
       10000 + i, 'EUR', true
     FROM generate_series(1, 2000) AS i RETURNING listing_id`,
    [prefix],
  );
  await ctx.query(
    `INSERT INTO ai_interactions (user_id, client_event_id, type, listing_id, occurred_at)
     SELECT ${aiUuid("$1 || 'u' || (i % 500)")}, 'seed-' || i, (ARRAY['view', 'click', 'save', 'purchase'])[1 + i % 4],
       ${aiUuid("$1 || 'l' || (1 + (i * 7919) % 2000)")}, now() - (i || ' seconds')::interval
     FROM generate_series(1, 20000) AS i`,
    [prefix],
  );
  await ctx.query(
    `INSERT INTO ai_item_similarities (listing_id, similar_listing_id, score, co_users)
     SELECT ${aiUuid("$1 || 'l' || i")}, ${aiUuid("$1 || 'l' || (1 + (i + j * 37) % 2000)")}, 1.0 / (1 + j), 3
     FROM generate_series(1, 2000) AS i, generate_series(1, 20) AS j ON CONFLICT DO NOTHING`,
    [prefix],
  );
  ctx.state.aiPrefix = prefix;
  ctx.state.aiListings = listings.map((row) => row.listing_id);
  const riders = [];
  for (let r = 0; r < AI_BENCH_RIDERS; r++) {
    const email = `bench-ai-${r}-${Date.now()}@example.test`;
    const response = await fetch(`${ctx.apiUrl}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ full_name: 'Bench Rider', email, password: BENCH_PASSWORD, date_of_birth: '1990-01-01' }),
    });
    if (response.status !== 201) throw new Error(`ai setup: signup answered ${response.status}`);
    const body = await response.json();
    const rider = { id: body.user.id, token: body.access_token };
    const api = (method, route, payload) =>
      fetch(`${ctx.apiUrl}/api/v1${route}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${rider.token}` },
        body: JSON.stringify(payload),
      }).then((answer) => {
        if (answer.status >= 300) throw new Error(`ai setup: ${method} ${route} answered ${answer.status}`);
      });
    await api('POST', '/ai/onboarding', {
      experience: 'intermediate',
      riding_styles: [['touring', 'track', 'commuting'][r % 3]],
      vehicle_model_ids: [],
      goals: [['smoothness', 'power', 'economy'][r % 3]],
      risk_appetite: 'low',
    });
    await api('POST', '/ai/interactions', {
      events: Array.from({ length: 30 }, (_, i) => ({
        client_event_id: `setup-${i}`,
        type: AI_EVENT_TYPES[i % AI_EVENT_TYPES.length],
        listing_id: ctx.state.aiListings[(r * 31 + i * 13) % ctx.state.aiListings.length],
        occurred_at: new Date().toISOString(),
      })),
    });
    riders.push(rider);
  }
  ctx.state.aiRiders = riders;
}

const BENCH_PASSWORD = 'Bench!Passw0rd-42';

/**
 * A repair shop written straight to the bookings tables (UTC, so dates are simple): bays, a category and services;
 * for availability, 40 bookings on the measured day. Its id is random, so runs never collide.
 */
async function benchShop(ctx, options = {}) {
  const [{ id: shopId }] = await ctx.query(`SELECT gen_random_uuid() AS id`);
  const round = options.round === true;
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  const hours = days.map((day) => (round ? { day, open: '00:00', close: '24:00' } : { day, open: '08:00', close: '20:00' }));
  await ctx.query(
    `INSERT INTO booking_shops (org_id, name, address_line, city, postal_code, country_code, calling_code, phone, time_zone, currency, weekly_hours,
       service_locations, slot_step_minutes, buffer_minutes, min_notice_minutes, cancel_notice_minutes)
     VALUES ($1, 'Bench Garage', '1 Bench Road', 'Bengaluru', '560001', 'IN', '91', '+918000000000', 'UTC', 'INR', $2, '{shop}', $3, $4, 0, 60)`,
    [shopId, JSON.stringify(hours), round ? 5 : 15, round ? 0 : 10],
  );
  const bayIds = [];
  for (let i = 0; i < (options.bays ?? 4); i++) {
    const [{ id }] = await ctx.query(`INSERT INTO booking_bays (id, org_id, name) VALUES (gen_random_uuid(), $1, $2) RETURNING id`, [shopId, `Bay ${i + 1}`]);
    bayIds.push(id);
  }
  const [{ id: categoryId }] = await ctx.query(
    `INSERT INTO booking_service_categories (id, org_id, name) VALUES (gen_random_uuid(), $1, 'Service') RETURNING id`,
    [shopId],
  );
  const service = async (name, minutes, price) =>
    (
      await ctx.query(
        `INSERT INTO booking_services (id, org_id, category_id, name, duration_minutes, base_price_minor) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5) RETURNING id`,
        [shopId, categoryId, name, minutes, price],
      )
    )[0].id;
  const oil = await service('Oil change', round ? 5 : 30, 50000);
  const brakes = await service('Brake service', 60, 120000);
  await service('Chain lube', 30, 20000);
  const models = await fetch(`${ctx.apiUrl}/api/v1/catalog/vehicle-models?q=CBR650R`).then((response) => response.json());
  const modelId = models.data[0].id;
  const date = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  if (!round) {
    for (let i = 0; i < 40; i++) {
      const start = new Date(`${date}T08:00:00Z`).getTime() + (i % 10) * 75 * 60_000;
      await ctx.query(
        `INSERT INTO bookings (id, org_id, bay_id, customer_name, customer_phone, vehicle_model_id, service_location, starts_at, ends_at, blocked_until,
           status, services, total_minor, currency, payment_method, payment_status, created_at, updated_at)
         VALUES (gen_random_uuid(), $1, $2, 'Bench', '+918000000001', $3, 'shop', $4, $5, $6, 'confirmed', '[]', 50000, 'INR', 'cash', 'unpaid', now(), now())`,
        [shopId, bayIds[Math.floor(i / 10)], modelId, new Date(start), new Date(start + 60 * 60_000), new Date(start + 70 * 60_000)],
      );
    }
  }
  ctx.state.shopId = shopId;
  ctx.state.modelId = modelId;
  ctx.state.quickServiceId = oil;
  ctx.state.availabilityQuery = `shop_id=${shopId}&date=${date}&vehicle_model_id=${modelId}&service_ids=${oil},${brakes}`;
}

/** Signs up a fresh account through the API; returns its id, e-mail and password. */
async function signUp(ctx, label) {
  const email = `bench-${label}-${Date.now()}@example.test`;
  const response = await fetch(`${ctx.apiUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ full_name: 'Bench Mark', email, password: BENCH_PASSWORD, date_of_birth: '1990-01-01' }),
  });
  if (response.status !== 201) throw new Error(`identity-${label} setup: signup answered ${response.status}`);
  const body = await response.json();
  return { id: body.user.id, email, password: BENCH_PASSWORD };
}

/** Signs `account` in through the API; returns its access token. */
async function logIn(ctx, account) {
  const response = await fetch(`${ctx.apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (response.status !== 200) throw new Error(`login of ${account.email} answered ${response.status}`);
  return (await response.json()).access_token;
}

/** libuv's own default pool size, what the API ran with before it sized the pool to the CPUs. */
const LIBUV_DEFAULT_POOL = 4;

/**
 * argon2.verify calls per second for `seconds`, in a child process (bench/argon2-rate.js), measured twice: with the
 * thread pool sized like the API's and with libuv's default of 4. The better rate is the reference, so the API's own
 * pool size can never flatter the ratio.
 */
async function argon2VerifyRate(hash, password, seconds, apiPoolSize) {
  const rates = [];
  for (const poolSize of [...new Set([apiPoolSize, LIBUV_DEFAULT_POOL])]) {
    const output = await runNode(path.join(__dirname, 'argon2-rate.js'), {
      ...process.env,
      UV_THREADPOOL_SIZE: String(poolSize),
      ARGON2_HASH: hash,
      ARGON2_PASSWORD: password,
      SECONDS: String(seconds),
      IN_FLIGHT: String(poolSize * 2),
    });
    rates.push({ poolSize, perSec: JSON.parse(output).perSec });
  }
  process.stderr.write(`[bench] argon2id verify alone: ${rates.map((r) => `${r.perSec.toFixed(1)}/s with ${r.poolSize} threads`).join(', ')}\n`);
  return Math.max(...rates.map((r) => r.perSec));
}

function runNode(script, env) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script], { env, cwd: path.join(__dirname, '..') }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(script)} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}
