import { buildDataset, DEFAULT_EVAL_OPTIONS, evaluate } from './evaluation';

/** The measured-quality promise of issue 19: on the structured synthetic set, the hybrid beats popularity (and each part alone). */
describe('recommendation evaluation (synthetic, seeded)', () => {
  it('builds the same data set for the same seed, and holds out a listing the rider has not met in training', () => {
    const a = buildDataset({ seed: 7, listings: 120, riders: 80, sellers: 10 });
    const b = buildDataset({ seed: 7, listings: 120, riders: 80, sellers: 10 });
    expect(a).toEqual(b);
    for (const rider of a.riders) expect(rider.train.map((s) => s.listingId)).not.toContain(rider.heldOut);
  });

  it.each([42, 1234])('seed %i: the hybrid beats popularity on hit-rate@10 and NDCG@10, the rules alone, and each of its parts alone', (seed) => {
    const scores = Object.fromEntries(evaluate(buildDataset({ ...DEFAULT_EVAL_OPTIONS, seed })).map((s) => [s.method, s]));
    expect(scores.hybrid.hitRate).toBeGreaterThan(scores.popularity.hitRate);
    expect(scores.hybrid.ndcg).toBeGreaterThan(scores.popularity.ndcg);
    expect(scores.hybrid.hitRate).toBeGreaterThan(scores['vehicle fit + popularity'].hitRate);
    expect(scores.hybrid.ndcg).toBeGreaterThan(scores['vehicle fit + popularity'].ndcg);
    expect(scores.hybrid.ndcg).toBeGreaterThan(scores['content only'].ndcg);
    expect(scores.hybrid.ndcg).toBeGreaterThan(scores['collaborative only'].ndcg);
  });
});
