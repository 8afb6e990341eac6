import { randomUUID } from 'node:crypto';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { BrandBody, CatalogClient, catalogApp, ModelBody, Page, TypeBody } from './catalog-test-kit';

describe('catalog: public reads', () => {
  let t: TestApp;
  let api: CatalogClient;
  let scooter: TypeBody;
  let car: TypeBody;
  let honda: BrandBody;
  let yamaha: BrandBody;

  beforeAll(async () => {
    t = await catalogApp();
    api = new CatalogClient(t);
    [scooter, car, honda, yamaha] = await Promise.all([api.typeBySlug('scooter'), api.typeBySlug('car'), api.brandBySlug('honda'), api.brandBySlug('yamaha')]);
  });
  afterAll(() => t.close());

  const models = (query: string) => api.list<ModelBody>(`/vehicle-models?${query}`);
  const names = (page: Page<{ name: string }>) => page.data.map((entry) => entry.name);

  describe('successful', () => {
    it('needs no token and answers { data, meta } in snake_case', async () => {
      const res = await api.get('/vehicle-models?limit=1');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = res.json() as Page<ModelBody>;
      expect(body.meta).toEqual({ page: 1, limit: 1, total: expect.any(Number), total_pages: body.meta.total });
      expect(Object.keys(body.data[0]).sort()).toEqual(
        [
          'created_at',
          'engine_cc',
          'first_year',
          'id',
          'last_year',
          'name',
          'retired_at',
          'slug',
          'status',
          'updated_at',
          'vehicle_brand',
          'vehicle_type',
        ].sort(),
      );
    });

    it('lists brands making a vehicle type', async () => {
      const scooterBrands = await api.all<BrandBody>(`/vehicle-brands?vehicle_type=${scooter.id}`);
      const slugs = scooterBrands.map((brand) => brand.slug);
      expect(slugs).toEqual(expect.arrayContaining(['honda', 'vespa', 'ather']));
      expect(slugs).not.toContain('tesla');
      expect(scooterBrands.every((brand) => brand.vehicle_type_ids.includes(scooter.id))).toBe(true);
      expect((await api.all<BrandBody>(`/vehicle-brands?vehicle_type=${car.id}`)).map((brand) => brand.slug)).toContain('tesla');
    });

    it('answers an empty list for a type nobody makes (unknown id)', async () => {
      const body = await api.list(`/vehicle-brands?vehicle_type=${randomUUID()}`);
      expect(body).toEqual({ data: [], meta: { page: 1, limit: 20, total: 0, total_pages: 0 } });
    });

    it('lists a brand’s models, and filters them by type', async () => {
      const hondas = await api.all<ModelBody>(`/vehicle-models?vehicle_brand=${honda.id}`);
      expect(hondas.length).toBeGreaterThanOrEqual(20);
      expect(hondas.every((model) => model.vehicle_brand.id === honda.id)).toBe(true);
      const hondaScooters = await api.all<ModelBody>(`/vehicle-models?vehicle_brand=${honda.id}&vehicle_type=${scooter.id}`);
      expect(hondaScooters.map((model) => model.slug)).toEqual(expect.arrayContaining(['activa', 'pcx125']));
      expect(hondaScooters.every((model) => model.vehicle_type.id === scooter.id)).toBe(true);
    });

    it('keeps models whose production years contain the year', async () => {
      const in2010 = await api.all<ModelBody>(`/vehicle-models?vehicle_brand=${yamaha.id}&year=2010`);
      const slugs = in2010.map((model) => model.slug);
      expect(slugs).toEqual(expect.arrayContaining(['yzf-r1', 'yzf-r6', 'tmax']));
      expect(slugs).not.toContain('mt-07'); // from 2014
      expect(in2010.every((model) => model.first_year <= 2010 && (model.last_year === null || model.last_year >= 2010))).toBe(true);
      // Inclusive bounds: the R6's last model year is 2020.
      expect((await models(`vehicle_brand=${yamaha.id}&year=2020&q=r6`)).data.map((model) => model.slug)).toEqual(['yzf-r6']);
      expect((await models(`vehicle_brand=${yamaha.id}&year=2021&q=r6`)).data).toEqual([]);
    });

    it('searches names ignoring case, accents, spaces and punctuation', async () => {
      for (const q of ['tenere', 'TÉNÉRÉ', 'Tenere%20700', 't%C3%A9n%C3%A9r%C3%A9']) {
        expect(names(await models(`q=${q}`))).toEqual(['Ténéré 700']);
      }
      expect(names(await models(`vehicle_brand=${yamaha.id}&q=mt07`))).toEqual(['MT-07']);
      expect(names(await models(`vehicle_brand=${yamaha.id}&q=MT-07`))).toEqual(['MT-07']);
      expect(names(await models(`q=cbr600`))).toEqual(['CBR600RR']);
      expect(names(await api.list('/vehicle-brands?q=skoda'))).toEqual(['Škoda']);
      expect(names(await api.list('/vehicle-brands?q=CITRO%C3%8BN'))).toEqual(['Citroën']);
      expect((await models('q=zzzz-no-such-model')).data).toEqual([]);
    });

    it('treats LIKE wildcards as plain text', async () => {
      // % and _ are punctuation to the search, never wildcards: "c_r600" is "cr600", which no name contains.
      expect(names(await models('q=cbr600%25'))).toEqual(['CBR600RR']);
      expect((await models('q=c_r600')).data).toEqual([]);
      expect((await models('q=c%25r600')).data).toEqual([]);
    });

    it('pages with limit up to 100 and an empty page past the end', async () => {
      // Car models: no suite of the run writes any, so the pages stay still while they are read.
      expect((await models(`vehicle_type=${car.id}&limit=100`)).data).toHaveLength(100);
      const first = await models(`vehicle_type=${car.id}&limit=50`);
      expect(first.data).toHaveLength(50);
      expect(first.meta.total).toBeGreaterThan(100);
      const second = await models(`vehicle_type=${car.id}&limit=50&page=2`);
      expect(second.data).toHaveLength(50);
      expect(new Set([...first.data, ...second.data].map((model) => model.id)).size).toBe(100);
      const beyond = await models(`vehicle_type=${car.id}&limit=50&page=1000`);
      expect(beyond.data).toEqual([]);
      expect(beyond.meta).toEqual({ page: 1000, limit: 50, total: first.meta.total, total_pages: first.meta.total_pages });
    });

    it('orders lists by name (in the database’s collation)', async () => {
      const types = await api.all<TypeBody>('/vehicle-types');
      const ids = types.map((type) => type.id);
      const typeRows: Array<{ id: string }> = await api.db.query(`SELECT id FROM vehicle_types WHERE id = ANY($1::uuid[]) ORDER BY name, id`, [ids]);
      expect(ids).toEqual(typeRows.map((row) => row.id));
      const hondas = await api.all<ModelBody>(`/vehicle-models?vehicle_brand=${honda.id}`);
      const modelRows: Array<{ id: string }> = await api.db.query(
        `SELECT id FROM vehicle_models WHERE brand_id = $1 AND retired_at IS NULL ORDER BY name, id`,
        [honda.id],
      );
      expect(hondas.map((model) => model.id)).toEqual(modelRows.map((row) => row.id));
    });

    it('gets each kind by id', async () => {
      const cbr = (await models('q=cbr600rr')).data[0];
      for (const [path, id] of [
        ['/vehicle-types', scooter.id],
        ['/vehicle-brands', honda.id],
        ['/vehicle-models', cbr.id],
      ]) {
        const res = await api.get(`${path}/${id}`);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual(expect.objectContaining({ id, status: 'active', retired_at: null }));
      }
      expect((await api.get(`/vehicle-models/${cbr.id}`)).json()).toEqual(cbr);
    });
  });

  describe('failing', () => {
    it.each([
      ['/vehicle-types', 'CATALOG.VEHICLE_TYPE_NOT_FOUND'],
      ['/vehicle-brands', 'CATALOG.VEHICLE_BRAND_NOT_FOUND'],
      ['/vehicle-models', 'CATALOG.VEHICLE_MODEL_NOT_FOUND'],
    ])('answers 404 for an unknown id under %s', async (path, code) => {
      const res = await api.get(`${path}/${randomUUID()}`);
      expectProblem(res, 404, code);
      expect(res.headers.etag).toBeUndefined();
    });

    it.each(['/vehicle-types/42', '/vehicle-brands/not-a-uuid', '/vehicle-models/1%27%20OR%201=1'])('refuses a malformed id in %s', async (path) => {
      const body = expectProblem(await api.get(path), 400, 'HTTP.VALIDATION_FAILED');
      expect(body.errors).toEqual({ id: ['id must be a UUID'] });
    });

    it.each([
      ['/vehicle-brands?vehicle_type=abc', 'vehicle_type'],
      ['/vehicle-brands?vehicle_type=', 'vehicle_type'],
      ['/vehicle-models?vehicle_brand=123', 'vehicle_brand'],
      ['/vehicle-models?vehicle_type=x', 'vehicle_type'],
      ['/vehicle-models?year=1800', 'year'],
      ['/vehicle-models?year=3000', 'year'],
      ['/vehicle-models?year=2020.5', 'year'],
      ['/vehicle-models?year=abc', 'year'],
      ['/vehicle-models?q=', 'q'],
      ['/vehicle-models?q=%25%20_', 'q'],
      [`/vehicle-models?q=${'a'.repeat(101)}`, 'q'],
      ['/vehicle-models?limit=101', 'limit'],
      ['/vehicle-models?limit=0', 'limit'],
      ['/vehicle-models?page=0', 'page'],
      ['/vehicle-types?limit=abc', 'limit'],
      ['/vehicle-models?sort=name', 'sort'],
      ['/vehicle-types?vehicle_type=abc', 'vehicle_type'],
      ['/vehicle-brands?year=2020', 'year'],
    ])('refuses %s with 400 naming %s', async (url, field) => {
      const body = expectProblem(await api.get(url), 400, 'HTTP.VALIDATION_FAILED');
      expect(Object.keys(body.errors as object)).toEqual([field]);
    });

    it('refuses a repeated filter', async () => {
      const res = await api.get(`/vehicle-models?vehicle_brand=${honda.id}&vehicle_brand=${yamaha.id}`);
      expectProblem(res, 400, 'HTTP.VALIDATION_FAILED');
    });
  });
});
