import { randomUUID } from 'node:crypto';
import type { Response as InjectResponse } from 'light-my-request';
import { buildOpenApiDocument } from '../../src/platform/http/openapi';
import { ACCESS_TABLE, AccessRule, Caller } from '../e2e/access-table';
import { uniqueEmail } from '../e2e/identity/identity-test-kit';
import { Actor, OrganizationsClient, StaffedOrganization } from '../e2e/organizations/organizations-test-kit';
import type { TestApp } from '../support/test-app';

/**
 * Helpers for the authorization matrix (test/quality/authorization-matrix.e2e-spec.ts):
 * the operations of the OpenAPI document joined with their access rule, the
 * callers of two organizations, and how each path parameter is filled.
 */
export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
};
export interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
  'x-organization'?: { from: string; param?: string };
}

export interface MatrixOperation {
  key: string;
  method: HttpMethod;
  path: string;
  operation: OpenApiOperation;
  rule: AccessRule | undefined;
  pathParams: string[];
}

export function operationsOf(t: TestApp): { operations: MatrixOperation[]; components: Record<string, Schema> } {
  const document = buildOpenApiDocument(t.app);
  const operations: MatrixOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, OpenApiOperation | undefined>)[method];
      if (!operation) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      operations.push({ key, method: method.toUpperCase() as HttpMethod, path, operation, rule: ACCESS_TABLE[key], pathParams });
    }
  }
  return { operations, components: (document.components?.schemas ?? {}) as Record<string, Schema> };
}

/**
 * How each path parameter is filled, by `METHOD path {param}` first, then by
 * parameter name. `tenant`: an object of organization A (what a caller from B
 * must not reach); `personal`: an object of A's principal as a person (another
 * person must not reach it); `global`: an id that belongs to no organization
 * (catalog entries), so a random uuid. A path parameter missing here fails
 * the matrix: declare it when adding a route.
 */
export interface ParamSource {
  scope: 'tenant' | 'personal' | 'global';
  fixture?: keyof Fixtures;
}

export const PATH_PARAMS: Record<string, ParamSource> = {
  orgId: { scope: 'tenant', fixture: 'orgId' },
  userId: { scope: 'tenant', fixture: 'userId' },
  invitationId: { scope: 'tenant', fixture: 'invitationId' },
  keyId: { scope: 'tenant', fixture: 'keyId' },
  id: { scope: 'global' },
  // Listings: a random uuid (the route guards answer before the use case; cross-organization 404s are in test/e2e/marketplace).
  listingId: { scope: 'global' },
  // Training scenarios and sessions, reviews, featured placements: random uuids, as for listings (their own e2e suites hold the cross-organization 404s).
  scenarioId: { scope: 'global' },
  sessionId: { scope: 'global' },
  reviewId: { scope: 'global' },
  featureId: { scope: 'global' },
  // The operators' console's commerce and bookings objects (admin-only routes): random uuids (test/e2e/admin holds their 404s).
  orderId: { scope: 'global' },
  refundId: { scope: 'global' },
  payoutId: { scope: 'global' },
  discountId: { scope: 'global' },
  placementId: { scope: 'global' },
  bookingId: { scope: 'global' },
  serviceId: { scope: 'global' },
  // A listing photo's position (1, 2, …): a uuid is no position, so an admitted caller gets 404 after the guards.
  position: { scope: 'global' },
  'DELETE /api/v1/auth/sessions/{id} {id}': { scope: 'personal', fixture: 'sessionId' },
  // A profile picture's version and size: a uuid is neither, so the public route answers 404.
  version: { scope: 'global' },
  size: { scope: 'global' },
};

export function paramSource(op: MatrixOperation, name: string): ParamSource | undefined {
  return PATH_PARAMS[`${op.key} {${name}}`] ?? PATH_PARAMS[name];
}

/** The objects the path parameters above address: organization A's, and a session of A's principal. */
export interface Fixtures {
  orgId: string;
  userId: string;
  invitationId: string;
  keyId: string;
  sessionId: string;
}

export interface MatrixWorld {
  orgA: StaffedOrganization;
  orgB: { id: string; principal: Actor };
  customer: Actor;
  admin: Actor;
  keysA: Record<'staff' | 'manager' | 'principal', string>;
  keyB: string;
  fixtures: Fixtures;
}

export async function buildMatrixWorld(c: OrganizationsClient): Promise<MatrixWorld> {
  const [orgA, bPrincipal, customer, admin] = await Promise.all([
    c.staffedOrganization('mx-a'),
    c.signUp('mx-b-principal', { verified: true }),
    c.signUp('mx-customer'),
    c.admin(),
  ]);
  const orgB = await c.createOrganization(bPrincipal);
  const [staff, manager, principal, keyB, invitation, sessions] = await Promise.all([
    c.apiKey(orgA.principal, orgA.id, 'staff'),
    c.apiKey(orgA.principal, orgA.id, 'manager'),
    c.apiKey(orgA.principal, orgA.id, 'principal'),
    c.apiKey(bPrincipal, orgB.id, 'principal'),
    c.expectOk(
      c.request('POST', `/organizations/${orgA.id}/invitations`, { token: orgA.principal.token }, { body: { email: uniqueEmail('mx-inv'), role: 'staff' } }),
      201,
    ),
    c.expectOk(c.request('GET', '/auth/sessions', { token: orgA.principal.token })),
  ]);
  return {
    orgA,
    orgB: { id: orgB.id, principal: bPrincipal },
    customer,
    admin,
    keysA: { staff: staff.secret, manager: manager.secret, principal: principal.secret },
    keyB: keyB.secret,
    fixtures: { orgId: orgA.id, userId: orgA.staff2.userId, invitationId: invitation.id, keyId: staff.id, sessionId: sessions.data[0].id },
  };
}

