import type { TestApp } from '../../support/test-app';
import { BrandBody, CatalogClient, catalogApp, ModelBody, TypeBody } from './catalog-test-kit';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Seeded entries have name-based (version 5) ids; entries other suites create have random (version 4) ones. */
const seeded = (entry: { id: string }) => entry.id[14] === '5';

describe('catalog: reference data shipped by migration', () => {
  let t: TestApp;
  let api: CatalogClient;
  let types: TypeBody[];
  let brands: BrandBody[];
  let models: ModelBody[];

  beforeAll(async () => {
    t = await catalogApp();
    api = new CatalogClient(t);
    [types, brands, models] = await Promise.all([
      api.all<TypeBody>('/vehicle-types'),
      api.all<BrandBody>('/vehicle-brands'),
      api.all<ModelBody>('/vehicle-models'),
    ]);
  });
  afterAll(() => t.close());

  it('has at least the scooter, motorcycle and car types', () => {
    expect(types.length).toBeGreaterThanOrEqual(3);
    expect(types.map((type) => type.slug)).toEqual(expect.arrayContaining(['scooter', 'motorcycle', 'car']));
  });

  it('has at least 30 brands and 200 models', () => {
    expect(brands.filter(seeded).length).toBeGreaterThanOrEqual(30);
    expect(models.filter(seeded).length).toBeGreaterThanOrEqual(200);
  });

  it('covers scooters, motorcycles and cars with many models each', () => {
    const perType = (slug: string) => models.filter((model) => seeded(model) && model.vehicle_type.slug === slug).length;
    expect(perType('motorcycle')).toBeGreaterThanOrEqual(100);
    expect(perType('scooter')).toBeGreaterThanOrEqual(30);
    expect(perType('car')).toBeGreaterThanOrEqual(50);
  });

  it('has well-formed, plausible entries', () => {
    const thisYear = new Date().getUTCFullYear();
    for (const model of models.filter(seeded)) {
      expect(model.slug).toMatch(SLUG);
      expect(model.first_year).toBeGreaterThanOrEqual(1885);
      expect(model.first_year).toBeLessThanOrEqual(thisYear + 2);
      if (model.last_year !== null) expect(model.last_year).toBeGreaterThanOrEqual(model.first_year);
      if (model.engine_cc !== null) expect(model.engine_cc).toBeGreaterThanOrEqual(40);
    }
    for (const brand of brands.filter(seeded)) {
      expect(brand.slug).toMatch(SLUG);
      expect(brand.vehicle_type_ids.length).toBeGreaterThan(0);
    }
  });

  it('knows real models with their years and displacement', () => {
    const find = (brand: string, slug: string) => models.find((model) => model.vehicle_brand.slug === brand && model.slug === slug);
    expect(find('honda', 'cbr600rr')).toEqual(
      expect.objectContaining({ name: 'CBR600RR', first_year: 2003, engine_cc: 599, vehicle_type: expect.objectContaining({ slug: 'motorcycle' }) }),
    );
    expect(find('yamaha', 'tenere-700')).toEqual(expect.objectContaining({ name: 'Ténéré 700', first_year: 2019, last_year: null, engine_cc: 689 }));
    expect(find('honda', 'activa')).toEqual(expect.objectContaining({ vehicle_type: expect.objectContaining({ slug: 'scooter' }) }));
    expect(find('tesla', 'model-3')).toEqual(expect.objectContaining({ engine_cc: null, vehicle_type: expect.objectContaining({ slug: 'car' }) }));
    expect(find('ducati', '916')).toEqual(expect.objectContaining({ first_year: 1994, last_year: 1998, engine_cc: 916 }));
  });

  it('gives a brand every type its models have', () => {
    const honda = brands.find((brand) => brand.slug === 'honda')!;
    const typeIds = new Set(models.filter((model) => model.vehicle_brand.id === honda.id).map((model) => model.vehicle_type.id));
    expect(new Set(honda.vehicle_type_ids)).toEqual(typeIds);
    expect(typeIds.size).toBe(3);
  });

  it('uses the same name-based ids in every environment', async () => {
    const motorcycle = types.find((type) => type.slug === 'motorcycle')!;
    // Version 5 UUIDs of the slugs: other seeds can rely on them.
    expect(motorcycle.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [row] = await api.db.query(`SELECT count(*)::int AS n FROM vehicle_models WHERE id::text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-5'`);
    expect(row.n).toBeGreaterThanOrEqual(200);
  });
});
