import { randomUUID } from 'node:crypto';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { BrandBody, CatalogClient, catalogApp, ModelBody, TypeBody, unique } from './catalog-test-kit';

describe('catalog: admin writes', () => {
  let t: TestApp;
  let api: CatalogClient;
  let admin: string;
  let customer: string;
  let motorcycle: TypeBody;
  let scooter: TypeBody;
  let car: TypeBody;

  beforeAll(async () => {
    t = await catalogApp();
    api = new CatalogClient(t);
    [admin, customer, motorcycle, scooter, car] = await Promise.all([
      api.adminToken(),
      api.customerToken(),
      api.typeBySlug('motorcycle'),
      api.typeBySlug('scooter'),
      api.typeBySlug('car'),
    ]);
  });
  afterAll(() => t.close());

  describe('permission matrix', () => {
    /** Every write route with a valid body; ids of entries this suite owns. */
    const routes = async (): Promise<Array<[string, string, unknown]>> => {
      const brand = await api.createBrand(admin, [motorcycle.id]);
      const model = await api.createModel(admin, { vehicle_brand_id: brand.id, vehicle_type_id: motorcycle.id });
      const type = await api.createType(admin);
      // Retirements last: a retired brand would refuse the model created after it.
      return [
        ['POST', '/vehicle-types', { name: unique('Matrix type') }],
        ['PATCH', `/vehicle-types/${type.id}`, { name: unique('Matrix type') }],
        ['POST', '/vehicle-brands', { name: unique('Matrix brand'), vehicle_type_ids: [motorcycle.id] }],
        ['PATCH', `/vehicle-brands/${brand.id}`, { name: unique('Matrix brand') }],
        ['POST', '/vehicle-models', { vehicle_brand_id: brand.id, vehicle_type_id: motorcycle.id, name: unique('Matrix model'), first_year: 2020 }],
        ['PATCH', `/vehicle-models/${model.id}`, { name: unique('Matrix model') }],
        ['POST', `/vehicle-models/${model.id}/retire`, undefined],
        ['POST', `/vehicle-brands/${brand.id}/retire`, undefined],
        ['POST', `/vehicle-types/${type.id}/retire`, undefined],
      ];
    };

    it('refuses anonymous callers with 401 and customers with 403, and lets admins write', async () => {
      const write = (method: string, path: string, payload: unknown, token?: string) =>
        method === 'PATCH' ? api.patch(path, payload, token) : api.post(path, payload, token);
      for (const [method, path, payload] of await routes()) {
        expectProblem(await write(method, path, payload), 401, 'AUTH.UNAUTHENTICATED');
        expectProblem(await write(method, path, payload, customer), 403, 'AUTH.FORBIDDEN');
        const res = await write(method, path, payload, admin);
        const expected = method === 'POST' && !path.endsWith('/retire') ? 201 : 200;
        expect({ route: `${method} ${path}`, status: res.statusCode }).toEqual({ route: `${method} ${path}`, status: expected });
      }
    });

    it('checks the role before the body', async () => {
      expectProblem(await api.post('/vehicle-models', { nonsense: true }, customer), 403, 'AUTH.FORBIDDEN');
      expectProblem(await api.post('/vehicle-models', { nonsense: true }), 401);
    });
  });

  describe('successful', () => {
    it('creates a type, deriving its slug, then renames it', async () => {
      const name = unique('Quad Bike');
      const created = await api.createType(admin, name);
      expect(created).toEqual(expect.objectContaining({ name, slug: name.toLowerCase().replace(/ /g, '-'), status: 'active', retired_at: null }));
      const res = await api.patch(`/vehicle-types/${created.id}`, { name: `${name} (ATV)` }, admin);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(expect.objectContaining({ name: `${name} (ATV)`, slug: created.slug }));
    });

    it('creates a brand with its types and a model of one of them', async () => {
      const brand = await api.createBrand(admin, [motorcycle.id, scooter.id], unique('Zündapp'));
      expect(brand.vehicle_type_ids.sort()).toEqual([motorcycle.id, scooter.id].sort());
      expect(brand.slug).toMatch(/^zundapp-[0-9a-f]{8}$/);
      const res = await api.post(
        '/vehicle-models',
        { vehicle_brand_id: brand.id, vehicle_type_id: scooter.id, name: 'Bella R 204', slug: 'bella', first_year: 1953, last_year: 1964, engine_cc: 198 },
        admin,
      );
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual(
        expect.objectContaining({
          name: 'Bella R 204',
          slug: 'bella',
          vehicle_brand: { id: brand.id, slug: brand.slug, name: brand.name },
          vehicle_type: { id: scooter.id, slug: 'scooter', name: scooter.name },
          first_year: 1953,
          last_year: 1964,
          engine_cc: 198,
          status: 'active',
        }),
      );
    });

    it('updates a model; null clears last_year and engine_cc', async () => {
      const brand = await api.createBrand(admin, [motorcycle.id, scooter.id]);
      const model = await api.createModel(admin, {
        vehicle_brand_id: brand.id,
        vehicle_type_id: motorcycle.id,
        first_year: 2015,
        last_year: 2019,
        engine_cc: 650,
      });
      const res = await api.patch(`/vehicle-models/${model.id}`, { last_year: null, engine_cc: null, vehicle_type_id: scooter.id, first_year: 2016 }, admin);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(
        expect.objectContaining({ first_year: 2016, last_year: null, engine_cc: null, vehicle_type: expect.objectContaining({ id: scooter.id }) }),
      );
      const untouched = await api.patch(`/vehicle-models/${model.id}`, {}, admin);
      expect(untouched.json()).toEqual(expect.objectContaining({ first_year: 2016, last_year: null, name: model.name }));
    });

    it('replaces a brand’s types', async () => {
      const brand = await api.createBrand(admin, [motorcycle.id]);
      const res = await api.patch(`/vehicle-brands/${brand.id}`, { vehicle_type_ids: [scooter.id, car.id] }, admin);
      expect(res.statusCode).toBe(200);
      expect((res.json() as BrandBody).vehicle_type_ids.sort()).toEqual([scooter.id, car.id].sort());
    });

    it('retires: gone from lists, still resolvable by id, idempotent', async () => {
      const brand = await api.createBrand(admin, [motorcycle.id]);
      const model = await api.createModel(admin, { vehicle_brand_id: brand.id, vehicle_type_id: motorcycle.id });
      const listed = async () => (await api.all<ModelBody>(`/vehicle-models?vehicle_brand=${brand.id}`)).map((entry) => entry.id);
      expect(await listed()).toEqual([model.id]);

      const retired = await api.post(`/vehicle-models/${model.id}/retire`, undefined, admin);
      expect(retired.statusCode).toBe(200);
      const body = retired.json() as ModelBody;
      expect(body).toEqual(expect.objectContaining({ id: model.id, status: 'retired', retired_at: expect.any(String) }));
      expect(await listed()).toEqual([]);
      const byId = await api.get(`/vehicle-models/${model.id}`);
      expect(byId.statusCode).toBe(200);
      expect(byId.json()).toEqual(expect.objectContaining({ status: 'retired', retired_at: body.retired_at }));

      const again = await api.post(`/vehicle-models/${model.id}/retire`, undefined, admin);
      expect((again.json() as ModelBody).retired_at).toBe(body.retired_at);
    });

    it('hides the models of a retired brand and the brands and models of a retired type', async () => {
      const type = await api.createType(admin);
      const brand = await api.createBrand(admin, [type.id, motorcycle.id]);
      const ofType = await api.createModel(admin, { vehicle_brand_id: brand.id, vehicle_type_id: type.id });
      const motorbike = await api.createModel(admin, { vehicle_brand_id: brand.id, vehicle_type_id: motorcycle.id });
      const brandModels = async () => (await api.all<ModelBody>(`/vehicle-models?vehicle_brand=${brand.id}`)).map((entry) => entry.id).sort();
      expect(await brandModels()).toEqual([ofType.id, motorbike.id].sort());

      await api.post(`/vehicle-types/${type.id}/retire`, undefined, admin);
      expect(await brandModels()).toEqual([motorbike.id]);
      expect((await api.list(`/vehicle-brands?vehicle_type=${type.id}`)).data).toEqual([]);
      expect((await api.all<TypeBody>('/vehicle-types')).map((entry) => entry.id)).not.toContain(type.id);
      expect((await api.get(`/vehicle-types/${type.id}`)).json()).toEqual(expect.objectContaining({ status: 'retired' }));

      await api.post(`/vehicle-brands/${brand.id}/retire`, undefined, admin);
      expect(await brandModels()).toEqual([]);
      expect((await api.all<BrandBody>('/vehicle-brands')).map((entry) => entry.id)).not.toContain(brand.id);
      expect((await api.get(`/vehicle-models/${motorbike.id}`)).json()).toEqual(expect.objectContaining({ status: 'active' }));
    });
  });

  describe('failing', () => {
    it('refuses a duplicate slug with 409', async () => {
      const type = await api.createType(admin);
      expectProblem(await api.post('/vehicle-types', { name: 'Other', slug: type.slug }, admin), 409, 'CATALOG.VEHICLE_TYPE_SLUG_TAKEN');
      expectProblem(await api.post('/vehicle-brands', { name: 'Honda', vehicle_type_ids: [motorcycle.id] }, admin), 409, 'CATALOG.VEHICLE_BRAND_SLUG_TAKEN');
      const brand = await api.createBrand(admin, [motorcycle.id]);
      const model = await api.createModel(admin, { vehicle_brand_id: brand.id, vehicle_type_id: motorcycle.id });
      const clash = { vehicle_brand_id: brand.id, vehicle_type_id: motorcycle.id, name: 'Another', slug: model.slug, first_year: 2020 };
      expectProblem(await api.post('/vehicle-models', clash, admin), 409, 'CATALOG.VEHICLE_MODEL_SLUG_TAKEN');
      const other = await api.createModel(admin, { vehicle_brand_id: brand.id, vehicle_type_id: motorcycle.id });
      expectProblem(await api.patch(`/vehicle-models/${other.id}`, { slug: model.slug }, admin), 409, 'CATALOG.VEHICLE_MODEL_SLUG_TAKEN');
    });

    it('allows the same model slug under two brands', async () => {
      const [a, b] = await Promise.all([api.createBrand(admin, [motorcycle.id]), api.createBrand(admin, [motorcycle.id])]);
      await api.createModel(admin, { vehicle_brand_id: a.id, vehicle_type_id: motorcycle.id, slug: 'twin' });
      const res = await api.post(
        '/vehicle-models',
        { vehicle_brand_id: b.id, vehicle_type_id: motorcycle.id, name: 'Twin', slug: 'twin', first_year: 2020 },
        admin,
      );
      expect(res.statusCode).toBe(201);
    });

    it('answers 404 for writes to unknown ids', async () => {
      const id = randomUUID();
      expectProblem(await api.patch(`/vehicle-types/${id}`, { name: 'X' }, admin), 404, 'CATALOG.VEHICLE_TYPE_NOT_FOUND');
      expectProblem(await api.patch(`/vehicle-brands/${id}`, { name: 'X' }, admin), 404, 'CATALOG.VEHICLE_BRAND_NOT_FOUND');
      expectProblem(await api.patch(`/vehicle-models/${id}`, { name: 'X' }, admin), 404, 'CATALOG.VEHICLE_MODEL_NOT_FOUND');
      expectProblem(await api.post(`/vehicle-types/${id}/retire`, undefined, admin), 404, 'CATALOG.VEHICLE_TYPE_NOT_FOUND');
      expectProblem(await api.post(`/vehicle-brands/${id}/retire`, undefined, admin), 404, 'CATALOG.VEHICLE_BRAND_NOT_FOUND');
      expectProblem(await api.post(`/vehicle-models/${id}/retire`, undefined, admin), 404, 'CATALOG.VEHICLE_MODEL_NOT_FOUND');
    });

    it('refuses models whose brand or type does not fit with 422', async () => {
      const brand = await api.createBrand(admin, [motorcycle.id]);
      const base = { vehicle_brand_id: brand.id, vehicle_type_id: motorcycle.id, name: 'Fits', first_year: 2020 };
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ vehicle_brand_id: randomUUID() }, 'CATALOG.UNKNOWN_VEHICLE_BRAND', 'vehicle_brand_id'],
        [{ vehicle_type_id: randomUUID() }, 'CATALOG.UNKNOWN_VEHICLE_TYPE', 'vehicle_type_id'],
        [{ vehicle_type_id: car.id }, 'CATALOG.VEHICLE_TYPE_NOT_OFFERED_BY_BRAND', 'vehicle_type_id'],
      ];
      for (const [change, code, field] of cases) {
        const body = expectProblem(await api.post('/vehicle-models', { ...base, ...change }, admin), 422, code);
        expect(Object.keys(body.errors as object)).toEqual([field]);
      }
      await api.post(`/vehicle-brands/${brand.id}/retire`, undefined, admin);
      expectProblem(await api.post('/vehicle-models', base, admin), 422, 'CATALOG.VEHICLE_BRAND_RETIRED');
    });

    it('refuses unknown or retired types on a brand, and removing a type its models use', async () => {
      expectProblem(await api.post('/vehicle-brands', { name: unique('B'), vehicle_type_ids: [randomUUID()] }, admin), 422, 'CATALOG.UNKNOWN_VEHICLE_TYPE');
      const retiredType = await api.createType(admin);
      await api.post(`/vehicle-types/${retiredType.id}/retire`, undefined, admin);
      expectProblem(await api.post('/vehicle-brands', { name: unique('B'), vehicle_type_ids: [retiredType.id] }, admin), 422, 'CATALOG.VEHICLE_TYPE_RETIRED');

      const brand = await api.createBrand(admin, [motorcycle.id, scooter.id]);
      const model = await api.createModel(admin, { vehicle_brand_id: brand.id, vehicle_type_id: scooter.id });
      expectProblem(await api.patch(`/vehicle-brands/${brand.id}`, { vehicle_type_ids: [motorcycle.id] }, admin), 409, 'CATALOG.VEHICLE_TYPE_IN_USE');
      // Retired models still hold their type: history must stay consistent.
      await api.post(`/vehicle-models/${model.id}/retire`, undefined, admin);
      expectProblem(await api.patch(`/vehicle-brands/${brand.id}`, { vehicle_type_ids: [motorcycle.id] }, admin), 409, 'CATALOG.VEHICLE_TYPE_IN_USE');
      expect((await api.get(`/vehicle-brands/${brand.id}`)).json().vehicle_type_ids.sort()).toEqual([motorcycle.id, scooter.id].sort());
    });

    it.each([
      [{}, ['name']],
      [{ name: '   ' }, ['name']],
      [{ name: 'A\u0000B' }, ['name']],
      [{ name: 'x'.repeat(81) }, ['name']],
      [{ name: 'Ok', slug: 'Not A Slug' }, ['slug']],
      [{ name: 'Ok', slug: 'trailing-' }, ['slug']],
      [{ name: 'Ok', status: 'retired' }, ['status']],
      [{ name: '---' }, ['slug']],
    ])('refuses the type body %p with 400 naming %p', async (payload, fields) => {
      const body = expectProblem(await api.post('/vehicle-types', payload, admin), 400);
      expect(Object.keys(body.errors as object).sort()).toEqual(fields);
    });

    it.each([
      [{ first_year: 1700 }, ['first_year']],
      [{ first_year: 2100 }, ['first_year']],
      [{ first_year: '2020' }, ['first_year']],
      [{ first_year: 2020, last_year: 2010 }, ['last_year']],
      [{ engine_cc: 0 }, ['engine_cc']],
      [{ engine_cc: 125.5 }, ['engine_cc']],
      [{ engine_cc: 20_000 }, ['engine_cc']],
      [{ vehicle_brand_id: 'nope' }, ['vehicle_brand_id']],
      [{ retired_at: '2020-01-01T00:00:00Z' }, ['retired_at']],
    ])('refuses the model body change %p with 400 naming %p', async (change, fields) => {
      const brand = await api.createBrand(admin, [motorcycle.id]);
      const payload = { vehicle_brand_id: brand.id, vehicle_type_id: motorcycle.id, name: 'Valid', first_year: 2020, ...change };
      const body = expectProblem(await api.post('/vehicle-models', payload, admin), 400);
      expect(Object.keys(body.errors as object).sort()).toEqual(fields);
    });

    it('refuses null for fields a PATCH cannot clear, and years that cross', async () => {
      const brand = await api.createBrand(admin, [motorcycle.id]);
      const model = await api.createModel(admin, { vehicle_brand_id: brand.id, vehicle_type_id: motorcycle.id, first_year: 2010, last_year: 2015 });
      const nulls = expectProblem(await api.patch(`/vehicle-models/${model.id}`, { name: null, first_year: null, vehicle_type_id: null }, admin), 400);
      expect(Object.keys(nulls.errors as object).sort()).toEqual(['first_year', 'name', 'vehicle_type_id']);
      const crossed = expectProblem(await api.patch(`/vehicle-models/${model.id}`, { first_year: 2018 }, admin), 400, 'CATALOG.VALIDATION_FAILED');
      expect(crossed.errors).toEqual({ last_year: ['last_year must not be before first_year'] });
      expectProblem(await api.patch(`/vehicle-brands/${brand.id}`, { vehicle_type_ids: [] }, admin), 400);
      expectProblem(await api.patch(`/vehicle-models/${model.id}`, { vehicle_brand_id: randomUUID() }, admin), 400);
    });
  });
});
