'use strict';

/**
 * messaging-fanout: two API instances on one Postgres and one Redis, SOCKETS Socket.IO clients spread over both
 * (each user has several devices, alternately on either instance), users in group conversations of GROUP_SIZE.
 * Phase 1 sends at a steady RATE messages/s over REST (alternating instances, members in turn) and times every
 * delivery from just before the send request to the socket's `message.created`. Phase 2 sends as fast as
 * CONCURRENCY senders can, for the sustained messages/s. Both follow a 2 s warm-up at the steady rate that is not measured. Env: BENCH_FANOUT_SOCKETS (1000),
 * BENCH_FANOUT_DEVICES (5 sockets per user), BENCH_FANOUT_GROUP (10 users), BENCH_FANOUT_RATE (100/s),
 * BENCH_FANOUT_CONCURRENCY (32).
 */
const { randomUUID } = require('node:crypto');
const { io } = require('socket.io-client');

const num = (name, fallback) => Number(process.env[name] ?? fallback);

async function pool(items, concurrency, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

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

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

async function run(ctx, log) {
  const socketsWanted = num('BENCH_FANOUT_SOCKETS', 1000);
  const devices = num('BENCH_FANOUT_DEVICES', 5);
  const groupSize = num('BENCH_FANOUT_GROUP', 10);
  const rate = num('BENCH_FANOUT_RATE', 100);
  const concurrency = num('BENCH_FANOUT_CONCURRENCY', 32);
  const duration = ctx.options.duration;
  const users = Math.ceil(socketsWanted / devices);
  const second = await ctx.startApiInstance({ MESSAGING_SEND_LIMIT: '100000' });
  const urls = [ctx.apiUrl, second.url];
  log(`messaging-fanout: second API instance at ${second.url}; signing up ${users} users`);

  const people = await pool(
    Array.from({ length: users }, (_, i) => i),
    8,
    async (i) => {
      const body = await call(urls[i % 2], 'POST', '/auth/signup', undefined, {
        full_name: 'Fan Out',
        email: `fanout-${randomUUID()}@bench.test`,
        password: 'Bench!Passw0rd-42',
        date_of_birth: '1990-01-01',
      });
      return { userId: body.user.id, token: body.access_token };
    },
  );
  const groups = [];
  for (let i = 0; i < people.length; i += groupSize) groups.push({ members: people.slice(i, i + groupSize) });
  await pool(groups, 8, async (group, i) => {
    const [admin, ...others] = group.members;
    if (others.length === 0) return;
    group.id = (
      await call(urls[i % 2], 'POST', '/conversations', admin.token, {
        conversation_type: 'group',
        name: `Fan-out ${i}`,
        participant_ids: others.map((m) => m.userId),
      })
    ).id;
  });
  const usable = groups.filter((g) => g.id);

  // Sockets: every user's devices, alternately on either instance.
  const pending = new Map(); // message client_txn_id -> { sentAt, expected, received }
  const latencies = [];
  let deliveries = 0;
  const sockets = [];
  await pool(
    people.flatMap((person) => Array.from({ length: devices }, (_, d) => ({ person, d }))),
    50,
    ({ person, d }) =>
      new Promise((resolve, reject) => {
        const socket = io(urls[(d + sockets.length) % 2], { auth: { token: person.token }, transports: ['websocket'], reconnection: false, forceNew: true });
        sockets.push(socket);
        socket.on('message.created', (message) => {
          const entry = pending.get(message.client_txn_id);
          if (!entry) return;
          latencies.push(performance.now() - entry.sentAt);
          entry.received += 1;
          deliveries += 1;
        });
        socket.once('ready', resolve);
        socket.once('connect_error', reject);
      }),
  );
  log(`messaging-fanout: ${sockets.length} sockets connected, ${usable.length} groups of ${groupSize}`);

  let sendErrors = 0;
  let turn = 0;
  const sendOne = async () => {
    const n = turn++;
    const group = usable[n % usable.length];
    const sender = group.members[Math.floor(n / usable.length) % group.members.length];
    const txn = randomUUID();
    const entry = { sentAt: performance.now(), expected: group.members.length * devices, received: 0 };
    pending.set(txn, entry);
    try {
      await call(urls[n % 2], 'POST', `/conversations/${group.id}/messages`, sender.token, { client_txn_id: txn, body: `fan-out ${n}` });
    } catch {
      sendErrors += 1;
      pending.delete(txn);
    }
    return entry;
  };

  /** Sends at `rate` messages/s for `seconds`, then waits 2 s for the last deliveries; returns the sends and the seconds they took. */
  const atSteadyRate = async (seconds) => {
    const sent = [];
    const started = performance.now();
    const inFlight = [];
    for (let i = 0; performance.now() - started < seconds * 1000; i += 1) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(sendOne().then((entry) => sent.push(entry)));
    }
    await Promise.all(inFlight);
    await new Promise((r) => setTimeout(r, 2000));
    return { sent, seconds: (performance.now() - started) / 1000 - 2 };
  };

  // Warm-up at the steady rate (JIT, connection pools, the adapter's subscriptions), not measured, as the other
  // scenarios' 2 s warm-up.
  await atSteadyRate(2);
  latencies.length = 0;

  // Phase 1: a steady rate.
  const { sent: steady, seconds: steadySeconds } = await atSteadyRate(duration);
  const steadyLatencies = [...latencies].sort((a, b) => a - b);
  const expected = steady.reduce((sum, e) => sum + e.expected, 0);
  const received = steady.reduce((sum, e) => sum + e.received, 0);

  // Phase 2: as fast as CONCURRENCY senders go.
  latencies.length = 0;
  const burst = [];
  const burstStart = performance.now();
  const burstMs = (duration * 1000) / 2;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() - burstStart < burstMs) burst.push(await sendOne());
    }),
  );
  const burstSeconds = (performance.now() - burstStart) / 1000;
  await new Promise((r) => setTimeout(r, 2000));
  const burstLatencies = [...latencies].sort((a, b) => a - b);
  const burstExpected = burst.reduce((sum, e) => sum + e.expected, 0);
  const burstReceived = burst.reduce((sum, e) => sum + e.received, 0);
  for (const socket of sockets) socket.close();

  const result = {
    sockets: sockets.length,
    groups: usable.length,
    groupSize,
    steady: {
      targetRate: rate,
      messagesPerSec: steady.length / steadySeconds,
      deliveriesExpected: expected,
      deliveriesReceived: received,
      p50Ms: percentile(steadyLatencies, 50),
      p99Ms: percentile(steadyLatencies, 99),
    },
    burst: {
      concurrency,
      messagesPerSec: burst.length / burstSeconds,
      deliveriesPerSec: burstReceived / burstSeconds,
      deliveriesExpected: burstExpected,
      deliveriesReceived: burstReceived,
      p50Ms: percentile(burstLatencies, 50),
      p99Ms: percentile(burstLatencies, 99),
    },
    sendErrors,
    deliveries,
  };
  const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
  result.summary =
    `${result.sockets} sockets on 2 instances, ${result.groups} groups of ${groupSize}; steady ${f(result.steady.messagesPerSec)} msg/s: ` +
    `send→delivery p50 ${f(result.steady.p50Ms)} ms, p99 ${f(result.steady.p99Ms)} ms (${received}/${expected} delivered); ` +
    `saturated (${concurrency} senders): ${f(result.burst.messagesPerSec)} msg/s, ${f(result.burst.deliveriesPerSec)} deliveries/s, ` +
    `p50 ${f(result.burst.p50Ms)} ms, p99 ${f(result.burst.p99Ms)} ms (${burstReceived}/${burstExpected})`;
  result.problems = [
    ...(sendErrors > 0 ? [`${sendErrors} sends failed`] : []),
    ...(received < expected ? [`${expected - received} steady deliveries missing`] : []),
  ];
  log(`messaging-fanout: ${result.summary}`);
  return result;
}

module.exports = { run };
