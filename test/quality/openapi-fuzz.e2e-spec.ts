import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { buildOpenApiDocument } from '../../src/platform/http/openapi';
import { MAX_JSON_DEPTH } from '../../src/platform/http/input-policy';
import { createTestApp, TestApp } from '../support/test-app';
import { testConfig } from '../support/test-config';

/**
 * Schema-driven fuzzing over every operation of the OpenAPI document: requests
 * built from each operation's schema, mixed with hostile values, sent as an
 * authorized caller. Never a 5xx; every 4xx is problem+json; health still
 * answers afterwards. Seeded and bounded: FUZZ_SEED replays a run, FUZZ_RUNS
 * sets the requests per operation.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema };
type Operation = { operationId: string; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> }; security?: unknown[] };
type Method = (typeof METHODS)[number];

/** Lone surrogates cannot be percent-encoded; they become U+FFFD in a URL. */
function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function deepNest(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

function deepArray(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

const HOSTILE_STRINGS = [
  "' OR '1'='1' --",
  "'; DROP TABLE accounts; --",
  '{"$gt": ""}',
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%00',
  '\u0000',
  '\uD800',
  '\u202Eevil',
  '𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧‍👦',
  'ﷺ'.repeat(50),
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
  '2023-02-30',
  '0000-00-00T99:99:99Z',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  ' ',
  '',
];

const hostileScalar = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => 'x'.repeat(n)),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 5000 }).map((n) => Array.from({ length: n }, (_, i) => i)) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 2000 }).map(deepNest) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 2000 }).map(deepArray) },
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}')) },
);

function resolve(schema: Schema | undefined, components: Record<string, Schema>): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop()!], components);
  if (schema.allOf?.length) return schema.allOf.reduce<Schema>((merged, part) => ({ ...merged, ...resolve(part, components) }), {});
  if (schema.oneOf?.length) return resolve(schema.oneOf[0], components);
  if (schema.anyOf?.length) return resolve(schema.anyOf[0], components);
  return schema;
}

/** A value that follows the schema, so fuzzing reaches past validation into the use cases. */
function validValue(schema: Schema, components: Record<string, Schema>, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'string':
      if (s.format === 'email') return fc.emailAddress();
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'date') return fc.constantFrom('1990-05-17', '2001-12-31');
      if (s.format === 'date-time') return fc.constant(new Date().toISOString());
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 60) });
    case 'integer':
      return fc.integer({ min: s.minimum ?? -10, max: s.maximum ?? (s.minimum ?? 0) + 1000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -10, max: s.maximum ?? (s.minimum ?? 0) + 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(validValue(s.items ?? {}, components, depth + 1), { maxLength: 3 });
    case 'object':
    default: {
      if (!s.properties || depth > 3) return fc.constant({});
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(s.properties)) shape[name] = validValue(property, components, depth + 1);
      return fc.record(shape, { requiredKeys: s.required ?? [] });
    }
  }
}

/** Either the schema's value, a hostile one, or nothing, per field; sometimes extra fields. */
function fuzzBody(schema: Schema, components: Record<string, Schema>): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  if (!s.properties) return fc.oneof(validValue(s, components), hostileValue);
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(s.properties)) {
    shape[name] = fc.oneof({ weight: 3, arbitrary: validValue(property, components) }, { weight: 2, arbitrary: hostileValue });
  }
  return fc.oneof(
    { weight: 6, arbitrary: fc.record(shape, { requiredKeys: [] }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.record(shape, { requiredKeys: [] }), fc.dictionary(fc.string({ maxLength: 10 }), hostileValue, { maxKeys: 3 }))
        .map(([a, b]) => ({ ...b, ...a })),
    },
    { weight: 1, arbitrary: hostileValue },
  );
}

function paramValue(parameter: Parameter, components: Record<string, Schema>): fc.Arbitrary<string> {
  const valid = validValue(parameter.schema ?? { type: 'string' }, components).map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) }, { weight: 1, arbitrary: fc.uuid() });
}

interface Sample {
  url: string;
  payload?: string;
  contentType?: string;
}

