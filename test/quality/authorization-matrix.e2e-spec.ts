import { isDeepStrictEqual } from 'node:util';
import { ACCESS_TABLE, Caller } from '../e2e/access-table';
import { OrganizationsClient, organizationsApp } from '../e2e/organizations/organizations-test-kit';
import type { TestApp } from '../support/test-app';
import {
  MatrixOperation,
  MatrixWorld,
  paramSource,
  Persona,
  buildMatrixWorld,
  codeOf,
  headersFor,
  sampleBody,
  snapshotOfA,
  operationsOf,
  problemMismatch,
  send,
  urlFor,
} from './matrix-kit';

/**
 * The authorization matrix of issue 6, driven by the OpenAPI document and the
 * declared access table (test/e2e/access-table.ts), never by a list of routes:
 *
 * - every operation has an access rule, and every path parameter says how it is addressed;
 * - anonymous callers get 401 problem+json on every non-public operation;
 * - every caller the rule does not admit (a customer on admin routes, staff on
 *   manager routes, a manager on principal routes, API keys where keys are not
 *   accepted or of a lower role) gets 403 problem+json;
 * - on operations addressing an organization or an object of organization A,
 *   callers from organization B (and, on /organizations/{orgId}/…, anyone who
 *   is not a member of A) get 404 problem+json, never a success.
 *
 * Only refused calls are made, so the data built in beforeAll stays as it is
 * and the order of the checks does not matter. Guards run before validation,
 * so 401/403 calls send `{}`; 404 calls send a body
 * with every field set (a use case may validate before it looks the object up,
 * and a call let through must really change something), and A's objects are
 * compared before and after: a write followed by a 404 still fails.
 */
const SIGNED_IN_CALLERS: Exclude<Caller, 'anonymous'>[] = ['customer', 'staff', 'manager', 'principal', 'admin', 'key:staff', 'key:manager', 'key:principal'];

