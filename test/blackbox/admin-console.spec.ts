import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import openapi from '../../openapi.json';
import { freePort } from '../../src/platform/infra/free-port';
import { ecuImage, multipart, tuneBody } from '../e2e/marketplace/marketplace-test-kit';
import { spawnBuilt, waitFor, NodeProcess } from '../support/processes';
import { testConfig, testEnv } from '../support/test-config';

const PASSWORD = 'C0nsole!Passw0rd';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Every documented operation as `METHOD /path-pattern`, to check the console's calls against. */
const DOCUMENTED = Object.entries((openapi as { paths: Record<string, Record<string, unknown>> }).paths).flatMap(([path, operations]) =>
  Object.keys(operations).map((method) => ({ method: method.toUpperCase(), pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`), path })),
);

/** The operators' console as a browser sees it, against the built API and worker (dist/), in headless Chromium. */
describe('the operators’ console at /admin (headless Chromium)', () => {
  let api: NodeProcess;
  let worker: NodeProcess;
  let browser: Browser;
  let baseUrl: string;
  let db: Client;

  const call = async (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined || Buffer.isBuffer(body) ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  async function account(roles: string[] = []): Promise<{ id: string; email: string; token: string }> {
    const email = `console-${randomUUID()}@example.test`;
    const signup = await call('POST', '/auth/signup', undefined, { full_name: 'Console Tester', email, password: PASSWORD, date_of_birth: '1990-01-01' });
    expect(signup.status).toBe(201);
    // Platform admins are granted by an operator on the database (there is no API to become one).
    if (roles.length) await db.query('UPDATE accounts SET roles = $1 WHERE email = $2', [roles, email]);
    const login = await call('POST', '/auth/login', undefined, { email, password: PASSWORD });
    return { id: signup.body.user.id, email, token: login.body.access_token };
  }

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${baseUrl}/admin`);
    await page.locator('input[name="username"]').fill(email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
  }

  beforeAll(async () => {
    const port = await freePort();
    const config = testConfig();
    db = new Client({ connectionString: config.database.url! });
    await db.connect();
    // Every test signs people up and in from one address: the per-minute sign-in limit (10 in production) is not under test here.
    const env = testEnv(config, { PORT: String(port), HOST: '127.0.0.1', AUTH_RATE_LIMIT_MAX: '1000' });
    api = spawnBuilt('main.js', env);
    worker = spawnBuilt('worker.js', env);
    await api.waitForOutput(/api listening/, 120_000);
    baseUrl = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await worker?.kill('SIGTERM');
    await api?.kill('SIGTERM');
  });

  it('a platform admin signs in, sees the dashboard, approves a tune waiting for review; the seller publishes it', async () => {
    const admin = await account(['admin']);
    const seller = await account();
    const studio = await call('POST', '/admin/organizations', admin.token, {
      kind: 'creator_studio',
      name: 'Console Tunes',
      slug: `console-tunes-${randomUUID().slice(0, 8)}`,
      principal_user_id: seller.id,
    });
    expect(studio.status).toBe(201);
    const orgId = studio.body.id as string;
    const tune = await call('POST', `/organizations/${orgId}/listings`, seller.token, tuneBody({ title: `Console tune ${randomUUID().slice(0, 6)}` }));
    expect(tune.status).toBe(201);
    const file = multipart(ecuImage(7), 'map.bin');
    expect((await call('PUT', `/organizations/${orgId}/listings/${tune.body.id}/file`, seller.token, file.payload, file.headers)).status).toBe(200);
    expect((await call('POST', `/organizations/${orgId}/listings/${tune.body.id}/submit`, seller.token)).status).toBe(200);
    // No AI key in the tests: the safety gate (run by the worker) leaves every tune to a human.
    await waitFor(
      async () => (await call('GET', `/organizations/${orgId}/listings/${tune.body.id}`, seller.token)).body?.status === 'needs_human',
      30_000,
      'the tune waits for a human',
    );

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const calls: Array<{ method: string; path: string }> = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) calls.push({ method: request.method(), path: url.pathname });
    });
    await signIn(page, admin.email);
    await page.getByText('Listings waiting for review').waitFor({ timeout: 20_000 });
    await page.getByText('By day').waitFor();
    await page.screenshot({ path: 'docs/admin-dashboard.png' });

    await page.getByRole('menuitem', { name: /moderation/i }).click();
    await page.getByRole('table').first().waitFor();
    // The queue is oldest first and other suites leave tunes in it: open this tune's review page from the queue's route.
    await page.goto(`${baseUrl}/admin/#/moderation/${tune.body.id}/show`);
    await page.getByText(tune.body.title).first().waitFor();
    await page.getByRole('table', { name: 'verdicts' }).getByText('needs_human').first().waitFor();
    await page.getByLabel('Reason').fill('Checked the map by hand: within limits.');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Listing approved').waitFor();

    const decided = await call('GET', `/organizations/${orgId}/listings/${tune.body.id}`, seller.token);
    expect(decided.body.status).toBe('approved');
    expect((await call('POST', `/organizations/${orgId}/listings/${tune.body.id}/publish`, seller.token)).status).toBe(200);
    const shown = await call('GET', `/listings/${tune.body.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.status).toBe('published');

    const audit = await call('GET', `/audit-events?action=marketplace&organization_id=${orgId}`, admin.token);
    expect(audit.body.data).toEqual([expect.objectContaining({ action: 'marketplace.listing_verdict_overridden', actor_user_id: admin.id })]);

    // The console's calls are documented operations: the admin API, sign-in and refresh, nothing else.
    expect(calls.length).toBeGreaterThan(0);
    for (const { method, path } of calls) {
      expect({ method, path, documented: DOCUMENTED.some((operation) => operation.method === method && operation.pattern.test(path)) }).toEqual({
        method,
        path,
        documented: true,
      });
      expect(path).toMatch(/^\/api\/v1\/(admin\/|auth\/(login|refresh|logout)$)/);
    }
    await page.close();
  }, 180_000);

  it('a platform admin finds a user, suspends them with a reason, and their sign-in is refused', async () => {
    const admin = await account(['admin']);
    const target = await account();
    expect((await call('POST', '/auth/login', undefined, { email: target.email, password: PASSWORD })).status).toBe(200);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const calls: Array<{ method: string; path: string }> = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) calls.push({ method: request.method(), path: url.pathname });
    });
    page.on('dialog', (dialog) => void dialog.accept('Card testing from this account'));
    await signIn(page, admin.email);
    await page.getByText('Listings waiting for review').waitFor({ timeout: 20_000 });
    await page.getByRole('menuitem', { name: /users/i }).click();
    await page.getByLabel('E-mail or name').fill(target.email);
    await page.getByText(target.email).first().click();
    await page.getByRole('table', { name: 'memberships' }).waitFor();
    await page.getByRole('button', { name: 'Suspend' }).click();
    await page.getByText('User suspended').waitFor();
    await page.getByRole('button', { name: 'Reactivate' }).waitFor();

    const refused = await call('POST', '/auth/login', undefined, { email: target.email, password: PASSWORD });
    expect([401, 403]).toContain(refused.status);
    const audit = await call('GET', `/admin/audit-events?action=admin.user_suspended&actor=${admin.id}`, admin.token);
    expect(audit.body.data).toEqual([
      expect.objectContaining({ target_id: target.id, actor_user_id: admin.id, metadata: { reason: 'Card testing from this account' } }),
    ]);
    for (const { method, path } of calls) {
      expect({ method, path, documented: DOCUMENTED.some((operation) => operation.method === method && operation.pattern.test(path)) }).toEqual({
        method,
        path,
        documented: true,
      });
      expect(path).toMatch(/^\/api\/v1\/(admin\/|auth\/(login|refresh|logout)$)/);
    }
    expect(calls).toContainEqual({ method: 'POST', path: `/api/v1/admin/users/${target.id}/suspend` });
    await page.close();
  }, 120_000);

  it('a platform admin hides a flagged forum post with a reason, and renames a vehicle type in the catalog', async () => {
    const [admin, author, flagger, reader] = await Promise.all([account(['admin']), account(), account(), account()]);
    const board = await call('POST', '/forum/categories', admin.token, { name: 'Console board', slug: `console-${randomUUID().slice(0, 8)}` });
    expect(board.status).toBe(201);
    const body = `Buy my scam kit ${randomUUID().slice(0, 6)}`;
    const thread = await call('POST', '/forum/threads', author.token, { category_id: board.body.id, title: 'Flag me in the console', body });
    expect(thread.status).toBe(201);
    const postId = thread.body.post.id as string;
    const flag = await call('POST', `/forum/posts/${postId}/flags`, flagger.token, { reason: 'spam' });
    expect(flag.status).toBe(201);
    const typeName = `Console type ${randomUUID().slice(0, 6)}`;
    const type = await call('POST', '/admin/catalog/vehicle-types', admin.token, { name: typeName });
    expect(type.status).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const calls: Array<{ method: string; path: string }> = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) calls.push({ method: request.method(), path: url.pathname });
    });
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, admin.email);
    await page.getByText('Listings waiting for review').waitFor({ timeout: 20_000 });
    await page.getByRole('menuitem', { name: /flagged content/i }).click();
    await page.getByRole('table').first().waitFor();
    // The queue is oldest first and shared with other suites: open this flag from the queue's route.
    await page.goto(`${baseUrl}/admin/#/flags/${flag.body.id}/show`);
    await page.getByLabel('flagged content').getByText(body).waitFor();
    await page.getByLabel('Reason').fill('Spam link to a scam shop');
    await page.getByRole('button', { name: 'Hide' }).click();
    await page.getByText('Flag decided: hide').waitFor();
    expect((await call('GET', `/forum/posts/${postId}`, reader.token)).status).toBe(404);
    const decided = await call('GET', `/admin/moderation/flags/${flag.body.id}`, admin.token);
    expect(decided.body).toMatchObject({ status: 'upheld', decision: 'hide', decision_reason: 'Spam link to a scam shop', resolved_by: admin.id });

    await page.getByRole('menuitem', { name: /vehicle types/i }).click();
    await page.getByLabel('Search').fill(typeName);
    // The list re-renders once the search applies: click the filtered row, then wait for its edit form.
    await page.getByRole('cell', { name: typeName, exact: true }).first().click();
    await page.waitForURL(/#\/vehicle-types\/[^/]+$/);
    const name = page.getByRole('textbox', { name: 'Name', exact: true });
    await name.waitFor();
    await name.fill(`${typeName} renamed`);
    await page.getByRole('button', { name: 'Save' }).click();
    await waitFor(
      async () => (await call('GET', `/admin/catalog/vehicle-types/${type.body.id}`, admin.token)).body?.name === `${typeName} renamed`,
      10_000,
      'the rename',
    );

    const audit = await call('GET', `/admin/audit-events?actor=${admin.id}&limit=100`, admin.token);
    const actions = audit.body.data.map((event: { action: string; target_id: string }) => `${event.action} ${event.target_id}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        `admin.community_flag_decided ${flag.body.id}`,
        `catalog.vehicle_type_updated ${type.body.id}`,
        `catalog.vehicle_type_created ${type.body.id}`,
      ]),
    );
    // The console's calls are operations of the document the server serves (openapi.json is regenerated when branches merge).
    const served = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(served.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({ method: method.toUpperCase(), pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`) })),
    );
    for (const { method, path } of calls) {
      expect({ method, path, documented: documented.some((operation) => operation.method === method && operation.pattern.test(path)) }).toEqual({
        method,
        path,
        documented: true,
      });
      expect(path).toMatch(/^\/api\/v1\/(admin\/|auth\/(login|refresh|logout)$)/);
    }
    expect(calls).toContainEqual({ method: 'POST', path: `/api/v1/admin/moderation/flags/${flag.body.id}/decision` });
    expect(calls).toContainEqual({ method: 'PATCH', path: `/api/v1/admin/catalog/vehicle-types/${type.body.id}` });
    await page.close();
  }, 120_000);

  it('refuses a customer who signs in', async () => {
    const customer = await account();
    const page = await browser.newPage();
    // Signed out, /admin goes to the sign-in form once: no loop of log-outs and redirects before the form shows.
    let navigations = 0;
    page.on('framenavigated', () => (navigations += 1));
    await page.goto(`${baseUrl}/admin`);
    await page.locator('input[name="username"]').waitFor();
    expect(navigations).toBeLessThanOrEqual(5);
    await signIn(page, customer.email);
    await page.getByText('This console is for platform admins only.').waitFor({ timeout: 20_000 });
    expect(await page.getByText('Listings waiting for review').count()).toBe(0);
    await page.close();
  }, 60_000);

  it('keeps the queue dashboard at /admin/queues', async () => {
    expect((await fetch(`${baseUrl}/admin/queues`, { redirect: 'manual' })).status).toBe(401);
    expect((await fetch(`${baseUrl}/admin/`)).headers.get('content-type')).toMatch(/text\/html/);
  });
});
