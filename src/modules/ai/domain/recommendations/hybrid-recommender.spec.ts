import { itemSimilarities } from './item-similarity';
import { l2normalize } from './dense-vectors';
import { denseTaste, fitsRider, recommend, type CandidateListing } from './hybrid-recommender';

const listing = (id: string, orgId: string, title: string, kind = 'tune', modelIds: string[] = []): CandidateListing => ({
  listingId: id,
  orgId,
  kind,
  title,
  modelIds,
  priceMinor: 1000,
  currency: 'EUR',
});
const candidates = [
  listing('l1', 'o1', 'MT-07 stage 1 power tune', 'tune', ['mt07']),
  listing('l2', 'o1', 'MT-07 smooth throttle touring map', 'tune', ['mt07']),
  listing('l3', 'o2', 'Akrapovic exhaust sound for Z900', 'part', ['z900']),
  listing('l4', 'o2', 'Z900 track race map quickshifter', 'tune', ['z900']),
  listing('l5', 'o3', 'Economy fuel map for commuting'),
  listing('l6', 'o1', 'MT-07 economy commute map', 'tune', ['mt07']),
];

describe('item-to-item similarity', () => {
  it('relates listings liked by the same riders', () => {
    const sims = itemSimilarities(
      new Map([
        [
          'u1',
          new Map([
            ['l1', 5],
            ['l4', 5],
          ]),
        ],
        [
          'u2',
          new Map([
            ['l1', 4],
            ['l4', 4],
            ['l3', -4],
          ]),
        ],
        ['u3', new Map([['l2', 1]])],
      ]),
      10,
    );
    expect(sims).toEqual(expect.arrayContaining([expect.objectContaining({ listingId: 'l1', similarListingId: 'l4', coUsers: 2 })]));
    expect(sims.some((s) => s.listingId === 'l3' || s.similarListingId === 'l3')).toBe(false);
  });
});

describe('hybrid recommender', () => {
  it('cold start: profile words and vehicle fit, with readable reasons', () => {
    const recs = recommend({
      candidates,
      signals: [],
      rider: { profileTerms: ['economy', 'commute', 'fuel'], vehicles: [{ id: 'mt07', name: 'MT-07' }] },
      similar: new Map(),
      popularity: new Map(),
      limit: 3,
      perSellerCap: 5,
    });
    expect(recs[0].listing.listingId).toBe('l6');
    expect(recs.find((r) => r.listing.listingId === 'l1')?.reason).toBe('Fits your MT-07');
  });

  it('never recommends what the rider bought or already likes, uses co-likes, and caps one seller', () => {
    const recs = recommend({
      candidates,
      signals: [
        { listingId: 'l1', type: 'purchase', events: 1, ratingSum: 0 },
        { listingId: 'l3', type: 'view', events: 1, ratingSum: 0 },
      ],
      rider: { profileTerms: [], vehicles: [] },
      similar: new Map([['l1', [{ listingId: 'l4', score: 0.9 }]]]),
      popularity: new Map([['l2', 10]]),
      limit: 4,
      perSellerCap: 1,
    });
    const ids = recs.map((r) => r.listing.listingId);
    expect(ids).not.toContain('l1');
    expect(ids).not.toContain('l3');
    expect(ids[0]).toBe('l4');
    expect(recs[0].reason).toBe('Riders who liked “MT-07 stage 1 power tune” also liked this');
    expect(new Set(recs.slice(0, 3).map((r) => r.listing.orgId)).size).toBe(3);
  });

  it('vehicle compatibility is a filter: listings for other models never appear, listings for any model do', () => {
    const recs = recommend({
      candidates,
      signals: [],
      rider: { profileTerms: ['track', 'race', 'power'], vehicles: [{ id: 'mt07', name: 'MT-07' }] },
      // Even a strong collaborative and popularity signal does not bring a Z900 listing to an MT-07 rider.
      similar: new Map(),
      popularity: new Map([
        ['l4', 100],
        ['l3', 100],
      ]),
      limit: 10,
      perSellerCap: 10,
    });
    const ids = recs.map((r) => r.listing.listingId);
    expect(ids).not.toContain('l3');
    expect(ids).not.toContain('l4');
    expect(ids).toEqual(expect.arrayContaining(['l1', 'l2', 'l6']));
    expect(fitsRider({ modelIds: [] }, new Set(['mt07']))).toBe(true);
    expect(fitsRider({ modelIds: ['z900'] }, new Set())).toBe(true);
    expect(fitsRider({ modelIds: ['z900', 'mt07'] }, new Set(['mt07']))).toBe(true);
    expect(fitsRider({ modelIds: ['z900'] }, new Set(['mt07']))).toBe(false);
  });

  it('with embeddings, content similarity is the cosine to the centroid of liked listings and the profile', () => {
    const v = (...xs: number[]) => l2normalize(xs);
    const vectors = new Map([
      ['l1', v(1, 0, 0)],
      ['l2', v(0, 1, 0)],
      ['l5', v(0.1, 0.9, 0)],
      ['l6', v(0.9, 0.1, 0)],
    ]);
    const signals = [{ listingId: 'l2', type: 'save' as const, events: 1, ratingSum: 0 }];
    // The TF-IDF words point to l6 (economy commute); the embeddings say the rider's taste is l2's neighbourhood (l5).
    expect(denseTaste(signals, { profile: null, vectors })).not.toBeNull();
    expect(denseTaste([], { profile: null, vectors })).toBeNull();
    const recs = recommend({
      candidates,
      signals,
      rider: { profileTerms: ['economy', 'commute'], vehicles: [] },
      similar: new Map(),
      popularity: new Map(),
      limit: 3,
      perSellerCap: 5,
      dense: { profile: null, vectors },
    });
    expect(recs[0].listing.listingId).toBe('l5');
    expect(recs[0].sources[0]).toBe('content');
  });
});
