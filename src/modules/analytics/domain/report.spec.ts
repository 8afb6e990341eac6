import { METRICS } from './metrics';
import type { DailyCounter } from './metrics';
import { buildReport } from './report';

const counter = (day: string, metric: DailyCounter['metric'], over: Partial<DailyCounter> = {}): DailyCounter => ({
  day,
  metric,
  actor: '',
  currency: '',
  count: 1,
  amount: 0,
  ...over,
});

describe('buildReport', () => {
  const counters = [
    counter('2026-12-01', METRICS.listingsCreated, { actor: 'u1', count: 2 }),
    counter('2026-12-01', METRICS.ordersPaid, { currency: 'EUR', amount: 1000 }),
    counter('2026-12-02', METRICS.ordersPaid, { currency: 'EUR', amount: 500, count: 2 }),
    counter('2026-12-02', METRICS.ordersPaid, { currency: 'USD', amount: 70 }),
    counter('2026-12-02', METRICS.trainingSessions, { actor: 'u1', count: 2, amount: 150 }),
    counter('2026-12-02', METRICS.trainingSessions, { actor: 'u2', count: 1, amount: 90 }),
  ];
  const days = ['2026-12-01', '2026-12-02', '2026-12-03'];

  it('sums per day and in all, revenue per currency, training averages overall and per member', () => {
    const report = buildReport({
      orgId: 'o',
      from: days[0],
      to: days[2],
      days,
      scope: 'organization',
      counters,
      viewsByDay: new Map([['2026-12-02', 7]]),
      now: new Date(0),
    });
    expect(report.days.map((d) => d.day)).toEqual(days);
    expect(report.days[2]).toMatchObject({ listingsCreated: 0, orders: 0, revenue: [], listingViews: 0, trainingAverageScore: null });
    expect(report.totals).toMatchObject({
      listingsCreated: 2,
      orders: 4,
      revenue: [
        { currency: 'EUR', amountMinor: 1500 },
        { currency: 'USD', amountMinor: 70 },
      ],
      listingViews: 7,
      trainingSessions: 3,
      trainingAverageScore: 80,
    });
    expect(report.trainingByUser).toEqual([
      { userId: 'u1', sessions: 2, averageScore: 75 },
      { userId: 'u2', sessions: 1, averageScore: 90 },
    ]);
  });

  it('the own scope hides figures that belong to no one member', () => {
    const report = buildReport({ orgId: 'o', from: days[0], to: days[2], days, scope: 'own', counters: [], viewsByDay: new Map(), now: new Date(0) });
    expect(report.totals).toMatchObject({ listingViews: null, orders: null, revenue: null, bookingsCreated: null, trainingSessions: 0 });
  });
});
