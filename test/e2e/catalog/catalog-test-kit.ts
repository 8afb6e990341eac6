import { randomBytes } from 'node:crypto';
import type { Response as InjectResponse } from 'light-my-request';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';

/**
 * Helpers for the catalog e2e suites. The catalog tables are shared by every
 * suite of the run (reference data), so tests only change entries they create
 * themselves, with unique names; seeded entries are read, never modified.
 */
const PASSWORD = 'Velvet#Orbit42';
export const CATALOG = '/api/v1/catalog';

/** The real application with rate limits out of the way; `overrides` for e.g. a shared cache prefix. */
export function catalogApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp({ config: testConfig({ AUTH_RATE_LIMIT_MAX: '100000', RATE_LIMIT_MAX: '100000', ...overrides }) });
}

export function unique(tag: string): string {
  return `${tag} ${randomBytes(4).toString('hex')}`;
}

export function bearer(token?: string): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

export interface Page<T> {
  data: T[];
  meta: { page: number; limit: number; total: number; total_pages: number };
}

export interface TypeBody {
  id: string;
  slug: string;
  name: string;
  status: 'active' | 'retired';
  retired_at: string | null;
}

export interface BrandBody extends TypeBody {
  vehicle_type_ids: string[];
}

export interface ModelBody extends TypeBody {
  vehicle_brand: { id: string; slug: string; name: string };
  vehicle_type: { id: string; slug: string; name: string };
  first_year: number;
  last_year: number | null;
  engine_cc: number | null;
}

export class CatalogClient {
  constructor(readonly t: TestApp) {}

  get db(): DataSource {
    return this.t.app.get(DataSource);
  }

  get(path: string, headers: Record<string, string> = {}): Promise<InjectResponse> {
    return this.t.app.inject({ method: 'GET', url: `${CATALOG}${path}`, headers });
  }

  post(path: string, payload: unknown, token?: string): Promise<InjectResponse> {
    return this.t.app.inject({ method: 'POST', url: `${CATALOG}${path}`, payload: payload as never, headers: bearer(token) });
  }

  patch(path: string, payload: unknown, token?: string): Promise<InjectResponse> {
    return this.t.app.inject({ method: 'PATCH', url: `${CATALOG}${path}`, payload: payload as never, headers: bearer(token) });
  }

  async list<T>(path: string): Promise<Page<T>> {
    const res = await this.get(path);
    if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${res.body}`);
    return res.json();
  }

  /** Every active entry of a list, following the pages. */
  async all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    const separator = path.includes('?') ? '&' : '?';
    for (let page = 1; ; page += 1) {
      const body = await this.list<T>(`${path}${separator}limit=100&page=${page}`);
      items.push(...body.data);
      if (page >= body.meta.total_pages) return items;
    }
  }

  async typeBySlug(slug: string): Promise<TypeBody> {
    const found = (await this.all<TypeBody>('/vehicle-types')).find((type) => type.slug === slug);
    if (!found) throw new Error(`no vehicle type ${slug}`);
    return found;
  }

  async brandBySlug(slug: string): Promise<BrandBody> {
    const found = (await this.all<BrandBody>('/vehicle-brands')).find((brand) => brand.slug === slug);
    if (!found) throw new Error(`no vehicle brand ${slug}`);
    return found;
  }

  /** A signed-up customer's access token (no role). */
  async customerToken(): Promise<string> {
    return (await this.signUp()).accessToken;
  }

  /** A platform admin: signed up, given the admin role in the database, then logged in again so the token carries it. */
  async adminToken(): Promise<string> {
    const { email, userId } = await this.signUp();
    await this.db.query(`UPDATE accounts SET roles = '{admin}' WHERE id = $1`, [userId]);
    const res = await this.t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`admin login failed: ${res.statusCode} ${res.body}`);
    return res.json().access_token;
  }

  private async signUp(): Promise<{ email: string; userId: string; accessToken: string }> {
    const email = `catalog.${randomBytes(5).toString('hex')}@example.com`;
    const res = await this.t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { full_name: 'Catalog Tester', email, password: PASSWORD, date_of_birth: '1990-01-15' },
    });
    if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
    return { email, userId: res.json().user.id, accessToken: res.json().access_token };
  }

  async createType(token: string, name = unique('Test type')): Promise<TypeBody> {
    return created(await this.post('/vehicle-types', { name }, token));
  }

  async createBrand(token: string, typeIds: string[], name = unique('Test brand')): Promise<BrandBody> {
    return created(await this.post('/vehicle-brands', { name, vehicle_type_ids: typeIds }, token));
  }

  async createModel(token: string, input: Record<string, unknown>): Promise<ModelBody> {
    return created(await this.post('/vehicle-models', { name: unique('Test model'), first_year: 2020, ...input }, token));
  }
}

function created<T>(res: InjectResponse): T {
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json();
}
