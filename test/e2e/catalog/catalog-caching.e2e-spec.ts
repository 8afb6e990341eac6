import { execFileSync } from 'node:child_process';
import Redis from 'ioredis';
import { freePort } from '../../../src/platform/infra/free-port';
import { LocalRedis, startRedisServer } from '../../../src/platform/infra/local-redis';
import type { TestApp } from '../../support/test-app';
import { BrandBody, CatalogClient, catalogApp, ModelBody, Page, TypeBody, unique } from './catalog-test-kit';

const ONE_HOUR_MS = 3600 * 1000;

describe('catalog: HTTP caching and the shared Redis cache', () => {
  let t: TestApp;
  let api: CatalogClient;
  let admin: string;
  let motorcycle: TypeBody;

  beforeAll(async () => {
    t = await catalogApp();
    api = new CatalogClient(t);
    [admin, motorcycle] = await Promise.all([api.adminToken(), api.typeBySlug('motorcycle')]);
  });
  afterAll(() => t.close());

  /** A brand of this suite's own with one model, so writes never disturb other suites. */
  async function ownBrand(): Promise<{ brand: BrandBody; model: ModelBody; listPath: string }> {
    const brand = await api.createBrand(admin, [motorcycle.id]);
    const model = await api.createModel(admin, { vehicle_brand_id: brand.id, vehicle_type_id: motorcycle.id, name: unique('Cached') });
    return { brand, model, listPath: `/vehicle-models?vehicle_brand=${brand.id}` };
  }

  describe('conditional requests', () => {
    it.each(['/vehicle-types', '/vehicle-brands?limit=5', '/vehicle-models?q=cbr', '/vehicle-types?page=9'])(
      '%s sends a strong ETag and Cache-Control',
      async (path) => {
        const res = await api.get(path);
        expect(res.statusCode).toBe(200);
        expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
        expect(res.headers['cache-control']).toBe('public, max-age=60');
        const again = await api.get(path);
        expect(again.headers.etag).toBe(res.headers.etag);
        expect(again.body).toBe(res.body);
      },
    );

    it('answers 304 with no body to a current If-None-Match, on lists and items', async () => {
      const motorcycleUrl = `/vehicle-types/${motorcycle.id}`;
      for (const path of ['/vehicle-brands?q=yamaha', motorcycleUrl]) {
        const first = await api.get(path);
        const etag = String(first.headers.etag);
        for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
          const res = await api.get(path, { 'if-none-match': header });
          expect({ header, status: res.statusCode }).toEqual({ header, status: 304 });
          expect(res.body).toBe('');
          expect(res.headers.etag).toBe(etag);
          expect(res.headers['cache-control']).toBe('public, max-age=60');
        }
        const stale = await api.get(path, { 'if-none-match': '"not-the-current-one"' });
        expect(stale.statusCode).toBe(200);
        expect(stale.body).toBe(first.body);
      }
    });

    it('never caches errors: a 404 has no ETag and If-None-Match cannot turn it into a 304', async () => {
      const res = await api.get('/vehicle-models/00000000-0000-4000-8000-000000000000', { 'if-none-match': '*' });
      expect(res.statusCode).toBe(404);
      expect(res.headers.etag).toBeUndefined();
    });
  });

  describe('invalidation', () => {
    it('serves reads from Redis for an hour', async () => {
      const { listPath } = await ownBrand();
      await api.get(listPath);
      const redis = new Redis(t.config.redis.url!);
      try {
        const keys = await redis.keys(`${t.config.redis.keyPrefix}:cache:{catalog}:*`);
        const entries = keys.filter((key) => key.includes(encodeURIComponent(listPath.split('=')[1])));
        expect(entries).toHaveLength(1);
        const ttl = await redis.pttl(entries[0]);
        expect(ttl).toBeGreaterThan(ONE_HOUR_MS - 60_000);
        expect(ttl).toBeLessThanOrEqual(ONE_HOUR_MS);
      } finally {
        redis.disconnect();
      }
    });

    it('keeps serving the cached body when the database changes behind its back', async () => {
      const { model, listPath } = await ownBrand();
      const before = await api.list<ModelBody>(listPath);
      await api.db.query(`UPDATE vehicle_models SET name = 'Changed behind the API' WHERE id = $1`, [model.id]);
      expect(await api.list<ModelBody>(listPath)).toEqual(before);
    });

    it('shows a write at once: lists and items reflect an update, with a new ETag', async () => {
      const { model, listPath } = await ownBrand();
      const listBefore = await api.get(listPath);
      const itemBefore = await api.get(`/vehicle-models/${model.id}`);
      expect((listBefore.json() as Page<ModelBody>).data[0].name).toBe(model.name);

      const renamed = unique('Renamed');
      expect((await api.patch(`/vehicle-models/${model.id}`, { name: renamed, engine_cc: 321 }, admin)).statusCode).toBe(200);

      const listAfter = await api.get(listPath, { 'if-none-match': String(listBefore.headers.etag) });
      expect(listAfter.statusCode).toBe(200);
      expect(listAfter.headers.etag).not.toBe(listBefore.headers.etag);
      expect((listAfter.json() as Page<ModelBody>).data[0]).toEqual(expect.objectContaining({ name: renamed, engine_cc: 321 }));
      const itemAfter = await api.get(`/vehicle-models/${model.id}`, { 'if-none-match': String(itemBefore.headers.etag) });
      expect(itemAfter.statusCode).toBe(200);
      expect(itemAfter.json()).toEqual(expect.objectContaining({ name: renamed }));
      expect((await api.list<ModelBody>(`/vehicle-models?q=${encodeURIComponent(renamed)}`)).data.map((entry) => entry.id)).toEqual([model.id]);
    });

    it('shows creations, retirements and brand renames in dependent lists at once', async () => {
      const { brand, model, listPath } = await ownBrand();
      const brandPath = `/vehicle-brands/${brand.id}`;
      await Promise.all([api.get(listPath), api.get(brandPath), api.get(`/vehicle-brands?q=${encodeURIComponent(brand.name)}`)]);

      const added = await api.createModel(admin, { vehicle_brand_id: brand.id, vehicle_type_id: motorcycle.id });
      expect((await api.list<ModelBody>(listPath)).data.map((entry) => entry.id).sort()).toEqual([model.id, added.id].sort());

      await api.post(`/vehicle-models/${model.id}/retire`, undefined, admin);
      expect((await api.list<ModelBody>(listPath)).data.map((entry) => entry.id)).toEqual([added.id]);

      const renamed = unique('Renamed brand');
      await api.patch(brandPath, { name: renamed }, admin);
      expect((await api.get(brandPath)).json().name).toBe(renamed);
      expect((await api.list<ModelBody>(listPath)).data[0].vehicle_brand.name).toBe(renamed);
      expect((await api.list(`/vehicle-brands?q=${encodeURIComponent(brand.name)}`)).data).toEqual([]);
    });

    it('reaches every API process: a write through one is seen by another at once', async () => {
      // Two applications on one Redis key prefix stand for two API processes.
      const other = await catalogApp({ QUEUE_PREFIX: t.config.redis.keyPrefix });
      try {
        const otherApi = new CatalogClient(other);
        const { model, listPath } = await ownBrand();
        await otherApi.get(listPath);
        await api.db.query(`UPDATE vehicle_models SET name = 'Changed behind the API' WHERE id = $1`, [model.id]);
        expect((await otherApi.list<ModelBody>(listPath)).data[0].name).toBe(model.name); // the shared cache answers

        const renamed = unique('Seen everywhere');
        await api.patch(`/vehicle-models/${model.id}`, { name: renamed }, admin);
        expect((await otherApi.list<ModelBody>(listPath)).data[0].name).toBe(renamed);
      } finally {
        await other.close();
      }
    });
  });
});

