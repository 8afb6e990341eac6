'use strict';

/**
 * The baseline the API is measured against: bare Fastify 5 and a node-postgres
 * Pool of the same size as the API's (DATABASE_POOL_MAX, 10 by default), with
 * no framework, validation, logging or metrics. Started by bench/run.js.
 *
 * Env: PORT, HOST (127.0.0.1), DATABASE_URL, POOL_MAX (10), BENCH_ROW_ID
 * (an outbox_messages id; without it /row falls back to SELECT now()),
 * PREPARED_STATEMENTS (> 0: statements with parameters are sent as named,
 * prepared statements, as the API sends them with DATABASE_PREPARED_STATEMENTS;
 * bench/run.js passes the API's setting, so both sides talk to Postgres alike).
 */
const crypto = require('node:crypto');
const Fastify = require('fastify');
const { Pool } = require('pg');

const port = Number(process.env.PORT || 3100);
const host = process.env.HOST || '127.0.0.1';
const rowId = process.env.BENCH_ROW_ID;

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX || 10), idleTimeoutMillis: 30_000 });
const app = Fastify({ logger: false });

if (Number(process.env.PREPARED_STATEMENTS || 0) > 0) {
  const unnamed = pool.query.bind(pool);
  const names = new Map();
  pool.query = (text, values) => {
    if (!values?.length) return unnamed(text, values);
    let name = names.get(text);
    if (name === undefined) names.set(text, (name = `baseline_${names.size}`));
    return unnamed({ text, values, name });
  };
}

app.get('/health/live', async () => ({ status: 'ok' }));

app.get('/row', async (_request, reply) => {
  if (!rowId) {
    const { rows } = await pool.query('SELECT now() AS now');
    return rows[0];
  }
  const { rows } = await pool.query('SELECT id, channel, recipient, created_at FROM outbox_messages WHERE id = $1', [rowId]);
  if (rows.length === 0) return reply.code(404).send({ status: 404, title: 'Not Found' });
  return rows[0];
});

// ---------------------------------------------------------------- identity
// GET /auth/me's profile read (src/modules/identity/infrastructure/persistence/typeorm-account.repository.ts), the same
// statement, answered with the same fields.
app.get('/account', async (request, reply) => {
  const { rows } = await pool.query(
    `SELECT json_build_object('id', id, 'full_name', full_name, 'email', email, 'email_verified', email_verified_at IS NOT NULL,
       'phone_number', phone_number, 'phone_verified', phone_verified_at IS NOT NULL, 'date_of_birth', date_of_birth,
       'created_at', created_at, 'updated_at', updated_at) AS profile,
       (SELECT version FROM profile_pictures WHERE user_id = accounts.id) AS picture_version FROM accounts WHERE id = $1`,
    [request.query.id],
  );
  if (rows.length === 0) return reply.code(404).send({ status: 404, title: 'Not Found' });
  const { profile, picture_version: version } = rows[0];
  return {
    ...profile,
    picture_url: version ? `/profile-pictures/${profile.id}/${version}/256` : null,
    created_at: new Date(profile.created_at),
    updated_at: new Date(profile.updated_at),
  };
});

// ---------------------------------------------------------------- catalog
// The same SQL as the catalog's repositories (src/modules/catalog/infrastructure/persistence),
// run on every request: what the API's cached list reads are measured against.

const DEFAULT_LIMIT = 20;
const lifecycle = (row) => ({
  status: row.retired_at ? 'retired' : 'active',
  retired_at: row.retired_at ? row.retired_at.toISOString() : null,
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
});
const pageOf = (rows, map, page, limit) => {
  const total = rows.length > 0 ? Number(rows[0].total) : 0;
  return { data: rows.map(map), meta: { page, limit, total, total_pages: Math.ceil(total / limit) } };
};
const paging = (query) => {
  const page = Number(query.page || 1);
  const limit = Number(query.limit || DEFAULT_LIMIT);
  return { page, limit, offset: (page - 1) * limit };
};

