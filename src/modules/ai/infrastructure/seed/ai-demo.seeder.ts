import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DemoSeed, type DemoSeeder } from '../../../../platform/demo/demo-seed';
import { systemContext } from '../../../../platform/kernel';
import { IdentityApi } from '../../../identity';
import { DEMO_CUSTOMERS, DEMO_ORGANIZATIONS } from '../../../organizations';
import { RecomputeSimilaritiesUseCase } from '../../application/recommendations/recommendation.use-cases';
import {
  type CatalogListing,
  INTERACTIONS,
  type InteractionRepository,
  LISTING_CATALOG,
  type ListingCatalogRepository,
  MARKETPLACE_LISTINGS,
  type MarketplaceListings,
  RECOMMENDATION_CACHE,
  type RecommendationCache,
  RIDING_PROFILES,
  type RidingProfileRepository,
  VEHICLE_CATALOG,
  type VehicleCatalog,
} from '../../application/ports';
import { ORGANIZATION_DIRECTORY, type OrganizationDirectory } from '../../application/training-ports';
import type { InteractionEvent, InteractionType } from '../../domain/interaction';
import type { RidingProfileAnswers } from '../../domain/riding-profile';

const HOUR = 3_600_000;
const LISTINGS_PER_SELLER = 100;

interface DemoRider {
  email: string;
  answers: Omit<RidingProfileAnswers, 'vehicleModelIds'>;
  /** Catalog models as [brand slug, model slug] (name-based ids of the catalog's reference data). */
  vehicles: Array<[string, string]>;
  /** Words of the listings this rider likes: views, clicks and saves; anything else only a view. */
  likes: string[];
}

const RIDERS: DemoRider[] = [
  {
    email: DEMO_CUSTOMERS[0].email,
    answers: {
      experience: 'intermediate',
      ridingStyles: ['touring', 'commuting'],
      goals: ['smoothness', 'economy'],
      budgetMinor: 40_000,
      currency: 'EUR',
      riskAppetite: 'low',
    },
    vehicles: [['yamaha', 'mt-09']],
    likes: ['mt-09', 'yamaha', 'economy'],
  },
  {
    email: DEMO_CUSTOMERS[1].email,
    answers: { experience: 'expert', ridingStyles: ['track', 'sport'], goals: ['power'], budgetMinor: null, currency: null, riskAppetite: 'high' },
    vehicles: [['ducati', 'panigale-v4']],
    likes: ['panigale', 'stage 2', 'track', 'brembo'],
  },
  {
    email: DEMO_CUSTOMERS[2].email,
    answers: {
      experience: 'experienced',
      ridingStyles: ['sport'],
      goals: ['reliability', 'power'],
      budgetMinor: 150_000,
      currency: 'EUR',
      riskAppetite: 'medium',
    },
    vehicles: [['bmw', 's-1000-rr']],
    likes: ['s 1000 rr', 'bmw', 'brembo', 'chain'],
  },
];

/**
 * The ai context's demo data (after the marketplace's, order 10): the demo
 * sellers' published listings indexed in the recommendations' read model
 * (as the marketplace's events would, once the worker runs), riding profiles
 * and interactions of the demo customers, and the item-to-item model, so a
 * newcomer signing in as a demo customer sees recommendations with reasons
 * and insights at once. Idempotent: a customer who has a profile keeps it,
 * one who has any interaction gets none added, events have stable ids.
 */
@Injectable()
@DemoSeed({ order: 30 })
export class AiDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger('DemoAi');

  constructor(
    @Inject(MARKETPLACE_LISTINGS) private readonly marketplace: MarketplaceListings,
    @Inject(LISTING_CATALOG) private readonly catalog: ListingCatalogRepository,
    @Inject(RIDING_PROFILES) private readonly profiles: RidingProfileRepository,
    @Inject(INTERACTIONS) private readonly interactions: InteractionRepository,
    @Inject(VEHICLE_CATALOG) private readonly vehicles: VehicleCatalog,
    @Inject(RECOMMENDATION_CACHE) private readonly cache: RecommendationCache,
    @Inject(ORGANIZATION_DIRECTORY) private readonly organizations: OrganizationDirectory,
    private readonly identity: IdentityApi,
    private readonly similarities: RecomputeSimilaritiesUseCase,
  ) {}

  async seed(): Promise<{ listingsIndexed: number; profiles: number; interactions: number }> {
    const ctx = systemContext('demo-seed-ai');
    const listings: CatalogListing[] = [];
    for (const demo of DEMO_ORGANIZATIONS) {
      const orgId = await this.organizations.idBySlug(ctx, demo.slug);
      if (orgId) listings.push(...(await this.marketplace.publishedOf(ctx, orgId, LISTINGS_PER_SELLER)));
    }
    listings.sort((a, b) => a.listingId.localeCompare(b.listingId));
    const known = new Set((await this.catalog.byIds(listings.map((l) => l.listingId))).map((l) => l.listingId));
    for (const listing of listings) await this.catalog.upsert(listing, true);
    const listingsIndexed = listings.filter((l) => !known.has(l.listingId)).length;

    let profiles = 0;
    let interactions = 0;
    for (const rider of RIDERS) {
      const account = await this.identity.findAccountByEmail(ctx, rider.email);
      if (!account) continue;
      if (!(await this.profiles.find(account.id))) {
        const models = await this.vehicles.models(
          ctx,
          rider.vehicles.map(([brand, model]) => catalogModelId(brand, model)),
        );
        await this.profiles.save(account.id, { ...rider.answers, vehicleModelIds: [...models.values()].filter((m) => !m.retired).map((m) => m.id) });
        profiles += 1;
      }
      if ((await this.interactions.signals(account.id)).length > 0) continue;
      const events = eventsFor(rider, listings, Date.now());
      interactions += await this.interactions.record(account.id, events);
      await this.cache.invalidate(account.id);
    }
    if (interactions > 0) await this.similarities.execute();
    if (listingsIndexed + profiles + interactions > 0) this.logger.log({ msg: 'demo ai data seeded', listingsIndexed, profiles, interactions });
    return { listingsIndexed, profiles, interactions };
  }
}

/** Views of every listing, and clicks and saves of the liked ones, spread over the last hours (newest last). */
function eventsFor(rider: DemoRider, listings: CatalogListing[], now: number): InteractionEvent[] {
  const events: InteractionEvent[] = [];
  const add = (listing: CatalogListing, type: InteractionType) =>
    events.push({ clientEventId: `demo:${listing.listingId}:${type}`, type, listingId: listing.listingId, occurredAt: new Date(0), rating: null });
  for (const listing of listings) {
    const title = listing.title.toLowerCase();
    const liked = rider.likes.some((word) => title.includes(word));
    // Each rider glances at about half of the rest, so riders overlap and the item-to-item model has something to learn.
    if (liked || (hashOf(`${rider.email}:${listing.listingId}`) & 1) === 0) add(listing, 'view');
    if (liked) {
      add(listing, 'click');
      add(listing, 'save');
    }
  }
  return events.map((event, i) => ({ ...event, occurredAt: new Date(now - (events.length - i) * HOUR) }));
}

function hashOf(text: string): number {
  return createHash('sha1').update(text).digest()[0];
}

/** The catalog's ids are v5 UUIDs of `vehicle-model:<brand>/<model>` in its fixed namespace (migrations/…CatalogReferenceData). */
function catalogModelId(brandSlug: string, modelSlug: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from('5b0f3c1e9a7d4e62b8c4d2f1a6e09c37', 'hex'))
    .update(`vehicle-model:${brandSlug}/${modelSlug}`, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
