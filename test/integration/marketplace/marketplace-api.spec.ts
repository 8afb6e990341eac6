import { Inject, Injectable, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, type UnitOfWork } from '../../../src/platform/kernel';
import { unitOfWorkProvider } from '../../../src/platform/database/unit-of-work';
import { MarketplaceApi } from '../../../src/modules/marketplace';
import { Listing, ListingDetails, ListingKind } from '../../../src/modules/marketplace/domain';
import { SqlListingRepository } from '../../../src/modules/marketplace/infrastructure/persistence/listing.repository';
import { SqlPurchaseRepository } from '../../../src/modules/marketplace/infrastructure/persistence/purchase.repository';
import { waitFor } from '../../support/processes';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';

const COMMERCE_UOW = Symbol('COMMERCE_UOW');
const ctx = { requestId: 'marketplace-api-spec', roles: [] };

/** Publishes commerce's events the way commerce does: through a unit of work. */
@Injectable()
class FakeCommerce {
  constructor(@Inject(COMMERCE_UOW) private readonly uow: UnitOfWork<{ db: EntityManager }>) {}

  async publish(type: string, orgId: string, payload: object): Promise<void> {
    await this.uow.run(async (_repos, events) => events.publish(ctx, { type, orgId, payload }));
  }
}

@Module({ providers: [FakeCommerce, unitOfWorkProvider(COMMERCE_UOW, (db) => ({ db }))] })
class FakeCommerceModule {}