app.get('/catalog/vehicle-brands', async (request) => {
  const { page, limit, offset } = paging(request.query);
  const { rows } = await pool.query(
    `SELECT b.id, b.slug, b.name, b.retired_at, b.created_at, b.updated_at,
       ARRAY(SELECT bt.type_id FROM vehicle_brand_types bt JOIN vehicle_types t ON t.id = bt.type_id WHERE bt.brand_id = b.id ORDER BY t.name) AS vehicle_type_ids,
       count(*) OVER () AS total
     FROM vehicle_brands b
     WHERE b.retired_at IS NULL
       AND EXISTS (SELECT 1 FROM vehicle_brand_types bt JOIN vehicle_types t ON t.id = bt.type_id
                   WHERE bt.brand_id = b.id AND bt.type_id = $1 AND t.retired_at IS NULL)
     ORDER BY b.name, b.id LIMIT $2 OFFSET $3`,
    [request.query.vehicle_type, limit, offset],
  );
  return pageOf(rows, (row) => ({ id: row.id, slug: row.slug, name: row.name, vehicle_type_ids: row.vehicle_type_ids, ...lifecycle(row) }), page, limit);
});

// community-thread: the thread page's statement of the API (src/modules/community/infrastructure/persistence/forum.repository.ts THREAD_PAGE_SQL).
app.get('/community/thread-posts', async (request) => {
  const { rows } = await pool.query(
    `SELECT p.id, p.thread_id, p.org_id, p.post_number, p.author_id, p.reply_to_post_id, p.body_markdown, p.body_html, p.revision,
  p.hidden_at, p.deleted_at, p.created_at, p.updated_at,
    COALESCE((SELECT jsonb_object_agg(x.reaction, x.n) FROM (SELECT reaction, count(*)::int AS n FROM community_post_reactions r
               WHERE r.post_id = p.id GROUP BY reaction) x), '{}'::jsonb) AS reactions,
    COALESCE((SELECT array_agg(r.reaction ORDER BY r.reaction) FROM community_post_reactions r WHERE r.post_id = p.id AND r.user_id = $2), '{}') AS mine
  FROM community_posts p WHERE p.thread_id = $1 ORDER BY p.post_number LIMIT $3 OFFSET $4`,
    [request.query.thread, request.query.reader, 100, 0],
  );
  return {
    data: rows.map((row) => ({ id: row.id, post_number: row.post_number, body_html: row.body_html, reactions: row.reactions, my_reactions: row.mine })),
  };
});

app.get('/catalog/vehicle-models', async (request) => {
  const { page, limit, offset } = paging(request.query);
  const { rows } = await pool.query(
    `SELECT m.id, m.slug, m.name, m.first_year, m.last_year, m.engine_cc, m.retired_at, m.created_at, m.updated_at,
       b.id AS brand_id, b.slug AS brand_slug, b.name AS brand_name, t.id AS type_id, t.slug AS type_slug, t.name AS type_name,
       count(*) OVER () AS total
     FROM vehicle_models m JOIN vehicle_brands b ON b.id = m.brand_id JOIN vehicle_types t ON t.id = m.type_id
     WHERE m.retired_at IS NULL AND b.retired_at IS NULL AND t.retired_at IS NULL AND m.brand_id = $1
     ORDER BY b.name, m.name, m.id LIMIT $2 OFFSET $3`,
    [request.query.vehicle_brand, limit, offset],
  );
  const map = (row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    vehicle_brand: { id: row.brand_id, slug: row.brand_slug, name: row.brand_name },
    vehicle_type: { id: row.type_id, slug: row.type_slug, name: row.type_name },
    first_year: row.first_year,
    last_year: row.last_year,
    engine_cc: row.engine_cc,
    ...lifecycle(row),
  });
  return pageOf(rows, map, page, limit);
});