describe('catalog: reads while Redis is down', () => {
  const redisBinary = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
  let redis: LocalRedis;
  let port: number;
  let t: TestApp;
  let api: CatalogClient;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedisServer(redisBinary, port);
    t = await catalogApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    api = new CatalogClient(t);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('falls through to the database quickly, never a 500, and catches up once Redis is back', async () => {
    const admin = await api.adminToken();
    const motorcycle = await api.typeBySlug('motorcycle');
    const brand = await api.createBrand(admin, [motorcycle.id]);
    const listPath = `/vehicle-models?vehicle_brand=${brand.id}`;
    const model = await api.createModel(admin, { vehicle_brand_id: brand.id, vehicle_type_id: motorcycle.id });
    const cached = await api.get(listPath);
    expect(cached.statusCode).toBe(200);

    await redis.stop();
    const started = Date.now();
    for (const path of [listPath, '/vehicle-types', `/vehicle-models/${model.id}`, '/vehicle-brands?q=honda']) {
      const res = await api.get(path);
      expect({ path, status: res.statusCode }).toEqual({ path, status: 200 });
      expect(res.headers.etag).toBeDefined();
    }
    expect(Date.now() - started).toBeLessThan(2000);
    const whileDown = await api.get(listPath);
    expect(whileDown.body).toBe(cached.body);

    // A write while Redis is down still commits; this process stops using the cache for the catalog
    // until the invalidation reaches Redis, so it never serves the entry it knows is stale.
    const renamed = unique('Written while Redis was down');
    expect((await api.patch(`/vehicle-models/${model.id}`, { name: renamed }, admin)).statusCode).toBe(200);
    expect((await api.list<ModelBody>(listPath)).data[0].name).toBe(renamed);

    redis = await startRedisServer(redisBinary, port);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await api.list<ModelBody>(listPath)).data[0].name).toBe(renamed);
    // The retried invalidation went through, so the cache is in use again: a change behind its back stays unseen.
    await api.db.query(`UPDATE vehicle_models SET name = 'Changed behind the API' WHERE id = $1`, [model.id]);
    expect((await api.list<ModelBody>(listPath)).data[0].name).toBe(renamed);
  });
});
