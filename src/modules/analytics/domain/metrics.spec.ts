import { METRICS, mergeCounters } from './metrics';

describe('mergeCounters', () => {
  it('sums counters with the same day, metric, actor and currency, drops empty ones, sorts by day', () => {
    const merged = mergeCounters([
      { day: '2026-12-02', metric: METRICS.ordersPaid, actor: '', currency: 'EUR', count: 1, amount: 100 },
      { day: '2026-12-01', metric: METRICS.listingsCreated, actor: 'u1', currency: '', count: 2, amount: 0 },
      { day: '2026-12-02', metric: METRICS.ordersPaid, actor: '', currency: 'EUR', count: 2, amount: 50 },
      { day: '2026-12-02', metric: METRICS.ordersPaid, actor: '', currency: 'USD', count: 1, amount: 7 },
      { day: '2026-12-03', metric: METRICS.bookingsCreated, actor: '', currency: '', count: 0, amount: 0 },
    ]);
    expect(merged).toEqual([
      { day: '2026-12-01', metric: METRICS.listingsCreated, actor: 'u1', currency: '', count: 2, amount: 0 },
      { day: '2026-12-02', metric: METRICS.ordersPaid, actor: '', currency: 'EUR', count: 3, amount: 150 },
      { day: '2026-12-02', metric: METRICS.ordersPaid, actor: '', currency: 'USD', count: 1, amount: 7 },
    ]);
  });
});
