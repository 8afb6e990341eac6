import { buildOpenApiDocument } from '../../src/platform/http/openapi';
import { createTestApp, TestApp } from '../support/test-app';
import { testConfig } from '../support/test-config';
import { ACCESS_TABLE, API_KEY_CALLERS, CALLER_ROLES, Caller, PERSON_CALLERS } from './access-table';

type Operation = { security?: unknown[]; description?: string; 'x-organization'?: { from: string; param?: string } };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const ROLES_SENTENCE = /Requires one of the roles: ([^.]+)\./;

/**
 * Every route of the application has an access rule, and the rule is what
 * the route's guard metadata says (read back from the OpenAPI document:
 * security for @Public, the roles sentence for @Roles, the apiKey security scheme for
 * @AcceptsApiKey, x-organization for @OrganizationFromPath).
 */
describe('access table: every route declares who may call it', () => {
  let t: TestApp;
  let operations: Map<string, Operation>;

  beforeAll(async () => {
    t = await createTestApp({ config: testConfig() });
    const document = buildOpenApiDocument(t.app);
    operations = new Map();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = (item as Record<string, Operation | undefined>)[method];
        if (operation) operations.set(`${method.toUpperCase()} ${path}`, operation);
      }
    }
  });
  afterAll(() => t.close());

  it('lists every operation of the OpenAPI document, and nothing else', () => {
    const missing = [...operations.keys()].filter((key) => !(key in ACCESS_TABLE));
    const stale = Object.keys(ACCESS_TABLE).filter((key) => !operations.has(key));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('agrees with each route’s guards', () => {
    const disagreements: string[] = [];
    for (const [key, operation] of operations) {
      const rule = ACCESS_TABLE[key];
      if (!rule) continue;
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      if (rule.allow === 'public' || isPublic) {
        if (rule.allow !== 'public' || !isPublic) disagreements.push(`${key}: table says ${JSON.stringify(rule.allow)}, route public=${isPublic}`);
        continue;
      }
      const required = ROLES_SENTENCE.exec(operation.description ?? '')?.[1].split(', ') ?? [];
      const admits = (caller: Exclude<Caller, 'anonymous'>) => required.length === 0 || required.some((role) => CALLER_ROLES[caller].includes(role));
      const expected = [
        ...PERSON_CALLERS.filter((caller) => admits(caller as Exclude<Caller, 'anonymous'>)),
        ...(operation.security?.some((scheme) => Object.keys(scheme as object).includes('apiKey'))
          ? API_KEY_CALLERS.filter((caller) => admits(caller as Exclude<Caller, 'anonymous'>))
          : []),
      ];
      // A path-scoped route admits only members: a customer or an admin acting there is not one.
      const derived = operation['x-organization']?.from === 'path' ? expected.filter((caller) => caller !== 'customer' && caller !== 'admin') : expected;
      if ([...derived].sort().join() !== [...rule.allow].sort().join()) {
        disagreements.push(`${key}: table admits ${[...rule.allow].sort().join(',')}, guards admit ${[...derived].sort().join(',')}`);
      }
      const pathScoped = operation['x-organization']?.from === 'path';
      if (pathScoped !== (rule.tenant === 'path')) disagreements.push(`${key}: tenant from path is ${pathScoped} on the route`);
    }
    expect(disagreements).toEqual([]);
  });

  it('admits anonymous callers only on public routes', () => {
    for (const [key, rule] of Object.entries(ACCESS_TABLE)) {
      if (rule.allow !== 'public') expect({ key, anonymous: rule.allow.includes('anonymous') }).toEqual({ key, anonymous: false });
    }
  });
});