function requestFor(path: string, operation: Operation, components: Record<string, Schema>): fc.Arbitrary<Sample> {
  const parameters = operation.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const queryParams = parameters.filter((p) => p.in === 'query');
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  return fc
    .record({
      path: fc.tuple(...pathParams.map((p) => paramValue(p, components))),
      query: fc.tuple(...queryParams.map((p) => fc.option(paramValue(p, components), { nil: undefined }))),
      extraQuery: fc.option(fc.tuple(fc.constantFrom('__proto__[admin]', 'sort', 'limit', 'page', 'org_id'), fc.constantFrom(...HOSTILE_STRINGS)), {
        nil: undefined,
      }),
      body: bodySchema ? fuzzBody(bodySchema, components) : fc.constant(undefined),
      rawBody: fc.option(fc.constantFrom('{"a": NaN}', '{"a": 1e999}', '[[[[[[', 'null', '"string"', '{"a":"\\ud800"}'), { freq: 8, nil: undefined }),
    })
    .map(({ path: pathValues, query, extraQuery, body, rawBody }) => {
      let url = path;
      pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encodeURIComponent(wellFormed(pathValues[i])))));
      const search = new URLSearchParams();
      queryParams.forEach((p, i) => query[i] !== undefined && search.append(p.name, query[i]!));
      if (extraQuery) search.append(extraQuery[0], extraQuery[1]);
      const qs = search.toString();
      const sample: Sample = { url: qs ? `${url}?${qs}` : url };
      if (bodySchema) {
        sample.payload = rawBody ?? JSON.stringify(body ?? null);
        sample.contentType = 'application/json';
      }
      return sample;
    });
}

/*
 * The input classes the platform has one policy for (src/platform/http/input-policy.ts,
 * validation.ts, media-type.guard.ts), generated for every operation of the document from its
 * own schema, so a new route is covered without anyone writing a case. Each case says what the
 * answer must be: an exact status and code where the policy runs before authentication (the
 * body parser, the query and path check, the media type guard, Node's own limits), otherwise
 * any 4xx problem.
 */
interface ClassCase {
  inputClass: string;
  method: Method;
  url: string;
  payload?: string;
  contentType?: string;
  /** Status and code the policy gives; undefined: any 4xx problem (or a success). */
  expected?: { status: number; code?: string };
  /** Must not succeed: the policy or an earlier check (auth, tenant, role) refuses it with a 4xx problem. */
  refused?: boolean;
}

const BODY_METHODS: readonly Method[] = ['post', 'put', 'patch', 'delete'];

/** Properties of a body schema by kind, for the per-field classes. */
function bodyFields(schema: Schema | undefined, components: Record<string, Schema>) {
  const s = resolve(schema, components);
  const entries = Object.entries(s.properties ?? {}).map(([name, property]) => [name, resolve(property, components)] as const);
  return {
    strings: entries.filter(([, p]) => p.type === 'string' && !p.enum).map(([name]) => name),
    optional: entries.filter(([name]) => !(s.required ?? []).includes(name)).map(([name]) => name),
    nullable: new Set(entries.filter(([, p]) => p.nullable).map(([name]) => name)),
  };
}

function insertAt(value: unknown, fragment: string, position: number): string {
  const text = typeof value === 'string' ? value : 'x';
  const at = Math.min(position, text.length);
  return text.slice(0, at) + fragment + text.slice(at);
}

