import { itemSimilarities } from './item-similarity';
import { recommend, type CandidateListing } from './hybrid-recommender';

const listing = (id: string, orgId: string, title: string, kind = 'tune'): CandidateListing => ({
  listingId: id,
  orgId,
  kind,
  title,
  priceMinor: 1000,
  currency: 'EUR',
});
const candidates = [
  listing('l1', 'o1', 'MT-07 stage 1 power tune'),
  listing('l2', 'o1', 'MT-07 smooth throttle touring map'),
  listing('l3', 'o2', 'Akrapovic exhaust sound for Z900', 'part'),
  listing('l4', 'o2', 'Z900 track race map quickshifter'),
  listing('l5', 'o3', 'Economy fuel map for commuting'),
  listing('l6', 'o1', 'MT-07 economy commute map'),
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
      rider: { profileTerms: ['economy', 'commute', 'fuel'], vehicleNames: ['MT-07'] },
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
      rider: { profileTerms: [], vehicleNames: [] },
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
});
