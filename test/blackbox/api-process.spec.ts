import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createClient } from '../../clients/typescript/src/client';
import { healthLive, healthReady } from '../../clients/typescript/src/sdk.gen';
import { freePort } from '../../src/platform/infra/free-port';
import { spawnBuilt, NodeProcess } from '../support/processes';
import { testConfig, testEnv } from '../support/test-config';

/** Signs up through the API, grants `roles` in the database, and logs in again for a token that carries them. */
async function signUp(baseUrl: string, databaseUrl: string, roles: string[]): Promise<string> {
  const email = `blackbox-${randomUUID()}@example.test`;
  const password = 'Blackb0x!Passw0rd';
  const post = (path: string, body: object) =>
    fetch(`${baseUrl}/api/v1/auth/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const signup = await post('signup', { full_name: 'Black Box', email, password, date_of_birth: '1990-01-01' });
  expect(signup.status).toBe(201);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query('UPDATE accounts SET roles = $1 WHERE email = $2', [roles, email]);
  await db.end();
  const login = await post('login', { email, password });
  expect(login.status).toBe(200);
  return ((await login.json()) as { access_token: string }).access_token;
}

/** The built API as its own process, driven through the generated client as a frontend would. */
describe('dist/main.js through the generated client', () => {
  let api: NodeProcess;
  let baseUrl: string;
  let databaseUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    const config = testConfig();
    databaseUrl = config.database.url!;
    api = spawnBuilt('main.js', testEnv(config, { PORT: String(port), HOST: '127.0.0.1' }));
    await api.waitForOutput(/api listening/);
    baseUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    const exit = await api?.kill('SIGTERM');
    expect(exit?.code).toBe(0);
  });

  it('reports live and ready', async () => {
    const client = createClient({ baseUrl });
    const live = await healthLive({ client });
    expect(live.response.status).toBe(200);
    expect(live.data).toEqual({ status: 'ok', checks: {} });
    const ready = await healthReady({ client });
    expect(ready.response.status).toBe(200);
    expect(ready.data?.checks).toEqual({ database: 'up', redis: 'up', queue: 'up' });
  });

  it('serves the OpenAPI document and its UI', async () => {
    const document = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as {
      info: { title: string };
      paths: Record<string, { get: { operationId: string } }>;
    };
    expect(document.info.title).toBe('RevSync API');
    expect(document.paths['/api/v1/health/ready'].get.operationId).toBe('health_ready');
    const ui = await fetch(`${baseUrl}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('exposes Prometheus metrics with per-route latency, queue depths and the process metrics (CPU, GC pauses)', async () => {
    await fetch(`${baseUrl}/api/v1/health/live`);
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/health\/live",status="200"\} \d+/);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/health\/live"\}/);
    expect(text).toMatch(/queue_jobs\{queue="mail",state="waiting"\} \d+/);
    expect(text).toMatch(/process_cpu_user_seconds_total \d/);
    expect(text).toMatch(/# TYPE nodejs_gc_duration_seconds histogram/);
  });

  it('opens the queue dashboard to platform admins only', async () => {
    const customer = await signUp(baseUrl, databaseUrl, []);
    const admin = await signUp(baseUrl, databaseUrl, ['admin']);
    const dashboard = (headers: Record<string, string> = {}, query = '') => fetch(`${baseUrl}/admin/queues${query}`, { headers, redirect: 'manual' });

    expect((await dashboard()).status).toBe(401);
    expect((await dashboard({ authorization: 'Basic YWRtaW46YWRtaW4=' })).status).toBe(401);
    expect((await dashboard({ authorization: 'Bearer not-a-token' })).status).toBe(401);
    expect((await dashboard({ authorization: `Bearer ${customer}` })).status).toBe(403);
    const page = await dashboard({ authorization: `Bearer ${admin}` });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/bull/i);

    const handoff = await dashboard({}, `?access_token=${encodeURIComponent(admin)}`);
    expect(handoff.status).toBe(303);
    expect(handoff.headers.get('location')).toBe('/admin/queues');
    const cookie = handoff.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^revsync_queues=.+; Path=\/admin\/queues; HttpOnly; SameSite=Strict/);
    const api = await dashboard({ cookie: cookie.split(';')[0] }, '/api/queues');
    expect(api.status).toBe(200);
    const listed = ((await api.json()) as { queues: Array<{ name: string }> }).queues.map((queue) => queue.name).sort();
    // The platform's queues and every context's, as the modules declare them.
    expect(listed).toEqual(expect.arrayContaining(['events', 'identity', 'mail', 'sms']));
    expect((await dashboard({}, `?access_token=${encodeURIComponent(customer)}`)).status).toBe(403);
  });

  it('logs JSON lines carrying the request id', async () => {
    await fetch(`${baseUrl}/api/v1/health/live`, { headers: { 'x-request-id': 'blackbox-trace-1' } });
    const line = await api.waitForOutput(/blackbox-trace-1/);
    expect(JSON.parse(line)).toEqual(expect.objectContaining({ request_id: 'blackbox-trace-1', route: '/api/v1/health/live', status: 200 }));
  });
});

describe('start-up configuration', () => {
  it.each([
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ DATABASE_URL: 'mysql://nope' }, /DATABASE_URL must use one of postgres/],
    [
      { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@y/z', REDIS_URL: 'redis://y', SMTP_URL: 'smtp://m', JWT_SECRET: 'change-me' },
      /JWT_SECRET is a default or weak secret/,
    ],
  ])('refuses %p with exit code 78 and a message naming the variable', async (env, message) => {
    const api = spawnBuilt('main.js', { PATH: process.env.PATH ?? '', ...env });
    const exit = await api.exited;
    expect(exit.code).toBe(78);
    expect(api.output.join('\n')).toMatch(message);
  });
});
