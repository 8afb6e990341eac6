import { DomainError } from '../../../platform/kernel';
import { DeclaredChanges, Listing, ListingStatus, LISTING_STATUSES, canMove, maskVin, transitionEventType } from './listing';

const NO_CHANGES: DeclaredChanges = {
  revLimitRpm: 12_000,
  ignitionAdvanceDeg: 2,
  afrMin: 12.5,
  afrMax: 13.5,
  fuelMapChangePct: 5,
  speedLimiterRemoved: false,
  catalyticConverterDelete: false,
  o2SensorOff: false,
  egrOff: false,
  secondaryAirOff: false,
};
const FILE = { key: 'tunes/a.bin', sha256: 'a'.repeat(64), sizeBytes: 1024, contentType: 'application/octet-stream', fileName: 'a.bin' };
const now = new Date('2026-12-01T10:00:00Z');

function tune(withFile = true): Listing {
  return Listing.create({
    id: 'l1',
    orgId: 'o1',
    kind: 'tune',
    title: 'Stage 1 for the MT-09',
    description: 'Smooth throttle',
    priceMinor: 14_900,
    currency: 'USD',
    details: { kind: 'tune', modelIds: ['m1'], ecuFamily: 'Bosch ME17', stage: 'stage1', declaredChanges: NO_CHANGES, file: withFile ? FILE : null },
    now,
  });
}

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return (error as DomainError).code;
  }
  return undefined;
}

describe('Listing lifecycle', () => {
  it('starts as a draft and records its creation', () => {
    const listing = tune();
    expect(listing.status).toBe('draft');
    expect(listing.pullTransitions()).toEqual([{ from: null, to: 'draft', reason: null, at: now }]);
    expect(listing.snapshot().stock).toBeNull();
  });

  it('walks draft → submitted → in_review → approved → published → archived, one transition each', () => {
    const listing = tune();
    listing.pullTransitions();
    listing.submit(now);
    listing.startReview(now);
    listing.recordVerdict('approved', 'score 90', now);
    listing.publish(now);
    listing.archive(now);
    expect(listing.pullTransitions().map((t) => `${t.from}>${t.to}`)).toEqual([
      'draft>submitted',
      'submitted>in_review',
      'in_review>approved',
      'approved>published',
      'published>archived',
    ]);
    expect(listing.pullTransitions()).toEqual([]);
  });

  it('refuses every move the table does not allow', () => {
    for (const from of LISTING_STATUSES) {
      for (const to of LISTING_STATUSES) {
        const allowed = canMove(from, to);
        if (from === 'archived') expect(allowed).toBe(false);
        if (from === 'draft' && to === 'published') expect(allowed).toBe(false);
        if (from === 'submitted' && to === 'approved') expect(allowed).toBe(false);
        if (to === 'published') expect(allowed).toBe(from === 'approved');
      }
    }
    const listing = tune();
    expect(codeOf(() => listing.publish(now))).toBe('MARKETPLACE.INVALID_TRANSITION');
    expect(codeOf(() => listing.recordVerdict('approved', 'x', now))).toBe('MARKETPLACE.INVALID_TRANSITION');
  });

  it('a tune without its file cannot be submitted', () => {
    expect(codeOf(() => tune(false).submit(now))).toBe('MARKETPLACE.TUNE_FILE_MISSING');
  });

  function published(): Listing {
    const listing = tune();
    listing.submit(now);
    listing.startReview(now);
    listing.recordVerdict('approved', 'ok', now);
    listing.publish(now);
    listing.pullTransitions();
    return listing;
  }

  it('editing a published tune’s declared changes sends it back to review', () => {
    const listing = published();
    const { backToReview } = listing.update({ details: { declaredChanges: { ...NO_CHANGES, revLimitRpm: 13_000 } } }, now);
    expect(backToReview).toBe(true);
    expect(listing.status).toBe('submitted');
    expect(listing.pullTransitions().map((t) => t.to)).toEqual(['submitted']);
  });

  it('replacing a published tune’s file sends it back to review', () => {
    const listing = published();
    listing.update({ details: { file: { ...FILE, sha256: 'b'.repeat(64) } } }, now);
    expect(listing.status).toBe('submitted');
  });

  it('editing a published tune’s price or title keeps it published', () => {
    const listing = published();
    expect(listing.update({ priceMinor: 9_900, title: 'New title' }, now).backToReview).toBe(false);
    expect(listing.status).toBe('published');
    expect(listing.pullTransitions()).toEqual([]);
  });

  it('cannot be edited while in review, and a rejected listing goes back to draft when edited', () => {
    const listing = tune();
    listing.submit(now);
    expect(codeOf(() => listing.update({ title: 'x' }, now))).toBe('MARKETPLACE.NOT_EDITABLE');
    listing.startReview(now);
    listing.recordVerdict('rejected', 'unsafe', now);
    listing.update({ title: 'Safer' }, now);
    expect(listing.status).toBe<ListingStatus>('draft');
  });

  it('a rejected listing may be appealed to a human once it is rejected', () => {
    const listing = tune();
    listing.submit(now);
    listing.startReview(now);
    listing.recordVerdict('rejected', 'unsafe', now);
    listing.appeal('please look again', now);
    expect(listing.status).toBe('needs_human');
  });

  it('validates fields per kind and leaves the listing unchanged on failure', () => {
    const listing = tune();
    expect(codeOf(() => listing.update({ priceMinor: -1 }, now))).toBe('MARKETPLACE.VALIDATION_FAILED');
    expect(codeOf(() => listing.update({ currency: 'usd' }, now))).toBe('MARKETPLACE.VALIDATION_FAILED');
    expect(codeOf(() => listing.update({ stock: 3 }, now))).toBe('MARKETPLACE.VALIDATION_FAILED');
    expect(listing.snapshot().priceMinor).toBe(14_900);
    expect(() =>
      Listing.create({
        id: 'v',
        orgId: 'o',
        kind: 'vehicle',
        title: 'Car',
        description: '',
        priceMinor: 1,
        currency: 'EUR',
        details: { kind: 'vehicle', modelId: 'm', year: 1700, mileageKm: 0, condition: 'used', vin: 'OOPS', colour: null, location: null, photos: [] },
        now,
      }),
    ).toThrow(DomainError);
  });

  it('a vehicle is one unit, a part counts its stock', () => {
    const vehicle = Listing.create({
      id: 'v',
      orgId: 'o',
      kind: 'vehicle',
      title: 'Car',
      description: '',
      priceMinor: 1,
      currency: 'EUR',
      stock: 7,
      details: {
        kind: 'vehicle',
        modelId: 'm',
        year: 2020,
        mileageKm: 0,
        condition: 'used',
        vin: '1HGCM82633A004352',
        colour: null,
        location: null,
        photos: [],
      },
      now,
    });
    expect(vehicle.snapshot().stock).toBe(1);
    const part = Listing.create({
      id: 'p',
      orgId: 'o',
      kind: 'part',
      title: 'Brake pads',
      description: '',
      priceMinor: 1,
      currency: 'EUR',
      stock: 7,
      details: { kind: 'part', modelIds: [], partNumber: 'BP-1', condition: 'new', photos: [] },
      now,
    });
    expect(part.snapshot().stock).toBe(7);
  });

  it('masks a VIN and names an event per arrival status', () => {
    expect(maskVin('1HGCM82633A004352')).toBe('*************4352');
    expect(transitionEventType('needs_human')).toBe('marketplace.listing.verdict-recorded');
    expect(transitionEventType('published')).toBe('marketplace.listing.published');
  });
});
