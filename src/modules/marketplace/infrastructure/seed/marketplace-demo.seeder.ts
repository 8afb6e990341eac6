import { createHash, randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DemoSeed, DemoSeeder } from '../../../../platform/demo/demo-seed';
import { RequestContext, systemContext } from '../../../../platform/kernel';
import { OBJECT_STORAGE, ObjectStorage } from '../../../../platform/storage';
import { CatalogApi } from '../../../catalog';
import { IdentityApi } from '../../../identity';
import { DEMO_CUSTOMERS, OrganizationsApi } from '../../../organizations';
import type { ListingTransitionedPayload } from '../../application/events';
import { MARKETPLACE_UNIT_OF_WORK, MarketplaceUnitOfWork, VEHICLE_TAXONOMY, VehicleTaxonomy, VerdictRecord } from '../../application/ports';
import {
  DeclaredChanges,
  Listing,
  ListingDetails,
  ListingKind,
  ListingStatus,
  PartCondition,
  StoredFile,
  TuneStage,
  VehicleCondition,
  listingModelIds,
  transitionEventType,
} from '../../domain';

/** Every verdict the demo data records is labelled so: model `demo`, source `demo`, and the reason says it. */
export const DEMO_VERDICT_MODEL = 'demo';
const DEMO_LABEL = 'Demo data (not an AI verdict)';
const DAY = 86_400_000;

