import { buildOpenApiDocument } from '../../../src/platform/http/openapi';
import type { TestApp } from '../../support/test-app';
import { identityApp } from './identity-test-kit';

type Operation = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, { content?: Record<string, unknown> }>;
};

const PUBLIC = [
  'get /api/v1/auth/health',
  'post /api/v1/auth/signup',
  'post /api/v1/auth/login',
  'post /api/v1/auth/refresh',
  'post /api/v1/auth/email/verify',
  'post /api/v1/auth/password/reset/request',
  'post /api/v1/auth/password/reset/confirm',
  'post /api/v1/auth/phone/request-otp',
  'post /api/v1/auth/phone/resend-otp',
  'post /api/v1/auth/phone/login',
];

describe('identity: OpenAPI document', () => {
  let t: TestApp;
  let operations: Map<string, Operation>;
  let schemas: Record<string, { properties?: Record<string, unknown> }>;
  beforeAll(async () => {
    t = await identityApp();
    const document = buildOpenApiDocument(t.app);
    operations = new Map();
    for (const [path, item] of Object.entries(document.paths)) {
      if (!path.startsWith('/api/v1/auth')) continue;
      for (const method of ['get', 'post', 'patch', 'delete'] as const) {
        const operation = (item as Record<string, Operation | undefined>)[method];
        if (operation) operations.set(`${method} ${path}`, operation);
      }
    }
    schemas = (document.components?.schemas ?? {}) as typeof schemas;
  });
  afterAll(() => t.close());

  it('documents every endpoint of the issue', () => {
    expect([...operations.keys()].sort()).toEqual(
      [
        ...PUBLIC,
        'post /api/v1/auth/logout',
        'post /api/v1/auth/logout-all',
        'get /api/v1/auth/me',
        'patch /api/v1/auth/me',
        'post /api/v1/auth/password/change',
        'post /api/v1/auth/email/change',
        'post /api/v1/auth/phone/verify-otp',
        'get /api/v1/auth/phone/verification-status',
        'get /api/v1/auth/sessions',
        'delete /api/v1/auth/sessions/{id}',
        'delete /api/v1/auth/me/picture',
      ].sort(),
    );
  });

  it('gives each an identity_ operationId, a summary, the identity tag, and the right security', () => {
    for (const [key, operation] of operations) {
      expect({ key, operationId: operation.operationId, tags: operation.tags, summary: typeof operation.summary }).toEqual({
        key,
        operationId: expect.stringMatching(/^identity_[a-z_]+$/),
        tags: ['identity'],
        summary: 'string',
      });
      expect({ key, security: operation.security }).toEqual({ key, security: PUBLIC.includes(key) ? [] : [{ bearer: [] }] });
    }
  });

  it('lists the problem responses each can give', () => {
    const problems = (key: string) => Object.keys(operations.get(key)!.responses).filter((status) => Number(status) >= 400);
    expect(problems('post /api/v1/auth/signup')).toEqual(expect.arrayContaining(['400', '409', '429']));
    expect(problems('post /api/v1/auth/login')).toEqual(expect.arrayContaining(['400', '401', '403', '429']));
    expect(problems('post /api/v1/auth/email/verify')).toEqual(expect.arrayContaining(['409', '422']));
    expect(problems('delete /api/v1/auth/sessions/{id}')).toEqual(expect.arrayContaining(['400', '401', '404']));
    expect(problems('post /api/v1/auth/phone/verify-otp')).toEqual(expect.arrayContaining(['401', '409', '422']));
    for (const [key, operation] of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400)
          expect({ key, status, content: Object.keys(response.content ?? {}) }).toEqual({ key, status, content: ['application/problem+json'] });
      }
    }
  });

  it('uses snake_case fields in every identity request and response schema', () => {
    const names = Object.keys(schemas).filter((name) => /Dto$/.test(name) && !/^(HealthStatus|PageMeta)Dto$/.test(name));
    expect(names).toEqual(expect.arrayContaining(['SignUpRequestDto', 'AuthResponseDto', 'UserProfileDto', 'SessionDto']));
    for (const name of names) {
      for (const field of Object.keys(schemas[name].properties ?? {}))
        expect({ name, field }).toEqual({ name, field: expect.stringMatching(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/) });
    }
    expect(Object.keys(schemas.AuthResponseDto.properties ?? {}).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type', 'user']);
  });
});
