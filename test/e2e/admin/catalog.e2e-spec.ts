import { randomBytes, randomUUID } from 'node:crypto';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { Actor, Body, OrganizationsClient, StaffedOrganization, organizationsApp } from '../organizations/organizations-test-kit';

/**
 * /admin/catalog/...: operators list (retired entries on request, searched, paged), read, create, update and retire
 * vehicle types, brands and models through the catalog's use cases; every write is audited as `catalog.*`. The
 * catalog is shared by every suite: this one only changes entries it creates, with unique names.
 */
describe('admin: the vehicle catalog', () => {
  let t: TestApp;
  let c: OrganizationsClient;
  let admin: Actor;
  let org: StaffedOrganization;
  let customer: Actor;
  let key: string;
  let motorcycle: Body;

  const tag = () => randomBytes(4).toString('hex');

  beforeAll(async () => {
    t = await organizationsApp();
    c = new OrganizationsClient(t);
    [admin, org, customer] = await Promise.all([c.admin(), c.staffedOrganization('adcat'), c.signUp('adcat-customer')]);
    key = (await c.apiKey(org.principal, org.id, 'principal')).secret;
    motorcycle = (await c.expectOk(c.request('GET', '/catalog/vehicle-types', undefined, { query: { limit: '100' } }))).data.find(
      (type: Body) => type.slug === 'motorcycle',
    );
  }, 120_000);
  afterAll(() => t?.close());

  const as = (who: Actor, orgId?: string) => ({ token: who.token, orgId });
  const call = (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, query?: Record<string, string>, who: Actor = admin) =>
    c.request(method, `/admin/catalog${path}`, as(who), { body, query });
  const ok = (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, query?: Record<string, string>, status?: number) =>
    c.expectOk(call(method, path, body, query), status ?? (method === 'POST' && !path.endsWith('/retire') ? 201 : 200));
  const audit = async (targetId: string): Promise<Body[]> =>
    c.db.query(`SELECT action, org_id, actor_user_id, target_type, metadata FROM audit_events WHERE target_id = $1 ORDER BY occurred_at, id`, [targetId]);

  describe('successful', () => {
    it('vehicle types: create, search, update, retire (then listed as retired only), each write audited', async () => {
      const name = `Hover board ${tag()}`;
      const created = await ok('POST', '/vehicle-types', { name });
      expect(created).toMatchObject({ name, slug: expect.stringMatching(/^hover-board-/), status: 'active', retired_at: null });
      expect(await ok('GET', `/vehicle-types/${created.id}`)).toMatchObject({ id: created.id, name });

      const found = await ok('GET', '/vehicle-types', undefined, { q: name.toUpperCase() });
      expect(found.data.map((type: Body) => type.id)).toEqual([created.id]);
      expect(found.meta).toMatchObject({ page: 1, total: 1 });

      const renamed = await ok('PATCH', `/vehicle-types/${created.id}`, { name: `${name} XL` });
      expect(renamed).toMatchObject({ name: `${name} XL`, slug: created.slug });
      const retired = await ok('POST', `/vehicle-types/${created.id}/retire`);
      expect(retired).toMatchObject({ status: 'retired', retired_at: expect.any(String) });
      expect((await ok('GET', '/vehicle-types', undefined, { q: name })).meta.total).toBe(0);
      expect((await ok('GET', '/vehicle-types', undefined, { q: name, status: 'retired' })).data.map((type: Body) => type.id)).toEqual([created.id]);
      expect((await ok('GET', '/vehicle-types', undefined, { q: name, status: 'all' })).meta.total).toBe(1);
      // The public list agrees.
      const publicList = await c.expectOk(c.request('GET', '/catalog/vehicle-types', undefined, { query: { limit: '100' } }));
      expect(publicList.data.some((type: Body) => type.id === created.id)).toBe(false);

      expect(await audit(created.id)).toEqual([
        {
          action: 'catalog.vehicle_type_created',
          org_id: null,
          actor_user_id: admin.userId,
          target_type: 'vehicle_type',
          metadata: { name, slug: created.slug },
        },
        expect.objectContaining({ action: 'catalog.vehicle_type_updated', metadata: { changes: { name: `${name} XL` } } }),
        expect.objectContaining({ action: 'catalog.vehicle_type_retired', actor_user_id: admin.userId }),
      ]);
      // In the audit log the console reads too.
      const log = await c.expectOk(c.request('GET', '/admin/audit-events', as(admin), { query: { action: 'catalog', actor: admin.userId, limit: '100' } }));
      expect(log.data.filter((event: Body) => event.target_id === created.id)).toHaveLength(3);
    });

    it('brands and models: create, filter, page, update, retire; audited with what changed', async () => {
      const brandName = `Adcat Motors ${tag()}`;
      const brand = await ok('POST', '/vehicle-brands', { name: brandName, vehicle_type_ids: [motorcycle.id] });
      expect(brand).toMatchObject({ name: brandName, vehicle_type_ids: [motorcycle.id], status: 'active' });
      const [first, second] = [await model(brand.id, 'Alpha 650', 2019), await model(brand.id, 'Beta 300', 2021)];
      expect(first).toMatchObject({
        vehicle_brand_id: brand.id,
        vehicle_type_id: motorcycle.id,
        vehicle_brand: { id: brand.id, name: brandName, slug: brand.slug },
        first_year: 2019,
        last_year: null,
        engine_cc: 650,
      });

      const ofBrand = await ok('GET', '/vehicle-models', undefined, { vehicle_brand: brand.id });
      expect(ofBrand.data.map((m: Body) => m.id)).toEqual([first.id, second.id]);
      const paged = await ok('GET', '/vehicle-models', undefined, { vehicle_brand: brand.id, limit: '1', page: '2' });
      expect(paged.data.map((m: Body) => m.id)).toEqual([second.id]);
      expect(paged.meta).toMatchObject({ page: 2, limit: 1, total: 2, total_pages: 2 });
      expect((await ok('GET', '/vehicle-models', undefined, { vehicle_brand: brand.id, q: 'beta' })).data.map((m: Body) => m.id)).toEqual([second.id]);
      expect((await ok('GET', '/vehicle-brands', undefined, { q: brandName, vehicle_type: motorcycle.id })).data.map((b: Body) => b.id)).toEqual([brand.id]);

      const updated = await ok('PATCH', `/vehicle-models/${first.id}`, { last_year: 2023, engine_cc: 689 });
      expect(updated).toMatchObject({ first_year: 2019, last_year: 2023, engine_cc: 689 });
      expect(await ok('GET', `/vehicle-models/${first.id}`)).toMatchObject({ last_year: 2023 });
      await ok('POST', `/vehicle-models/${second.id}/retire`);
      expect((await ok('GET', '/vehicle-models', undefined, { vehicle_brand: brand.id })).data.map((m: Body) => m.id)).toEqual([first.id]);
      expect((await ok('GET', '/vehicle-models', undefined, { vehicle_brand: brand.id, status: 'retired' })).data.map((m: Body) => m.id)).toEqual([second.id]);

      const renamed = await ok('PATCH', `/vehicle-brands/${brand.id}`, { name: `${brandName} Group` });
      expect(renamed.name).toBe(`${brandName} Group`);
      expect(await ok('POST', `/vehicle-brands/${brand.id}/retire`)).toMatchObject({ status: 'retired' });
      expect((await ok('GET', '/vehicle-brands', undefined, { q: brandName, status: 'retired' })).data.map((b: Body) => b.id)).toEqual([brand.id]);
      // Models of a retired brand leave the active list.
      expect((await ok('GET', '/vehicle-models', undefined, { vehicle_brand: brand.id })).meta.total).toBe(0);
      expect((await ok('GET', '/vehicle-models', undefined, { vehicle_brand: brand.id, status: 'all' })).meta.total).toBe(2);

      expect((await audit(brand.id)).map((e) => e.action)).toEqual([
        'catalog.vehicle_brand_created',
        'catalog.vehicle_brand_updated',
        'catalog.vehicle_brand_retired',
      ]);
      expect((await audit(first.id)).map((e) => [e.action, e.metadata])).toEqual([
        ['catalog.vehicle_model_created', { name: 'Alpha 650', slug: first.slug, vehicle_brand_id: brand.id, vehicle_type_id: motorcycle.id }],
        ['catalog.vehicle_model_updated', { changes: { last_year: 2023, engine_cc: 689 } }],
      ]);
      expect((await audit(second.id)).map((e) => e.action)).toEqual(['catalog.vehicle_model_created', 'catalog.vehicle_model_retired']);
    });

    it('the public catalog write routes go through the same use cases: audited too', async () => {
      const created = await c.expectOk(c.request('POST', '/catalog/vehicle-types', as(admin), { body: { name: `Public route ${tag()}` } }), 201);
      expect((await audit(created.id)).map((e) => [e.action, e.actor_user_id])).toEqual([['catalog.vehicle_type_created', admin.userId]]);
    });
  });

  async function model(brandId: string, name: string, firstYear: number): Promise<Body> {
    return ok('POST', '/vehicle-models', {
      vehicle_brand_id: brandId,
      vehicle_type_id: motorcycle.id,
      name,
      first_year: firstYear,
      engine_cc: Number(name.split(' ')[1]),
    });
  }

  describe('failing', () => {
    it('answers 404 for unknown ids, 409 for a taken slug, 422 for unknown references, 400 for bad fields; nothing is audited', async () => {
      const unknown = randomUUID();
      expectProblem(await call('GET', `/vehicle-types/${unknown}`), 404, 'CATALOG.VEHICLE_TYPE_NOT_FOUND');
      expectProblem(await call('PATCH', `/vehicle-brands/${unknown}`, { name: 'Nobody' }), 404, 'CATALOG.VEHICLE_BRAND_NOT_FOUND');
      expectProblem(await call('POST', `/vehicle-models/${unknown}/retire`), 404, 'CATALOG.VEHICLE_MODEL_NOT_FOUND');
      expectProblem(await call('POST', '/vehicle-types', { name: 'Motorcycle again', slug: 'motorcycle' }), 409, 'CATALOG.VEHICLE_TYPE_SLUG_TAKEN');
      expectProblem(await call('POST', '/vehicle-brands', { name: `Ghost ${tag()}`, vehicle_type_ids: [unknown] }), 422, 'CATALOG.UNKNOWN_VEHICLE_TYPE');
      expectProblem(
        await call('POST', '/vehicle-models', { vehicle_brand_id: unknown, vehicle_type_id: motorcycle.id, name: 'Ghost', first_year: 2020 }),
        422,
        'CATALOG.UNKNOWN_VEHICLE_BRAND',
      );
      expectProblem(await call('POST', '/vehicle-types', { name: '   ' }), 400, 'CATALOG.VALIDATION_FAILED');
      expectProblem(await call('POST', '/vehicle-types', { name: 'Bad slug', slug: 'Not A Slug' }), 400, 'CATALOG.VALIDATION_FAILED');
      expectProblem(await call('POST', '/vehicle-types', { name: 42 }), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await call('GET', '/vehicle-types', undefined, { status: 'gone' }), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await call('POST', '/vehicle-brands', { name: 'No types', vehicle_type_ids: [] }), 400, 'HTTP.VALIDATION_FAILED');
      const brand = await ok('POST', '/vehicle-brands', { name: `Adcat Years ${tag()}`, vehicle_type_ids: [motorcycle.id] });
      expectProblem(
        await call('POST', '/vehicle-models', { vehicle_brand_id: brand.id, vehicle_type_id: motorcycle.id, name: 'Too early', first_year: 1700 }),
        400,
        'CATALOG.VALIDATION_FAILED',
      );
      const rows: Body[] = await c.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action LIKE 'catalog.%' AND target_id = $1`, [unknown]);
      expect(rows[0].n).toBe(0);
      expect((await audit(brand.id)).map((e) => e.action)).toEqual(['catalog.vehicle_brand_created']);
    });

    it('organization members, customers, API keys and anonymous callers are refused; nothing changes', async () => {
      const type = await ok('POST', '/vehicle-types', { name: `Refused ${tag()}` });
      const routes: Array<['GET' | 'POST' | 'PATCH', string, unknown]> = [
        ['GET', '/vehicle-types', undefined],
        ['GET', `/vehicle-types/${type.id}`, undefined],
        ['POST', '/vehicle-types', { name: `Sneaky ${tag()}` }],
        ['PATCH', `/vehicle-types/${type.id}`, { name: 'Sneaky rename' }],
        ['POST', `/vehicle-types/${type.id}/retire`, undefined],
        ['GET', '/vehicle-brands', undefined],
        ['POST', '/vehicle-brands', { name: `Sneaky ${tag()}`, vehicle_type_ids: [motorcycle.id] }],
        ['GET', '/vehicle-models', undefined],
        ['PATCH', `/vehicle-models/${randomUUID()}`, { name: 'Sneaky' }],
      ];
      for (const [method, path, body] of routes) {
        for (const who of [org.principal, customer]) {
          expectProblem(await c.request(method, `/admin/catalog${path}`, as(who, who === customer ? undefined : org.id), { body }), 403);
        }
        expectProblem(await c.request(method, `/admin/catalog${path}`, { apiKey: key }, { body }), 403);
        expectProblem(await c.request(method, `/admin/catalog${path}`, undefined, { body }), 401);
      }
      expect(await ok('GET', `/vehicle-types/${type.id}`)).toMatchObject({ name: type.name, status: 'active' });
      expect((await audit(type.id)).map((e) => e.action)).toEqual(['catalog.vehicle_type_created']);
    });
  });
});