// Bookings availability: the same statements GET /api/v1/availability runs (shop, vehicle model, priced services,
// bays, a two-day window of occupations); the slots are returned as rows, without the API's slot computation.
app.get('/bookings/availability', async (request) => {
  const { shop_id: shopId, vehicle_model_id: modelId, service_ids: serviceIds, date } = request.query;
  const shop = await pool.query(
    `SELECT s.org_id, s.time_zone, s.weekly_hours, s.closures, s.vehicle_type_ids, s.slot_step_minutes, s.buffer_minutes, s.min_notice_minutes, s.currency
     FROM booking_shops s WHERE s.org_id = $1`,
    [shopId],
  );
  const model = await pool.query(
    `SELECT m.id, m.name, m.retired_at, b.name AS brand_name, t.id AS type_id FROM vehicle_models m
     JOIN vehicle_brands b ON b.id = m.brand_id JOIN vehicle_types t ON t.id = m.type_id WHERE m.id = $1`,
    [modelId],
  );
  const services = await pool.query(
    `SELECT s.id, s.name, s.duration_minutes, s.base_price_minor, p.price_minor AS model_price_minor
     FROM booking_services s JOIN booking_service_categories c ON c.org_id = s.org_id AND c.id = s.category_id
     LEFT JOIN booking_service_prices p ON p.org_id = s.org_id AND p.service_id = s.id AND p.vehicle_model_id = $2
     WHERE s.org_id = $1 AND s.active AND c.active AND s.id = ANY($3::uuid[])`,
    [shopId, modelId, String(serviceIds).split(',')],
  );
  const bays = await pool.query(`SELECT id, name, active FROM booking_bays WHERE org_id = $1 ORDER BY name, id`, [shopId]);
  const occupations = await pool.query(
    `SELECT b.bay_id, b.starts_at, b.blocked_until FROM bookings b
     WHERE b.org_id = $1 AND b.status <> 'cancelled' AND b.starts_at < ($2::date + 2)::timestamptz AND b.blocked_until > ($2::date - 1)::timestamptz`,
    [shopId, date],
  );
  return { shop: shop.rows[0], model: model.rows[0], services: services.rows, bays: bays.rows, occupations: occupations.rows };
});