describe('MarketplaceApi (the facade commerce codes against) and commerce’s events', () => {
  let t: TestApp;
  let db: DataSource;
  let api: MarketplaceApi;
  const orgId = randomUUID();

  beforeAll(async () => {
    t = await createTestApp({ config: testConfig({ EVENTS_RELAY_INTERVAL_MS: '100' }), processJobs: true, extraImports: [FakeCommerceModule] });
    db = t.app.get(DataSource);
    api = t.app.get(MarketplaceApi);
  });
  afterAll(() => t?.close());

  async function listing(kind: ListingKind, stock = 3): Promise<string> {
    const details: ListingDetails =
      kind === 'tune'
        ? {
            kind,
            modelIds: [randomUUID()],
            ecuFamily: 'Bosch',
            stage: 'stage1',
            file: null,
            declaredChanges: {
              revLimitRpm: null,
              ignitionAdvanceDeg: null,
              afrMin: null,
              afrMax: null,
              fuelMapChangePct: null,
              speedLimiterRemoved: false,
              catalyticConverterDelete: false,
              o2SensorOff: false,
              egrOff: false,
              secondaryAirOff: false,
            },
          }
        : kind === 'vehicle'
          ? { kind, modelId: randomUUID(), year: 2020, mileageKm: 1, condition: 'used', vin: '1HGCM82633A004352', colour: null, location: null, photos: [] }
          : { kind, modelIds: [], partNumber: 'P-1', condition: 'new', photos: [] };
    const created = Listing.create({
      id: randomUUID(),
      orgId,
      kind,
      title: `A ${kind}`,
      description: '',
      priceMinor: 1000,
      currency: 'EUR',
      stock,
      details,
      now: new Date(),
    });
    await new SqlListingRepository(db.manager).insert(created);
    return created.id;
  }

  const stockOf = async (id: string): Promise<number | null> => (await api.listingsForSale(ctx, [id]))[0].stock;

  it('listingsForSale returns listings in any status and leaves out unknown or malformed ids', async () => {
    const part = await listing('part', 4);
    const tune = await listing('tune');
    const found = await api.listingsForSale(ctx, [part, tune, randomUUID(), 'not-a-uuid']);
    expect(found).toEqual(
      expect.arrayContaining([
        { id: part, orgId, kind: 'part', title: 'A part', priceMinor: 1000, currency: 'EUR', status: 'draft', stock: 4 },
        { id: tune, orgId, kind: 'tune', title: 'A tune', priceMinor: 1000, currency: 'EUR', status: 'draft', stock: null },
      ]),
    );
    expect(found).toHaveLength(2);
  });

  it('reserveStock takes units, is idempotent by reservation id, and releaseStock gives them back once', async () => {
    const part = await listing('part', 5);
    const tune = await listing('tune');
    const order = randomUUID();
    await api.reserveStock(ctx, order, [
      { listingId: part, quantity: 2 },
      { listingId: tune, quantity: 1 },
    ]);
    await api.reserveStock(ctx, order, [{ listingId: part, quantity: 2 }]);
    expect(await stockOf(part)).toBe(3);
    expect(await stockOf(tune)).toBeNull();
    await api.releaseStock(ctx, order);
    await api.releaseStock(ctx, order);
    expect(await stockOf(part)).toBe(5);
  });

  it('a reservation short of stock throws MARKETPLACE.OUT_OF_STOCK naming the listing and takes nothing', async () => {
    const a = await listing('part', 5);
    const b = await listing('part', 1);
    const error = await api
      .reserveStock(ctx, randomUUID(), [
        { listingId: a, quantity: 2 },
        { listingId: b, quantity: 2 },
      ])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'MARKETPLACE.OUT_OF_STOCK', kind: 'conflict', details: { extensions: { listing_id: b } } });
    expect(await stockOf(a)).toBe(5);
    expect(await stockOf(b)).toBe(1);
  });

  it('concurrent reservations of the last units never oversell', async () => {
    const part = await listing('part', 3);
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => api.reserveStock(ctx, randomUUID(), [{ listingId: part, quantity: 1 }])));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(outcomes.filter((o) => o.status === 'rejected').every((o) => (o as PromiseRejectedResult).reason.code === 'MARKETPLACE.OUT_OF_STOCK')).toBe(true);
    expect(await stockOf(part)).toBe(0);
  });

  it('a vehicle is one unit: the second order is out of stock', async () => {
    const vehicle = await listing('vehicle');
    await api.reserveStock(ctx, randomUUID(), [{ listingId: vehicle, quantity: 1 }]);
    await expect(api.reserveStock(ctx, randomUUID(), [{ listingId: vehicle, quantity: 1 }])).rejects.toMatchObject({ code: 'MARKETPLACE.OUT_OF_STOCK' });
  });

  it('commerce.order.paid records the purchase and entitles the buyer to the tune; a full refund revokes it', async () => {
    const tune = await listing('tune');
    const part = await listing('part');
    const buyer = randomUUID();
    const orderId = randomUUID();
    const purchases = new SqlPurchaseRepository(db.manager);
    const commerce = t.app.get(FakeCommerce);
    await commerce.publish('commerce.order.paid', orgId, {
      orderId,
      buyerUserId: buyer,
      sellerOrgId: orgId,
      lines: [
        { listingId: tune, kind: 'tune', quantity: 1 },
        { listingId: part, kind: 'part', quantity: 2 },
      ],
    });
    await waitFor(() => purchases.isEntitled(tune, buyer), 10_000, 'the tune entitlement');
    expect(await purchases.isVerifiedBuyer(part, buyer)).toBe(true);
    expect(await purchases.isEntitled(part, buyer)).toBe(false);
    expect(await api.isVerifiedBuyer(ctx, tune, buyer)).toBe(true);
    // the same event again (a redelivery with another id) changes nothing
    await commerce.publish('commerce.order.paid', orgId, {
      orderId,
      buyerUserId: buyer,
      sellerOrgId: orgId,
      lines: [{ listingId: tune, kind: 'tune', quantity: 1 }],
    });
    await commerce.publish('commerce.order.refunded', orgId, { orderId, buyerUserId: buyer, sellerOrgId: orgId, full: true, listingIds: [tune, part] });
    await waitFor(async () => !(await purchases.isEntitled(tune, buyer)), 10_000, 'the revocation');
    const rows: Array<{ n: number }> = await db.query(`SELECT count(*)::int AS n FROM marketplace_purchases WHERE order_id = $1`, [orderId]);
    expect(rows[0].n).toBe(2);
  });

  it('a partial refund revokes only the refunded listings', async () => {
    const tuneA = await listing('tune');
    const tuneB = await listing('tune');
    const buyer = randomUUID();
    const orderId = randomUUID();
    const purchases = new SqlPurchaseRepository(db.manager);
    const commerce = t.app.get(FakeCommerce);
    await commerce.publish('commerce.order.paid', orgId, {
      orderId,
      buyerUserId: buyer,
      sellerOrgId: orgId,
      lines: [
        { listingId: tuneA, kind: 'tune', quantity: 1 },
        { listingId: tuneB, kind: 'tune', quantity: 1 },
      ],
    });
    await waitFor(() => purchases.isEntitled(tuneB, buyer), 10_000, 'the entitlements');
    await commerce.publish('commerce.order.refunded', orgId, { orderId, buyerUserId: buyer, sellerOrgId: orgId, full: false, listingIds: [tuneA] });
    await waitFor(async () => !(await purchases.isEntitled(tuneA, buyer)), 10_000, 'the partial revocation');
    expect(await purchases.isEntitled(tuneB, buyer)).toBe(true);
  });
});