/** A stable id for a demo object, so a second run finds what the first made (RFC 9562 v5 layout over SHA-1). */
function demoId(name: string): string {
  const hash = createHash('sha1').update(`revsync-marketplace-demo:${name}`, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small PNG (a vertical gradient of one colour): a real image, so the photo's type is right by its bytes. */
export function demoPhoto(rgb: [number, number, number], width = 96, height = 64): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3);
    const shade = 0.55 + (0.45 * y) / height;
    for (let x = 0; x < width; x += 1)
      row.set(
        rgb.map((v) => Math.round(v * shade)),
        1 + x * 3,
      );
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Bytes standing for an ECU image (no known file signature), different per tune. */
function demoTuneFile(name: string, size = 8192): Buffer {
  const blocks: Buffer[] = [];
  let seed = createHash('sha256').update(`tune:${name}`).digest();
  for (let n = 0; n < size; n += seed.length) {
    blocks.push(seed);
    seed = createHash('sha256').update(seed).digest();
  }
  return Buffer.concat(blocks).subarray(0, size);
}

const CHANGES: DeclaredChanges = {
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
};

interface DemoVerdict {
  verdict: 'approved' | 'rejected' | 'needs_human';
  score: number;
  confidence: number;
  flags: string[];
  rationale: string;
  legalNote?: string;
}

interface DemoListing {
  key: string;
  seller: string;
  kind: ListingKind;
  status: ListingStatus;
  title: string;
  description: string;
  priceMinor: number;
  currency: string;
  stock?: number;
  /** [brand slug, model slug] of the catalog. */
  models: Array<[string, string]>;
  tune?: { ecuFamily: string; stage: TuneStage; changes: Partial<DeclaredChanges> };
  vehicle?: { year: number; mileageKm: number; condition: VehicleCondition; vin: string; colour: string; location: string };
  part?: { partNumber: string; condition: PartCondition };
  photos?: Array<[number, number, number]>;
  verdict?: DemoVerdict;
  /** Star ratings by the demo customers, in order (each a verified buyer). */
  reviews?: Array<[number, string]>;
  featuredRank?: number;
  daysAgo: number;
}

const APEX = 'apex-tunes-studio';
const REDLINE = 'redline-maps-studio';
const VELOCITY = 'velocity-motors';
const SUMMIT = 'summit-auto-group';
const PIT_LANE = 'pit-lane-repairs';

const SAFE: DemoVerdict = {
  verdict: 'approved',
  score: 86,
  confidence: 0.91,
  flags: [],
  rationale: 'Mild fuelling and ignition changes within the engine’s margins; rev limit unchanged.',
};

const CONTENT_PASS: DemoVerdict = { verdict: 'approved', score: 100, confidence: 1, flags: [], rationale: 'content check passed' };

/** The living marketplace: two studios' tunes in every state of the lifecycle, dealership vehicles with photos, parts, reviews, a placement. */
export const DEMO_LISTINGS: DemoListing[] = [
  {
    key: 'apex-mt09-stage1',
    seller: APEX,
    kind: 'tune',
    status: 'published',
    title: 'MT-09 Stage 1 street map',
    description: 'Smoother throttle from closed, a fuller midrange and a cleaner fuel cut. For a stock exhaust and air filter.',
    priceMinor: 14_900,
    currency: 'USD',
    models: [['yamaha', 'mt-09']],
    tune: { ecuFamily: 'Mitsubishi', stage: 'stage1', changes: { ignitionAdvanceDeg: 1.5, afrMin: 12.8, afrMax: 13.4, fuelMapChangePct: 4 } },
    verdict: SAFE,
    reviews: [
      [5, 'Throttle is so much smoother in town. Worth every cent.'],
      [4, 'Good map, took a couple of rides to get used to the sharper midrange.'],
    ],
    featuredRank: 1,
    daysAgo: 40,
  },
  {
    key: 'apex-panigale-stage2',
    seller: APEX,
    kind: 'tune',
    status: 'published',
    title: 'Panigale V4 Stage 2 track map',
    description: 'For a full titanium system: more top end, quick-shifter cut times tuned for the track.',
    priceMinor: 34_900,
    currency: 'USD',
    models: [['ducati', 'panigale-v4']],
    tune: {
      ecuFamily: 'Magneti Marelli',
      stage: 'stage2',
      changes: { revLimitRpm: 16_000, ignitionAdvanceDeg: 2, afrMin: 12.6, afrMax: 13.2, fuelMapChangePct: 7 },
    },
    verdict: { ...SAFE, score: 78, confidence: 0.84, rationale: 'Track-oriented but within bounds; rev limit raised modestly for this engine.' },
    reviews: [[5, 'Pulls hard to the limiter, shifts are crisp.']],
    daysAgo: 30,
  },
  {
    key: 'apex-zx10r-draft',
    seller: APEX,
    kind: 'tune',
    status: 'draft',
    title: 'Ninja ZX-10R Stage 1 (work in progress)',
    description: 'Still being dyno-tested.',
    priceMinor: 19_900,
    currency: 'USD',
    models: [['kawasaki', 'ninja-zx-10r']],
    tune: { ecuFamily: 'Denso', stage: 'stage1', changes: { fuelMapChangePct: 3 } },
    daysAgo: 2,
  },
  {
    key: 'apex-cbr600-submitted',
    seller: APEX,
    kind: 'tune',
    status: 'submitted',
    title: 'CBR600RR Stage 1 map',
    description: 'Flatter torque curve for road riding.',
    priceMinor: 12_900,
    currency: 'USD',
    models: [['honda', 'cbr600rr']],
    tune: { ecuFamily: 'Keihin', stage: 'stage1', changes: { ignitionAdvanceDeg: 1, fuelMapChangePct: 3 } },
    daysAgo: 1,
  },
  {
    key: 'apex-s1000rr-in-review',
    seller: APEX,
    kind: 'tune',
    status: 'in_review',
    title: 'S 1000 RR Stage 2 map',
    description: 'For an aftermarket slip-on and a high-flow filter.',
    priceMinor: 29_900,
    currency: 'USD',
    models: [['bmw', 's-1000-rr']],
    tune: { ecuFamily: 'Bosch', stage: 'stage2', changes: { revLimitRpm: 14_800, ignitionAdvanceDeg: 2, fuelMapChangePct: 6 } },
    daysAgo: 1,
  },
  {
    key: 'redline-mt09-approved',
    seller: REDLINE,
    kind: 'tune',
    status: 'approved',
    title: 'MT-09 economy map',
    description: 'Leaner cruise cells for touring, same peak power.',
    priceMinor: 9_900,
    currency: 'EUR',
    models: [['yamaha', 'mt-09']],
    tune: { ecuFamily: 'Mitsubishi', stage: 'stage1', changes: { afrMin: 13.2, afrMax: 14.4, fuelMapChangePct: -3 } },
    verdict: { ...SAFE, score: 91, confidence: 0.93, rationale: 'Leaner cruise within safe AFR; no timing changes.' },
    daysAgo: 3,
  },
  {
    key: 'redline-zx10r-rejected',
    seller: REDLINE,
    kind: 'tune',
    status: 'rejected',
    title: 'ZX-10R all-out ignition map',
    description: 'Maximum timing everywhere.',
    priceMinor: 24_900,
    currency: 'EUR',
    models: [['kawasaki', 'ninja-zx-10r']],
    tune: { ecuFamily: 'Denso', stage: 'stage3', changes: { revLimitRpm: 15_500, ignitionAdvanceDeg: 6, afrMin: 11.8, afrMax: 12.4, fuelMapChangePct: 12 } },
    verdict: {
      verdict: 'rejected',
      score: 32,
      confidence: 0.88,
      flags: ['detonation_risk'],
      rationale: 'Six degrees of extra advance across the map on pump fuel risks detonation and engine damage.',
    },
    daysAgo: 6,
  },
  {
    key: 'redline-panigale-needs-human',
    seller: REDLINE,
    kind: 'tune',
    status: 'needs_human',
    title: 'Panigale V4 race map (closed course)',
    description: 'For closed-course use with a race exhaust.',
    priceMinor: 39_900,
    currency: 'EUR',
    models: [['ducati', 'panigale-v4']],
    tune: { ecuFamily: 'Magneti Marelli', stage: 'stage3', changes: { catalyticConverterDelete: true, o2SensorOff: true, fuelMapChangePct: 9 } },
    verdict: {
      verdict: 'needs_human',
      score: 70,
      confidence: 0.81,
      flags: ['emissions_defeat'],
      rationale: 'Engine-safe, but it removes emissions equipment.',
      legalNote: 'Declares a catalytic converter delete and the O2 sensor off: road use is unlawful in most jurisdictions; a human must decide.',
    },
    daysAgo: 4,
  },
  {
    key: 'redline-s1000rr-published',
    seller: REDLINE,
    kind: 'tune',
    status: 'published',
    title: 'S 1000 RR Stage 1 road map',
    description: 'Smoother low-rpm fuelling and a livelier midrange on the stock exhaust.',
    priceMinor: 15_900,
    currency: 'EUR',
    models: [['bmw', 's-1000-rr']],
    tune: { ecuFamily: 'Bosch', stage: 'stage1', changes: { ignitionAdvanceDeg: 1, fuelMapChangePct: 3 } },
    verdict: { ...SAFE, score: 88, confidence: 0.9 },
    reviews: [[4, 'Nice improvement at low revs.']],
    daysAgo: 20,
  },
  {
    key: 'redline-cbr600-archived',
    seller: REDLINE,
    kind: 'tune',
    status: 'archived',
    title: 'CBR600RR 2019 map (retired)',
    description: 'Replaced by the 2024 map.',
    priceMinor: 8_900,
    currency: 'EUR',
    models: [['honda', 'cbr600rr']],
    tune: { ecuFamily: 'Keihin', stage: 'stage1', changes: { fuelMapChangePct: 2 } },
    verdict: SAFE,
    daysAgo: 90,
  },
  {
    key: 'velocity-mt09-2021',
    seller: VELOCITY,
    kind: 'vehicle',
    status: 'published',
    title: '2021 Yamaha MT-09, one owner',
    description: 'Full dealer service history, new tyres, two keys.',
    priceMinor: 899_000,
    currency: 'USD',
    models: [['yamaha', 'mt-09']],
    vehicle: { year: 2021, mileageKm: 12_400, condition: 'used', vin: 'JYARN53E0MA000123', colour: 'Icon Blue', location: 'Austin, TX' },
    photos: [
      [30, 70, 170],
      [40, 40, 40],
    ],
    daysAgo: 12,
  },
  {
    key: 'velocity-civic-2023',
    seller: VELOCITY,
    kind: 'vehicle',
    status: 'published',
    title: '2023 Honda Civic, certified',
    description: 'Certified pre-owned, 7-year powertrain warranty.',
    priceMinor: 2_490_000,
    currency: 'USD',
    models: [['honda', 'civic']],
    vehicle: { year: 2023, mileageKm: 18_900, condition: 'certified_pre_owned', vin: '2HGFE2F59PH500123', colour: 'Sonic Gray', location: 'Austin, TX' },
    photos: [[120, 120, 130]],
    daysAgo: 8,
  },
  {
    key: 'velocity-oil-filter',
    seller: VELOCITY,
    kind: 'part',
    status: 'published',
    title: 'Genuine Yamaha oil filter',
    description: 'OEM filter for the MT-09 and its siblings.',
    priceMinor: 1_450,
    currency: 'USD',
    stock: 40,
    models: [['yamaha', 'mt-09']],
    part: { partNumber: '5GH-13440-80', condition: 'new' },
    photos: [[200, 200, 200]],
    daysAgo: 15,
  },
  {
    key: 'summit-s1000rr-2022',
    seller: SUMMIT,
    kind: 'vehicle',
    status: 'published',
    title: '2022 BMW S 1000 RR M package',
    description: 'Carbon wheels, M chassis kit, track-day ready.',
    priceMinor: 2_150_000,
    currency: 'USD',
    models: [['bmw', 's-1000-rr']],
    vehicle: { year: 2022, mileageKm: 5_200, condition: 'used', vin: 'WB10E6305N6F00123', colour: 'Light White / M Motorsport', location: 'Denver, CO' },
    photos: [
      [230, 230, 235],
      [20, 60, 160],
    ],
    reviews: [[5, 'Bike was exactly as described, smooth handover.']],
    daysAgo: 10,
  },
  {
    key: 'summit-3series-2020',
    seller: SUMMIT,
    kind: 'vehicle',
    status: 'published',
    title: '2020 BMW 330i sedan',
    description: 'One owner, heated seats, new brakes.',
    priceMinor: 2_790_000,
    currency: 'USD',
    models: [['bmw', '3-series']],
    vehicle: { year: 2020, mileageKm: 48_000, condition: 'used', vin: 'WBA5R1C05LF000123', colour: 'Mineral White', location: 'Denver, CO' },
    photos: [[225, 225, 220]],
    daysAgo: 5,
  },
  {
    key: 'pitlane-brake-pads',
    seller: PIT_LANE,
    kind: 'part',
    status: 'published',
    title: 'Brembo sintered brake pads (front)',
    description: 'Front pair, sintered, fits most naked and sport bikes.',
    priceMinor: 6_450,
    currency: 'USD',
    stock: 12,
    models: [
      ['yamaha', 'mt-09'],
      ['kawasaki', 'ninja-zx-10r'],
      ['bmw', 's-1000-rr'],
    ],
    part: { partNumber: '07BB37SA', condition: 'new' },
    photos: [[180, 30, 30]],
    reviews: [
      [5, 'Great bite, no fade on a track day.'],
      [4, 'Fitted in ten minutes.'],
      [4, 'Noisy for the first 50 km, then perfect.'],
    ],
    daysAgo: 25,
  },
  {
    key: 'pitlane-chain-kit',
    seller: PIT_LANE,
    kind: 'part',
    status: 'published',
    title: 'DID chain and sprocket kit, refurbished stock',
    description: 'X-ring chain with steel sprockets, checked and cleaned.',
    priceMinor: 9_900,
    currency: 'USD',
    stock: 3,
    models: [['yamaha', 'mt-09']],
    part: { partNumber: 'DID-525VX3', condition: 'refurbished' },
    photos: [[90, 90, 90]],
    daysAgo: 18,
  },
];

/** The moves from draft to a listing's demo state. */
function movesTo(status: ListingStatus): Array<'submit' | 'review' | 'verdict' | 'publish' | 'archive'> {
  switch (status) {
    case 'draft':
      return [];
    case 'submitted':
      return ['submit'];
    case 'in_review':
      return ['submit', 'review'];
    case 'approved':
    case 'rejected':
    case 'needs_human':
      return ['submit', 'review', 'verdict'];
    case 'published':
      return ['submit', 'review', 'verdict', 'publish'];
    case 'archived':
      return ['submit', 'review', 'verdict', 'publish', 'archive'];
  }
}

/**
 * The marketplace's demo data (after the organizations', order 10): the two
 * creator studios' tunes in every lifecycle state with their verdicts (source
 * and model `demo`, labelled in the reason: no model judged them), dealership
 * vehicles with photos, parts, reviews by the demo customers (recorded as
 * their purchases) and one running featured placement. Written through the
 * domain and the repositories; only `published` and `archived` moves are
 * announced as events (a `submitted` event would send the demo tune to the
 * real safety gate). Idempotent: listings have stable ids, and one that
 * exists is left as it is.
 */
@Injectable()
@DemoSeed({ order: 10 })
export class MarketplaceDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger('MarketplaceDemo');

  constructor(
    @Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(VEHICLE_TAXONOMY) private readonly taxonomy: VehicleTaxonomy,
    private readonly organizations: OrganizationsApi,
    private readonly catalog: CatalogApi,
    private readonly identity: IdentityApi,
  ) {}

  async seed(): Promise<{ listings: number; reviews: number }> {
    const ctx = systemContext(`demo-seed-${randomUUID()}`);
    const customers: string[] = [];
    for (const customer of DEMO_CUSTOMERS) {
      const account = await this.identity.findAccountByEmail(ctx, customer.email);
      if (account) customers.push(account.id);
    }
    let listings = 0;
    let reviews = 0;
    for (const demo of DEMO_LISTINGS) {
      const seller = await this.organizations.organizationBySlug(ctx, demo.seller);
      if (!seller) continue;
      const id = demoId(demo.key);
      if (await this.uow.repos.listings.findAny(id)) continue;
      const created = await this.create(ctx, demo, id, seller.id, customers);
      listings += 1;
      reviews += created.reviews;
    }
    if (listings > 0) this.logger.log({ msg: 'marketplace demo data seeded', listings, reviews });
    return { listings, reviews };
  }

  private async create(ctx: RequestContext, demo: DemoListing, id: string, orgId: string, customers: string[]): Promise<{ reviews: number }> {
    const modelIds: string[] = [];
    for (const [brand, model] of demo.models) {
      const found = await this.catalog.vehicleModel(ctx, catalogModelId(brand, model));
      if (found) modelIds.push(found.id);
    }
    if (modelIds.length === 0) modelIds.push(catalogModelId(...demo.models[0]));
    const photos: StoredFile[] = [];
    for (const [n, rgb] of (demo.photos ?? []).entries())
      photos.push(await this.store(`marketplace/${orgId}/${id}/photo-demo-${n + 1}`, demoPhoto(rgb), 'image/png', `photo-${n + 1}.png`));
    const details: ListingDetails =
      demo.kind === 'tune'
        ? {
            kind: 'tune',
            modelIds,
            ecuFamily: demo.tune!.ecuFamily,
            stage: demo.tune!.stage,
            declaredChanges: { ...CHANGES, ...demo.tune!.changes },
            file: await this.store(`marketplace/${orgId}/${id}/tune-demo`, demoTuneFile(demo.key), 'application/octet-stream', `${demo.key}.bin`),
          }
        : demo.kind === 'vehicle'
          ? { kind: 'vehicle', modelId: modelIds[0], ...demo.vehicle!, photos }
          : { kind: 'part', modelIds, ...demo.part!, photos };
    const start = Date.now() - demo.daysAgo * DAY;
    let step = 0;
    const at = () => new Date(start + (step += 1) * 3_600_000);
    const listing = Listing.create({
      id,
      orgId,
      kind: demo.kind,
      title: demo.title,
      description: demo.description,
      priceMinor: demo.priceMinor,
      currency: demo.currency,
      stock: demo.stock,
      details,
      now: new Date(start),
    });
    const verdicts: VerdictRecord[] = [];
    // Vehicles and parts pass the content check: recorded as a demo verdict too.
    const verdictOf = demo.verdict ?? (demo.kind === 'tune' ? undefined : CONTENT_PASS);
    for (const move of movesTo(demo.status)) {
      const now = at();
      if (move === 'submit') listing.submit(now);
      else if (move === 'review') listing.startReview(now);
      else if (move === 'publish') listing.publish(now);
      else if (move === 'archive') listing.archive(now, 'Replaced by a newer map');
      else {
        const v = verdictOf!;
        const reason = `${DEMO_LABEL}: ${v.rationale}`;
        listing.recordVerdict(v.verdict, reason, now);
        verdicts.push(this.verdict(listing, v, reason, now));
      }
    }
    return this.save(ctx, listing, listing.pullTransitions(), verdicts, demo, customers);
  }

  private async save(
    ctx: RequestContext,
    listing: Listing,
    moves: ReturnType<Listing['pullTransitions']>,
    verdicts: VerdictRecord[],
    demo: DemoListing,
    customers: string[],
  ): Promise<{ reviews: number }> {
    const taxonomy = await this.taxonomy.of(ctx, listingModelIds(listing.details));
    return this.uow.run(async (repos, events) => {
      await repos.listings.insert(listing);
      await repos.listings.setTaxonomy(listing.orgId, listing.id, taxonomy);
      await repos.listings.recordTransitions(listing, moves, null);
      for (const verdict of verdicts) await repos.verdicts.insert(verdict);
      for (const move of moves.filter((m) => m.to === 'published' || m.to === 'archived')) {
        const payload: ListingTransitionedPayload = { listingId: listing.id, orgId: listing.orgId, kind: listing.kind, from: move.from, to: move.to };
        events.publish(ctx, { type: transitionEventType(move.to), orgId: listing.orgId, payload });
      }
      let reviews = 0;
      for (const [n, [rating, body]] of (demo.reviews ?? []).entries()) {
        const buyer = customers[n];
        if (!buyer) break;
        const orderId = `demo-${demo.key}-${n + 1}`;
        await repos.purchases.record({
          orderId,
          listingId: listing.id,
          orgId: listing.orgId,
          buyerUserId: buyer,
          kind: listing.kind,
          quantity: 1,
          entitled: listing.kind === 'tune',
        });
        await repos.engagement.count(listing.orgId, listing.id, 'purchases');
        const created = new Date(Date.now() - Math.max(1, demo.daysAgo - 2 - n) * DAY);
        if (
          await repos.engagement.insertReview({
            id: demoId(`${demo.key}:review:${n}`),
            listingId: listing.id,
            orgId: listing.orgId,
            authorUserId: buyer,
            rating,
            body,
            sellerReply: null,
            repliedAt: null,
            hiddenAt: null,
            createdAt: created,
          })
        )
          reviews += 1;
      }
      if (listing.status === 'published') {
        await repos.engagement.count(listing.orgId, listing.id, 'views', 20 + (Math.floor(demo.priceMinor / 100) % 80));
        await repos.engagement.count(listing.orgId, listing.id, 'saves', 1 + (demo.daysAgo % 5));
      }
      if (demo.featuredRank !== undefined)
        await repos.engagement.feature({
          id: demoId(`${demo.key}:featured`),
          listingId: listing.id,
          orgId: listing.orgId,
          startsAt: new Date(Date.now() - DAY),
          endsAt: new Date(Date.now() + 30 * DAY),
          rank: demo.featuredRank,
          createdBy: null,
        });
      return { reviews };
    });
  }

  private verdict(listing: Listing, v: DemoVerdict, reason: string, at: Date): VerdictRecord {
    return {
      id: demoId(`${listing.id}:verdict:${v.verdict}`),
      listingId: listing.id,
      orgId: listing.orgId,
      source: 'demo',
      verdict: v.verdict,
      reason,
      legalNote: v.legalNote ?? null,
      findings: [],
      safetyScore: v.score,
      confidence: v.confidence,
      flags: v.flags,
      rationale: v.rationale,
      model: DEMO_VERDICT_MODEL,
      promptVersion: DEMO_VERDICT_MODEL,
      inputHash: null,
      latencyMs: null,
      promptTokens: null,
      completionTokens: null,
      aiStatus: 'demo',
      actorUserId: null,
      appealedAt: null,
      createdAt: at,
    };
  }

  private async store(key: string, bytes: Buffer, contentType: string, fileName: string): Promise<StoredFile> {
    await this.storage.put(key, bytes, { contentType, sizeBytes: bytes.length });
    return { key, sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.length, contentType, fileName };
  }
}