async function stop() {
  try {
    await app.close();
    await pool.end();
  } finally {
    process.exit(0);
  }
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

// marketplace-search: the statement GET /api/v1/listings runs for a text term, a kind and a brand, by relevance, featured first
// (src/modules/marketplace/infrastructure/persistence/search.repository.ts searchStatement), answered with the same main fields.
const LISTING_COLUMNS = `l.id, l.org_id, l.kind, l.status, l.title, l.description, l.price_minor, l.currency, l.stock, l.details, l.published_at, l.created_at, l.updated_at, l.version, l.rating_sum, l.rating_count`;
const ACTIVE_FEATURE = `f.starts_at <= now() AND f.ends_at > now()`;
const RELEVANCE = `(ts_rank(l.search_vector, websearch_to_tsquery('simple', $1))::float8 + similarity(l.title, $1)::float8)`;
const SEARCH_WHERE = `l.status = 'published' AND (l.search_vector @@ websearch_to_tsquery('simple', $1) OR l.title % $1) AND l.kind = $2 AND l.brand_ids @> ARRAY[$3]::uuid[]`;
const SEARCH_SQL = `WITH top AS MATERIALIZED (
    SELECT l.id, fr.rank FROM marketplace_listings l
    JOIN (SELECT f.listing_id, min(f.rank) AS rank FROM marketplace_featured f WHERE ${ACTIVE_FEATURE} GROUP BY f.listing_id) fr ON fr.listing_id = l.id
    WHERE ${SEARCH_WHERE} ORDER BY fr.rank, l.id LIMIT $4)
  SELECT * FROM (
    SELECT ${LISTING_COLUMNS}, NULL::float8 AS sort_value, true AS featured, 0 AS block, row_number() OVER (ORDER BY top.rank, l.id) AS ord
      FROM top JOIN marketplace_listings l ON l.id = top.id
    UNION ALL
    (SELECT ${LISTING_COLUMNS}, ${RELEVANCE} AS sort_value,
       EXISTS (SELECT 1 FROM marketplace_featured f WHERE f.listing_id = l.id AND ${ACTIVE_FEATURE}) AS featured,
       1 AS block, row_number() OVER (ORDER BY ${RELEVANCE} DESC, l.id DESC) AS ord
     FROM marketplace_listings l WHERE ${SEARCH_WHERE} AND l.id NOT IN (SELECT top.id FROM top)
     ORDER BY ${RELEVANCE} DESC, l.id DESC LIMIT $5)
  ) r ORDER BY block, ord`;

app.get('/marketplace/listings', async (request) => {
  const limit = Number(request.query.limit || 20);
  const { rows } = await pool.query(SEARCH_SQL, [request.query.q, request.query.kind, request.query.brand_id, 3, limit + 1]);
  const results = rows.filter((row) => row.block !== 0);
  const page = results.slice(0, limit);
  const last = page[page.length - 1];
  const shown = [...rows.filter((row) => row.block === 0), ...page];
  return {
    data: shown.map((row) => ({
      id: row.id,
      org_id: row.org_id,
      kind: row.kind,
      title: row.title,
      description: row.description,
      price_minor: Number(row.price_minor),
      currency: row.currency.trim(),
      details: row.details,
      published_at: row.published_at,
      featured: row.featured,
      rating_count: row.rating_count,
    })),
    next_cursor: results.length > limit && last ? Buffer.from(JSON.stringify({ v: Number(last.sort_value), i: last.id })).toString('base64url') : null,
  };
});

// ---------------------------------------------------------------- ai
// GET /ai/recommendations' reads when its per-user cache misses (src/modules/ai/infrastructure/persistence): published candidates,
// the rider's signals, profile and everyone's popularity, then the similarities of the listings the rider liked. The same
// statements; answered with the first 10 candidates and the row counts (no ranking: that is the API's own work).
app.get('/ai/recommendation-inputs', async (request) => {
  const user = request.query.user;
  const [candidates, signals, profile, popularity] = await Promise.all([
    pool.query(
      `SELECT listing_id, org_id, kind, title, price_minor, currency FROM ai_listing_catalog WHERE published ORDER BY updated_at DESC, listing_id LIMIT $1`,
      [2000],
    ),
    pool.query(
      `SELECT user_id, listing_id, type, sum(events) AS events, sum(rating_sum) AS rating_sum, max(last_at) AS last_at FROM (
         SELECT user_id, listing_id, type, 1 AS events, coalesce(rating, 0) AS rating_sum, occurred_at AS last_at FROM ai_interactions WHERE user_id = $1
         UNION ALL
         SELECT user_id, listing_id, type, events, rating_sum, day::timestamptz FROM ai_interaction_rollups WHERE user_id = $1
       ) AS all_events
       GROUP BY user_id, listing_id, type`,
      [user],
    ),
    pool.query(`SELECT * FROM ai_riding_profiles WHERE user_id = $1`, [user]),
    pool.query(
      `SELECT listing_id, count(DISTINCT user_id)::int AS riders FROM (
         SELECT user_id, listing_id FROM ai_interactions WHERE type NOT IN ('unsave', 'rate') OR rating >= 3
         UNION ALL
         SELECT user_id, listing_id FROM ai_interaction_rollups WHERE type <> 'unsave'
       ) AS positive GROUP BY listing_id`,
    ),
  ]);
  const liked = [...new Set(signals.rows.filter((r) => r.type !== 'unsave').map((r) => r.listing_id))];
  const similar = await pool.query(
    `SELECT listing_id, similar_listing_id, score FROM ai_item_similarities WHERE listing_id = ANY($1::uuid[]) ORDER BY score DESC`,
    [liked],
  );
  return {
    data: candidates.rows.slice(0, 10).map((r) => ({ ...r, price_minor: Number(r.price_minor) })),
    meta: { candidates: candidates.rowCount, signals: signals.rowCount, profile: profile.rowCount, popular: popularity.rowCount, similar: similar.rowCount },
  };
});

// ---------------------------------------------------------------- admin
// GET /admin/dashboard's statements (identity, marketplace, commerce and bookings repositories), 30 days, without
// the failed-job scan (Redis) the API also does.
const DAY = `to_char(date_trunc('day', %s AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;
app.get('/admin/dashboard', async () => {
  const since = new Date(Date.now() - 29 * 86_400_000);
  const perDay = (table, column = 'created_at') =>
    pool.query(`SELECT ${DAY.replace('%s', column)} AS day, count(*)::int AS count FROM ${table} WHERE ${column} >= $1 GROUP BY 1 ORDER BY 1`, [since]);
  const [signups, listings, waiting, paid, bookings] = await Promise.all([
    perDay('accounts'),
    perDay('marketplace_listings'),
    pool.query(`SELECT count(*)::int AS n FROM marketplace_listings WHERE status = 'needs_human'`),
    pool.query(
      `SELECT ${DAY.replace('%s', 'paid_at')} AS day, currency, count(*)::int AS count, sum(total_minor) AS amount_minor
       FROM commerce_orders WHERE paid_at >= $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [since],
    ),
    perDay('bookings'),
  ]);
  return { since, waiting_for_review: waiting.rows[0].n, signups: signups.rows, listings: listings.rows, paid: paid.rows, bookings: bookings.rows };
});

