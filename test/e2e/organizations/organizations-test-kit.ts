import { randomBytes } from 'node:crypto';
import type { Response as InjectResponse } from 'light-my-request';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';
import { IdentityClient, LINK_TOKEN, PASSWORD, uniqueEmail } from '../identity/identity-test-kit';

/**
 * Fluent test data for the organizations context: people signed in through the
 * real identity routes, organizations, members and API keys created through
 * the real organization routes. Only two things go straight to the database,
 * because no route may do them: granting the platform admin role, and moving
 * an invitation's expiry into the past.
 */
export const API = '/api/v1';

export async function organizationsApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp({ processJobs: true, config: testConfig({ AUTH_RATE_LIMIT_MAX: '100000', RATE_LIMIT_MAX: '100000', ...overrides }) });
}

export interface Actor {
  userId: string;
  email: string;
  password: string;
  token: string;
}

export interface Caller {
  token?: string;
  apiKey?: string;
  orgId?: string;
}

export interface Organization {
  id: string;
  slug: string;
  principal: Actor;
}

export interface StaffedOrganization extends Organization {
  manager: Actor;
  staff: Actor;
  staff2: Actor;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

/** Response bodies are read loosely in tests; the assertions check their shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = Record<string, any>;

export class OrganizationsClient {
  readonly identity: IdentityClient;

  constructor(readonly t: TestApp) {
    this.identity = new IdentityClient(t);
  }

  get db(): DataSource {
    return this.t.app.get(DataSource);
  }

  /** One request as `caller`: bearer token or API key, plus X-Organization-Id when orgId is given. */
  request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, caller?: Caller, options: RequestOptions = {}): Promise<InjectResponse> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (caller?.token) headers.authorization = `Bearer ${caller.token}`;
    if (caller?.apiKey) headers['x-api-key'] = caller.apiKey;
    if (caller?.orgId) headers['x-organization-id'] = caller.orgId;
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
    return this.t.app.inject({ method, url: `${API}${path}${query}`, headers, payload: options.body as never });
  }

  async expectOk(response: Promise<InjectResponse> | InjectResponse, status = 200): Promise<Body> {
    const res = await response;
    if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
    return res.body ? (res.json() as Body) : {};
  }

  async signUp(tag = 'user', options: { verified?: boolean } = {}): Promise<Actor> {
    const signed = await this.identity.signUp({ email: uniqueEmail(tag), full_name: 'Test Member' });
    const actor = { userId: signed.userId, email: signed.email, password: signed.password, token: signed.accessToken };
    if (options.verified) await this.verifyEmail(actor);
    return actor;
  }

  async verifyEmail(actor: Actor): Promise<void> {
    const token = await this.identity.message(actor.email, LINK_TOKEN);
    await this.expectOk(this.t.app.inject({ method: 'POST', url: `${API}/auth/email/verify`, payload: { token } }));
  }

  async logIn(actor: Pick<Actor, 'email' | 'password' | 'userId'>): Promise<Actor> {
    const { accessToken } = await this.identity.logIn(actor.email, actor.password);
    return { ...actor, token: accessToken };
  }

  /** No route grants the platform role (identity's accounts.roles): set it in the database, then sign in again for a token carrying it. */
  async admin(): Promise<Actor> {
    const actor = await this.signUp('admin');
    await this.db.query(`UPDATE accounts SET roles = '{admin}' WHERE id = $1`, [actor.userId]);
    return this.logIn(actor);
  }

  async createOrganization(owner: Actor, kind: 'repair_shop' | 'creator_studio' = 'repair_shop'): Promise<Organization> {
    const slug = `org-${randomBytes(5).toString('hex')}`;
    const body = await this.expectOk(this.request('POST', '/organizations', { token: owner.token }, { body: { kind, name: `Shop ${slug}`, slug } }), 201);
    return { id: body.id, slug, principal: owner };
  }

  /** A principal creates a member directly (POST /users), who then signs in. */
  async addMember(principal: Actor, orgId: string, role: 'principal' | 'manager' | 'staff', tag: string = role): Promise<Actor> {
    const email = uniqueEmail(tag);
    const body = await this.expectOk(
      this.request(
        'POST',
        '/users',
        { token: principal.token, orgId },
        { body: { email, full_name: 'Crew Member', password: PASSWORD, date_of_birth: '1991-03-04', role } },
      ),
      201,
    );
    return this.logIn({ userId: body.id, email, password: PASSWORD });
  }

  async apiKey(
    creator: Actor,
    orgId: string,
    role: 'principal' | 'manager' | 'staff',
    expiresAt = new Date(Date.now() + 86_400_000),
  ): Promise<{ id: string; secret: string }> {
    const body = await this.expectOk(
      this.request(
        'POST',
        `/organizations/${orgId}/api-keys`,
        { token: creator.token },
        { body: { name: `${role} key`, role, expires_at: expiresAt.toISOString() } },
      ),
      201,
    );
    return { id: body.id, secret: body.secret };
  }

  /** An organization with a principal (verified e-mail), a manager and two staff. */
  async staffedOrganization(tag = 'a'): Promise<StaffedOrganization> {
    const principal = await this.signUp(`${tag}-principal`, { verified: true });
    const organization = await this.createOrganization(principal);
    const [manager, staff, staff2] = await Promise.all([
      this.addMember(principal, organization.id, 'manager', `${tag}-manager`),
      this.addMember(principal, organization.id, 'staff', `${tag}-staff`),
      this.addMember(principal, organization.id, 'staff', `${tag}-staff2`),
    ]);
    return { ...organization, manager, staff, staff2 };
  }

  async invitationToken(email: string, after?: Date): Promise<string> {
    return this.identity.message(email, /invitations\/accept\?token=([A-Za-z0-9_-]+)/, { after });
  }

  async auditActions(orgId: string): Promise<string[]> {
    const rows: Array<{ action: string }> = await this.db.query(`SELECT action FROM audit_events WHERE org_id = $1 ORDER BY occurred_at, id`, [orgId]);
    return rows.map((row) => row.action);
  }
}

/** Everyone the permission tests call as. */
export interface World {
  orgA: StaffedOrganization;
  orgB: Organization;
  customer: Actor;
  admin: Actor;
  keys: { staff: string; manager: string; principal: string };
}

export async function buildWorld(client: OrganizationsClient): Promise<World> {
  const [orgA, orgBPrincipal, customer, admin] = await Promise.all([
    client.staffedOrganization('a'),
    client.signUp('b-principal', { verified: true }),
    client.signUp('customer'),
    client.admin(),
  ]);
  const orgB = await client.createOrganization(orgBPrincipal);
  const [staff, manager, principal] = await Promise.all([
    client.apiKey(orgA.principal, orgA.id, 'staff'),
    client.apiKey(orgA.principal, orgA.id, 'manager'),
    client.apiKey(orgA.principal, orgA.id, 'principal'),
  ]);
  return { orgA, orgB, customer, admin, keys: { staff: staff.secret, manager: manager.secret, principal: principal.secret } };
}