/** The URL of `op` addressing the fixtures' objects (random uuids for global ids); undefined when a parameter is undeclared. */
export function urlFor(op: MatrixOperation, fixtures: Fixtures): string | undefined {
  let url = op.path;
  for (const name of op.pathParams) {
    const source = paramSource(op, name);
    if (!source) return undefined;
    const value = source.fixture ? fixtures[source.fixture] : randomUUID();
    if (!value) return undefined;
    url = url.replace(`{${name}}`, value);
  }
  return url;
}

function resolve(schema: Schema | undefined, components: Record<string, Schema>): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop()!], components);
  if (schema.allOf?.length) return schema.allOf.reduce<Schema>((merged, part) => ({ ...merged, ...resolve(part, components) }), {});
  return schema;
}

/**
 * A body with every field of the schema set to a plausible value, so a use case
 * that wrongly lets the call through would really change something (and the
 * check after validation is reached).
 */
export function sampleBody(op: MatrixOperation, components: Record<string, Schema>): unknown {
  const schema = op.operation.requestBody?.content?.['application/json']?.schema;
  if (!schema) return undefined;
  const s = resolve(schema, components);
  const body: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(s.properties ?? {})) body[name] = sampleValue(name, resolve(property, components));
  return body;
}

function sampleValue(name: string, s: Schema): unknown {
  if (s.enum?.length) return s.enum.includes('staff') ? 'staff' : s.enum[0];
  switch (s.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      if (s.format === 'email') return uniqueEmail('mx');
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date') return '1990-01-01';
      if (s.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
      return name.includes('password') ? 'Matrix#Passw0rd42' : 'Matrix Value';
  }
}

export type Persona = Exclude<Caller, 'anonymous'> | 'anonymous' | 'principalB' | 'key:principalB';

/** Headers for a persona; members of A name A in X-Organization-Id on routes outside /organizations/{orgId}. */
export function headersFor(persona: Persona, w: MatrixWorld, rule: AccessRule | undefined): Record<string, string> {
  const bearer = (actor: Actor) => ({ authorization: `Bearer ${actor.token}` });
  const inHeader = rule?.tenant !== 'path';
  const orgA: Record<string, string> = inHeader ? { 'x-organization-id': w.orgA.id } : {};
  switch (persona) {
    case 'anonymous':
      return {};
    case 'customer':
      return bearer(w.customer);
    case 'admin':
      return bearer(w.admin);
    case 'staff':
      return { ...bearer(w.orgA.staff), ...orgA };
    case 'manager':
      return { ...bearer(w.orgA.manager), ...orgA };
    case 'principal':
      return { ...bearer(w.orgA.principal), ...orgA };
    case 'principalB':
      return { ...bearer(w.orgB.principal), ...(inHeader ? { 'x-organization-id': w.orgB.id } : {}) };
    case 'key:staff':
      return { 'x-api-key': w.keysA.staff };
    case 'key:manager':
      return { 'x-api-key': w.keysA.manager };
    case 'key:principal':
      return { 'x-api-key': w.keysA.principal };
    case 'key:principalB':
      return { 'x-api-key': w.keyB };
  }
}

export function send(t: TestApp, op: MatrixOperation, url: string, headers: Record<string, string>, body?: unknown): Promise<InjectResponse> {
  const hasBody = op.operation.requestBody !== undefined || ['POST', 'PUT', 'PATCH'].includes(op.method);
  // Upload routes take multipart only (anything else is 415 before the guards run): send an empty form to them.
  if (op.operation.requestBody?.content?.['multipart/form-data']) {
    const boundary = 'matrix-boundary';
    return t.app.inject({
      method: op.method,
      url,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}--\r\n`,
    });
  }
  return t.app.inject({
    method: op.method,
    url,
    headers: { ...headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    payload: hasBody ? JSON.stringify(body ?? {}) : undefined,
  });
}

/** `problem+json` with the given status, or a one-line description of what came back instead. */
export function problemMismatch(res: InjectResponse, status: number): string | undefined {
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode === status && type.startsWith('application/problem+json')) {
    const body = res.json() as Record<string, unknown>;
    if (body.status === status && typeof body.code === 'string') return undefined;
  }
  return `got ${res.statusCode} ${type.split(';')[0]} ${res.body.slice(0, 160)}`;
}

export function codeOf(res: InjectResponse): string {
  try {
    return String((res.json() as Record<string, unknown>).code ?? '');
  } catch {
    return '';
  }
}

/** What organization A's principal sees of A's objects, to show refused calls changed nothing. */
export async function snapshotOfA(c: OrganizationsClient, w: MatrixWorld): Promise<Record<string, unknown>> {
  const asA = { token: w.orgA.principal.token };
  const read = async (path: string, caller: { token: string; orgId?: string } = asA) => {
    const res = await c.request('GET', path, caller, { query: path.includes('/users/') || !path.endsWith('s') ? {} : { limit: '100' } });
    return { status: res.statusCode, body: res.json() as unknown };
  };
  const A = w.orgA.id;
  return {
    organization: await read(`/organizations/${A}`),
    members: await read(`/organizations/${A}/members`),
    invitations: await read(`/organizations/${A}/invitations`),
    apiKeys: await read(`/organizations/${A}/api-keys`),
    user: await read(`/users/${w.fixtures.userId}`, { ...asA, orgId: A }),
    sessions: await read('/auth/sessions'),
  };
}