// ---------------------------------------------------------------- commerce
// A wallet payment's ledger entry alone: the statements of SqlLedger.post
// (src/modules/commerce/infrastructure/persistence/ledger.repository.ts) in one transaction, the buyer's wallet to the
// seller (80 %) and the platform (20 %), accounts touched in the same order; the deferred balance check runs at commit.
// What commerce-wallet's full checkout (order, reservation, payment, idempotency, events) is compared with.
const preparedNames = new Map();
const clientQuery = (client, text, values) => {
  if (!(Number(process.env.PREPARED_STATEMENTS || 0) > 0) || !values?.length) return client.query(text, values);
  let name = preparedNames.get(text);
  if (name === undefined) preparedNames.set(text, (name = `baseline_tx_${preparedNames.size}`));
  return client.query({ text, values, name });
};
app.post('/commerce/wallet-payment', async (request) => {
  const { buyer, seller, amount, currency } = request.body;
  const platform = Math.floor((amount * 2000) / 10_000);
  const postings = [
    { kind: 'buyer_wallet', owner: buyer, amount: -amount, negative: false },
    { kind: 'seller_payable', owner: seller, amount: amount - platform, negative: true },
    { kind: 'platform_revenue', owner: 'platform', amount: platform, negative: true },
  ].sort((a, b) => (`${a.kind}:${a.owner}:${currency}` < `${b.kind}:${b.owner}:${currency}` ? -1 : 1));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const entryId = crypto.randomUUID();
    const now = new Date();
    await clientQuery(
      client,
      `INSERT INTO ledger_entries (id, kind, reference, org_id, occurred_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (kind, reference) DO NOTHING RETURNING 1`,
      [entryId, 'bench.baseline', entryId, seller, now],
    );
    for (const posting of postings) {
      await clientQuery(
        client,
        `INSERT INTO ledger_accounts (id, kind, owner_id, currency, may_go_negative) VALUES (gen_random_uuid(), $1, $2, $3, $4)
         ON CONFLICT (kind, owner_id, currency) DO NOTHING`,
        [posting.kind, posting.owner, currency, posting.negative],
      );
      const { rows } = await clientQuery(
        client,
        `UPDATE ledger_accounts SET balance_minor = balance_minor + $4 WHERE kind = $1 AND owner_id = $2 AND currency = $3 RETURNING id`,
        [posting.kind, posting.owner, currency, posting.amount],
      );
      await clientQuery(client, `INSERT INTO ledger_postings (entry_id, account_id, currency, amount_minor, occurred_at) VALUES ($1, $2, $3, $4, $5)`, [
        entryId,
        rows[0].id,
        currency,
        posting.amount,
        now,
      ]);
    }
    await client.query('COMMIT');
    return { entry_id: entryId };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
});

app.listen({ port, host }).catch((error) => {
  process.stderr.write(`baseline server failed to start: ${error.message}\n`);
  process.exit(1);
});