function classCases(path: string, method: Method, operation: Operation, components: Record<string, Schema>, seed: number): ClassCase[] {
  const parameters = operation.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const queryParams = parameters.filter((p) => p.in === 'query');
  const declared = Object.keys(operation.requestBody?.content ?? {});
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  const [validPath] = fc.sample(fc.tuple(...pathParams.map((p) => validValue(p.schema ?? { type: 'string' }, components))), { numRuns: 1, seed });
  let base = path;
  pathParams.forEach((p, i) => (base = base.replace(`{${p.name}}`, encodeURIComponent(String(validPath[i])))));
  const [validBody] = bodySchema ? fc.sample(validValue(bodySchema, components), { numRuns: 1, seed }) : [{}];
  const body = (validBody ?? {}) as Record<string, unknown>;
  const positions = fc.sample(fc.nat({ max: 40 }), { numRuns: 64, seed });
  const cases: ClassCase[] = [];
  const json = (inputClass: string, payload: string, expected?: ClassCase['expected'], refused?: boolean) =>
    cases.push({ inputClass, method, url: base, payload, contentType: 'application/json', expected, refused });

  // Query strings and path parameters: NUL and percent-encoded lone surrogates (CESU-8 bytes), every parameter.
  const queryNames = queryParams.length ? queryParams.map((p) => p.name) : ['q'];
  for (const name of queryNames) {
    cases.push({
      inputClass: 'nul-query',
      method,
      url: `${base}?${encodeURIComponent(name)}=a%00b`,
      expected: { status: 400, code: 'HTTP.INVALID_CHARACTERS' },
    });
    cases.push({ inputClass: 'lone-surrogate-query', method, url: `${base}?${encodeURIComponent(name)}=%ED%A0%80` });
  }
  cases.push({ inputClass: 'forbidden-key-query', method, url: `${base}?constructor=x`, expected: { status: 400, code: 'HTTP.FORBIDDEN_KEY' } });
  pathParams.forEach((p, i) => {
    const withValue = (value: string) =>
      pathParams.reduce((url, q, j) => url.replace(`{${q.name}}`, j === i ? value : encodeURIComponent(String(validPath[j]))), path);
    cases.push({ inputClass: 'nul-path', method, url: withValue('a%00b'), expected: { status: 400, code: 'HTTP.INVALID_CHARACTERS' } });
    cases.push({ inputClass: 'lone-surrogate-path', method, url: withValue('%ED%A0%80') });
  });

  if (!BODY_METHODS.includes(method) && !bodySchema) return cases;

  // Bodies: every JSON body is parsed under the policy before authentication.
  const fields = bodyFields(bodySchema, components);
  const targets = fields.strings.length ? fields.strings : ['injected'];
  targets.forEach((name, i) => {
    const at = positions[i % positions.length];
    json('lone-surrogate-body', JSON.stringify({ ...body, [name]: insertAt(body[name], '\uD800', at) }), { status: 400, code: 'HTTP.INVALID_UNICODE' });
    json('lone-surrogate-body', JSON.stringify({ ...body, [name]: insertAt(body[name], '\uDFFF', at) }), { status: 400, code: 'HTTP.INVALID_UNICODE' });
    json('nul-body', JSON.stringify({ ...body, [name]: insertAt(body[name], '\u0000', at) }), { status: 400, code: 'HTTP.INVALID_CHARACTERS' });
  });
  json('lone-surrogate-key', JSON.stringify({ ...body, '\uDC00': 1 }), { status: 400, code: 'HTTP.INVALID_UNICODE' });
  const deep = 2000 + positions[0] * 100;
  json('deep-object', `${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}`, { status: 400, code: 'HTTP.NESTING_TOO_DEEP' });
  json('deep-array', `${'['.repeat(deep)}1${']'.repeat(deep)}`, { status: 400, code: 'HTTP.NESTING_TOO_DEEP' });
  json('deep-just-over-limit', JSON.stringify({ ...body, nested: deepArray(MAX_JSON_DEPTH) }), { status: 400, code: 'HTTP.NESTING_TOO_DEEP' });
  const inner = JSON.stringify(body).slice(1, -1);
  const withKey = (key: string) => `{${inner}${inner ? ',' : ''}"${key}":{"prototype":{"admin":true}}}`;
  json('forbidden-key-body', withKey('__proto__'), { status: 400, code: 'HTTP.FORBIDDEN_KEY' });
  json('forbidden-key-body', withKey('constructor'), { status: 400, code: 'HTTP.FORBIDDEN_KEY' });

  // Explicit null for optional fields: all at once, then each alone. Refused unless documented nullable.
  if (fields.optional.length) {
    const refused = fields.optional.some((name) => !fields.nullable.has(name));
    json('explicit-null', JSON.stringify({ ...body, ...Object.fromEntries(fields.optional.map((name) => [name, null])) }), undefined, refused);
    for (const name of fields.optional) json('explicit-null', JSON.stringify({ ...body, [name]: null }), undefined, !fields.nullable.has(name));
  }

  // Media types the operation does not declare: 415, whatever the fields say.
  const bodyTypes = [
    ['text/plain', 'name=x'],
    ['application/x-www-form-urlencoded', 'name=x'],
    ['multipart/form-data; boundary=fuzz', '--fuzz\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--fuzz--\r\n'],
    ['application/xml', '<name>x</name>'],
  ];
  const accepted = declared.length ? declared : ['application/json'];
  for (const [contentType, payload] of bodyTypes) {
    if (accepted.includes(contentType.split(';')[0])) continue;
    cases.push({ inputClass: 'media-type', method, url: base, payload, contentType, expected: { status: 415, code: 'HTTP.UNSUPPORTED_MEDIA_TYPE' } });
  }
  return cases;
}