describe('authorization matrix over every OpenAPI operation', () => {
  let t: TestApp;
  let c: OrganizationsClient;
  let w: MatrixWorld;
  let operations: MatrixOperation[];
  let components: ReturnType<typeof operationsOf>['components'];
  const counts = { operations: 0, public: 0, anonymous401: 0, below403: 0, crossOrg404: 0, globalIds: 0 };
  const codes403 = new Map<string, number>();

  beforeAll(async () => {
    t = await organizationsApp();
    c = new OrganizationsClient(t);
    ({ operations, components } = operationsOf(t));
    w = await buildMatrixWorld(c);
  });
  afterAll(async () => {
    process.stdout.write(
      `authorization matrix: ${counts.operations} operations (${counts.public} public); ` +
        `anonymous->401: ${counts.anonymous401} ops; below-role->403: ${counts.below403} calls ${JSON.stringify(Object.fromEntries(codes403))}; ` +
        `other organization->404: ${counts.crossOrg404} calls; ops with global ids (random uuid): ${counts.globalIds}\n`,
    );
    await t?.close();
  });

  const guarded = () => operations.filter((op) => op.rule && op.rule.allow !== 'public');

  it('has an access rule for every operation and a declared kind for every path parameter', () => {
    counts.operations = operations.length;
    counts.public = operations.filter((op) => op.rule?.allow === 'public').length;
    counts.globalIds = operations.filter((op) => op.pathParams.some((name) => paramSource(op, name)?.scope === 'global')).length;
    const missing = operations.filter((op) => !op.rule).map((op) => op.key);
    const stale = Object.keys(ACCESS_TABLE).filter((key) => !operations.some((op) => op.key === key));
    const undeclared = operations.flatMap((op) => op.pathParams.filter((name) => !paramSource(op, name)).map((name) => `${op.key}: {${name}}`));
    expect({ missing, stale, undeclared }).toEqual({ missing: [], stale: [], undeclared: [] });
    expect(operations.length).toBeGreaterThan(0);
  });

  it('answers 401 problem+json to anonymous callers on every non-public operation', async () => {
    const failures: string[] = [];
    for (const op of guarded()) {
      const url = urlFor(op, w.fixtures);
      if (!url) continue;
      const res = await send(t, op, url, {});
      const mismatch = problemMismatch(res, 401);
      if (mismatch) failures.push(`${op.key}: ${mismatch}`);
      counts.anonymous401 += 1;
    }
    expect(failures).toEqual([]);
    expect(counts.anonymous401).toBe(guarded().length);
  });

  it('answers 403 problem+json to every caller the access rule does not admit', async () => {
    const failures: string[] = [];
    for (const op of guarded()) {
      const url = urlFor(op, w.fixtures);
      if (!url) continue;
      const allow = op.rule!.allow as readonly Caller[];
      // On /organizations/{orgId}/… a customer or an admin is a non-member: 404, checked below.
      const refused = SIGNED_IN_CALLERS.filter((caller) => !allow.includes(caller)).filter(
        (caller) => op.rule!.tenant !== 'path' || (caller !== 'customer' && caller !== 'admin'),
      );
      for (const caller of refused) {
        const res = await send(t, op, url, headersFor(caller, w, op.rule));
        const mismatch = problemMismatch(res, 403);
        if (mismatch) failures.push(`${op.key} as ${caller}: ${mismatch}`);
        codes403.set(codeOf(res), (codes403.get(codeOf(res)) ?? 0) + 1);
        counts.below403 += 1;
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 404 problem+json to callers from another organization (or person) on A’s organization and objects', async () => {
    const failures: string[] = [];
    const checked: string[] = [];
    const before = await snapshotOfA(c, w);
    const check = async (op: MatrixOperation, persona: Persona, url: string) => {
      const res = await send(t, op, url, headersFor(persona, w, op.rule), sampleBody(op, components));
      const mismatch = problemMismatch(res, 404);
      if (mismatch) failures.push(`${op.key} as ${persona} on ${url}: ${mismatch}`);
      checked.push(`${op.key} as ${persona} on ${url}=${res.statusCode} ${codeOf(res)}`);
      counts.crossOrg404 += 1;
    };
    for (const op of guarded()) {
      const url = urlFor(op, w.fixtures);
      if (!url) continue;
      const scopes = op.pathParams.map((name) => paramSource(op, name)!.scope);
      const allow = op.rule!.allow as readonly Caller[];
      if (scopes.includes('personal')) {
        // Another signed-in person on A's principal's own object.
        await check(op, 'customer', url);
      }
      if (!scopes.includes('tenant')) continue;
      if (op.rule!.tenant === 'path') {
        // The organization in the path is A: B's principal, B's key, a customer and an admin are not members.
        for (const persona of ['principalB', 'customer', 'admin'] as const) await check(op, persona, url);
        if (allow.some((caller) => caller.startsWith('key:'))) await check(op, 'key:principalB', url);
        // B's own organization in the path, A's object in the rest of it.
        const objects = op.pathParams.filter((name) => name !== 'orgId' && paramSource(op, name)!.scope === 'tenant');
        if (objects.length && allow.includes('principal')) await check(op, 'principalB', urlFor(op, { ...w.fixtures, orgId: w.orgB.id })!);
      } else if (allow.includes('principal')) {
        // X-Organization-Id names B, the object in the path is A's.
        await check(op, 'principalB', url);
      }
    }
    if (process.env.MATRIX_VERBOSE) process.stdout.write(`${checked.join('\n')}\n`);
    // A refused call must not have written before answering 404.
    const after = await snapshotOfA(c, w);
    for (const [name, value] of Object.entries(before)) {
      if (!isDeepStrictEqual(after[name], value))
        failures.push(`A's ${name} changed: ${JSON.stringify(value).slice(0, 300)} -> ${JSON.stringify(after[name]).slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
    expect(checked.length).toBeGreaterThan(0);
  });
});
