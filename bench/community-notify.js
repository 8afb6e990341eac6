'use strict';

/**
 * community-notify: a reply in a thread that WATCHERS people watch becomes one job (the handler
 * community.notify-thread-watchers) that writes their in-app notifications in one statement, queues their e-mails
 * and pushes the live event. The watchers (accounts, a public board, the thread, its watches) are written with SQL;
 * the reply goes through the API, and a second API instance with PROCESS_ROLE=all relays the event and runs the
 * job (in-app rows in one statement, one e-mail job enqueued per watcher, the live pushes). Each of RUNS replies gets its own thread, so every run creates WATCHERS notifications (none are grouped
 * into an earlier one). Reported per run: the job alone (the event's occurred_at to the handler's recorded
 * completion in integration_event_handlings), and end to end (just before the reply request to the moment the
 * completion is seen, polling every 10 ms), with the rows it wrote. A first reply warms up and is not counted
 * (it also waits until the worker has handled what earlier scenarios left in the queue). Env: BENCH_NOTIFY_WATCHERS (1000),
 * BENCH_NOTIFY_RUNS (3), BENCH_NOTIFY_TIMEOUT_S (120).
 */
const { randomUUID } = require('node:crypto');

const num = (name, fallback) => Number(process.env[name] ?? fallback);
const HANDLER = 'community.notify-thread-watchers';

async function call(base, method, path, token, body) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

async function run(ctx, log) {
  const watchers = num('BENCH_NOTIFY_WATCHERS', 1000);
  const runs = num('BENCH_NOTIFY_RUNS', 3);
  const timeoutMs = num('BENCH_NOTIFY_TIMEOUT_S', 120) * 1000;
  const stamp = `${Date.now()}-${randomUUID().slice(0, 8)}`;

  // The replier signs up through the API; the watchers are plain accounts (they never sign in).
  const replier = await call(ctx.apiUrl, 'POST', '/auth/signup', undefined, {
    full_name: 'Bench Replier',
    email: `bench-notify-${stamp}@bench.test`,
    password: 'Bench!Passw0rd-42',
    date_of_birth: '1990-01-01',
  });
  const token = replier.access_token;
  const watcherIds = (
    await ctx.query(
      `INSERT INTO accounts (email, full_name, password_hash, date_of_birth, email_verified_at)
       SELECT 'bench-watcher-' || $1 || '-' || n || '@bench.test', 'Watcher ' || n, 'not-a-hash', '1990-01-01', now() FROM generate_series(1, $2::int) n
       RETURNING id`,
      [stamp, watchers],
    )
  ).map((row) => row.id);
  const [{ id: categoryId }] = await ctx.query(
    `INSERT INTO community_categories (id, name, slug, created_at, updated_at) VALUES (gen_random_uuid(), 'Bench notify', $1, now(), now()) RETURNING id`,
    [`bench-notify-${stamp}`],
  );
  const worker = await ctx.startApiInstance({ PROCESS_ROLE: 'all' });
  log(`community-notify: ${watcherIds.length} watchers; worker instance at ${worker.url}`);

  const results = [];
  // Run 0 warms up and is not counted: it also waits out the events earlier scenarios left for the worker.
  for (let i = -1; i < runs; i += 1) {
    const [{ id: threadId }] = await ctx.query(
      `INSERT INTO community_threads (id, category_id, author_id, title, post_count, last_post_number, last_posted_at, search, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, 1, 1, now(), to_tsvector('english', $3), now(), now()) RETURNING id`,
      [categoryId, replier.user.id, `Bench notify ${i + 1}`],
    );
    await ctx.query(
      `INSERT INTO community_posts (id, thread_id, post_number, author_id, body_markdown, body_html, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, 1, $2, 'Opening post', '<p>Opening post</p>', now(), now())`,
      [threadId, replier.user.id],
    );
    await ctx.query(
      `INSERT INTO community_thread_watches (thread_id, user_id, level, chosen, updated_at) SELECT $1, id, 'watching', true, now() FROM unnest($2::uuid[]) AS id`,
      [threadId, watcherIds],
    );

    const sentAt = performance.now();
    await call(ctx.apiUrl, 'POST', `/forum/threads/${threadId}/posts`, token, { body: `Reply ${i + 1} for ${watchers} watchers` });
    let done;
    while (!done) {
      if (performance.now() - sentAt > timeoutMs) throw new Error(`community-notify: the job of run ${i + 1} did not finish in ${timeoutMs / 1000} s`);
      [done] = await ctx.query(
        `SELECT h.handled_at, e.occurred_at FROM integration_events e JOIN integration_event_handlings h ON h.event_id = e.id AND h.handler = $2
          WHERE e.type = 'community.post.created' AND e.payload->>'threadId' = $1`,
        [threadId, HANDLER],
      );
      if (!done) await new Promise((r) => setTimeout(r, 10));
    }
    const endToEndMs = performance.now() - sentAt;
    const [{ count: notifications }] = await ctx.query(
      `SELECT count(*)::int AS count FROM community_notifications WHERE target_type = 'forum_thread' AND target_id = $1`,
      [threadId],
    );
    const jobMs = new Date(done.handled_at).getTime() - new Date(done.occurred_at).getTime();
    if (i >= 0) results.push({ jobMs, endToEndMs, notifications });
    log(
      `community-notify: run ${i + 1}${i < 0 ? ' (warm-up, not counted)' : ''}: job ${(jobMs / 1000).toFixed(2)} s, end to end ${(endToEndMs / 1000).toFixed(2)} s, ${notifications} notifications`,
    );
  }

  const sorted = (key) => results.map((r) => r[key]).sort((a, b) => a - b);
  const median = (values) => values[Math.floor(values.length / 2)];
  const result = {
    watchers: watcherIds.length,
    runs: results,
    jobSecondsMedian: median(sorted('jobMs')) / 1000,
    endToEndSecondsMedian: median(sorted('endToEndMs')) / 1000,
    endToEndSecondsMax: Math.max(...sorted('endToEndMs')) / 1000,
  };
  result.summary =
    `${result.watchers} watchers notified by one job: ${result.jobSecondsMedian.toFixed(2)} s for the job (median of ${runs}), ` +
    `${result.endToEndSecondsMedian.toFixed(2)} s from the reply request to the job's end (max ${result.endToEndSecondsMax.toFixed(2)} s)`;
  result.problems = results.filter((r) => r.notifications < watchers).map((r) => `a run wrote ${r.notifications} of ${watchers} notifications`);
  log(`community-notify: ${result.summary}`);
  return result;
}

module.exports = { run };