/** One request over a real socket: Node's own limits apply before Fastify sees it. */
function rawRequest(port: number, head: string): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('error', (error) => (data ? undefined : reject(error)));
    socket.on('close', () => {
      const [top, body = ''] = data.split('\r\n\r\n');
      const [statusLine, ...lines] = top.split('\r\n');
      const contentType =
        lines
          .find((line) => line.toLowerCase().startsWith('content-type:'))
          ?.slice('content-type:'.length)
          .trim() ?? '';
      resolve({ status: Number(statusLine.split(' ')[1]), contentType, body });
    });
  });
}

describe('schema-driven fuzzing of every operation', () => {
  let t: TestApp;
  let document: ReturnType<typeof buildOpenApiDocument>;
  const password = 'Fuzz!ng-Passw0rd';
  const email = `fuzzer-${randomUUID()}@example.test`;

  beforeAll(async () => {
    t = await createTestApp({
      config: testConfig({ RATE_LIMIT_MAX: '1000000', AUTH_RATE_LIMIT_MAX: '1000000', HTTP_BODY_LIMIT_BYTES: '1048576' }),
      processJobs: true,
    });
    document = buildOpenApiDocument(t.app);
    process.stdout.write(`openapi fuzz seed: ${SEED} (FUZZ_SEED=${SEED} to replay), ${RUNS} runs per operation\n`);
  });
  afterAll(() => t?.close());

  /** A fresh session per operation, so an operation that logs out does not blind the next one. */
  async function bearer(): Promise<Record<string, string>> {
    if (!document.paths['/api/v1/auth/signup']) return {};
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { full_name: 'Fuzz Tester', email, password, date_of_birth: '1990-01-01' },
    });
    if (signup.statusCode !== 201) {
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      if (login.statusCode !== 200) return {};
      return { authorization: `Bearer ${login.json().access_token}` };
    }
    return { authorization: `Bearer ${signup.json().access_token}` };
  }

  it('never answers 5xx, and every 4xx is problem+json', async () => {
    const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
    const failures: string[] = [];
    let requests = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = (item as Record<string, Operation | undefined>)[method];
        if (!operation) continue;
        const headers = operation.security?.length ? await bearer() : {};
        const samples = fc.sample(requestFor(path, operation, components), { numRuns: RUNS, seed: SEED });
        for (const sample of samples) {
          requests += 1;
          const res = await t.app.inject({
            method: method.toUpperCase() as 'GET',
            url: sample.url,
            payload: sample.payload,
            headers: { ...headers, ...(sample.contentType ? { 'content-type': sample.contentType } : {}) },
          });
          const problem = res.statusCode >= 400 && /^application\/problem\+json/.test(String(res.headers['content-type']));
          if (res.statusCode >= 500 || (res.statusCode >= 400 && !problem)) {
            failures.push(
              `${method.toUpperCase()} ${sample.url.slice(0, 200)} body=${(sample.payload ?? '').slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 300)}`,
            );
          }
        }
      }
    }
    if (failures.length) throw new Error(`seed ${SEED}: ${failures.length}/${requests} requests failed:\n${failures.slice(0, 20).join('\n')}`);
    expect(requests).toBeGreaterThan(0);
  });

  it('answers every hostile input class on every operation as its policy says, never 5xx', async () => {
    const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
    const failures: string[] = [];
    const seen = new Map<string, number>();
    let requests = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = (item as Record<string, Operation | undefined>)[method];
        if (!operation) continue;
        const headers = operation.security?.length ? await bearer() : {};
        for (const sample of classCases(path, method, operation, components, SEED)) {
          requests += 1;
          seen.set(sample.inputClass, (seen.get(sample.inputClass) ?? 0) + 1);
          const res = await t.app.inject({
            method: method.toUpperCase() as 'GET',
            url: sample.url,
            payload: sample.payload,
            headers: { ...headers, ...(sample.contentType ? { 'content-type': sample.contentType } : {}) },
          });
          const problem = /^application\/problem\+json/.test(String(res.headers['content-type']));
          const code = problem ? (res.json() as { code?: string }).code : undefined;
          const wrong = sample.expected
            ? res.statusCode !== sample.expected.status || !problem || (sample.expected.code !== undefined && code !== sample.expected.code)
            : res.statusCode >= 500 || (res.statusCode >= 400 && !problem) || (sample.refused === true && res.statusCode < 400);
          if (wrong) {
            const want = sample.expected
              ? `${sample.expected.status} ${sample.expected.code ?? ''}`
              : sample.refused
                ? '4xx problem+json'
                : '< 500, problem+json';
            failures.push(
              `[${sample.inputClass}] ${method.toUpperCase()} ${sample.url.slice(0, 160)} body=${JSON.stringify((sample.payload ?? '').slice(0, 160))} -> ${res.statusCode} ${code ?? res.body.slice(0, 200)} (want ${want})`,
            );
          }
        }
      }
    }
    if (failures.length) throw new Error(`seed ${SEED}: ${failures.length}/${requests} requests failed:\n${failures.slice(0, 30).join('\n')}`);
    for (const inputClass of [
      'nul-query',
      'nul-body',
      'lone-surrogate-body',
      'deep-object',
      'deep-array',
      'forbidden-key-body',
      'explicit-null',
      'media-type',
    ]) {
      expect({ inputClass, generated: (seen.get(inputClass) ?? 0) > 0 }).toEqual({ inputClass, generated: true });
    }
  });

  it('answers a request line or headers too large for the server with 431 problem+json, on every operation', async () => {
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const [pad] = fc.sample(fc.integer({ min: 20_000, max: 60_000 }), { numRuns: 1, seed: SEED });
    const failures: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        if (!(item as Record<string, unknown>)[method]) continue;
        const url = path.replace(/\{[^}]+\}/g, randomUUID());
        for (const [inputClass, head] of [
          ['oversized-headers', `${method.toUpperCase()} ${url} HTTP/1.1\r\nHost: fuzz\r\nX-Fuzz: ${'a'.repeat(pad)}\r\n\r\n`],
          ['oversized-request-line', `${method.toUpperCase()} ${url}?q=${'a'.repeat(pad)} HTTP/1.1\r\nHost: fuzz\r\n\r\n`],
        ]) {
          const res = await rawRequest(port, head);
          let code: unknown;
          try {
            code = (JSON.parse(res.body) as { code?: unknown }).code;
          } catch {
            code = undefined;
          }
          if (res.status !== 431 || res.contentType !== 'application/problem+json' || code !== 'HTTP.HEADERS_TOO_LARGE') {
            failures.push(`[${inputClass}] ${method.toUpperCase()} ${path} -> ${res.status} ${res.contentType} ${res.body.slice(0, 200)}`);
          }
        }
      }
    }
    if (failures.length) throw new Error(`seed ${SEED}: ${failures.length} requests failed:\n${failures.slice(0, 20).join('\n')}`);
  });

  it('still answers health afterwards', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/health/live' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/health/ready' })).statusCode).toBe(200);
  });
});
