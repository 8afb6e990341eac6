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

  it('refunds are subtracted from revenue on the day they complete, per currency', () => {
    const report = buildReport({
      orgId: 'o',
      from: days[0],
      to: days[2],
      days,
      scope: 'organization',
      counters: [
        counter('2026-12-01', METRICS.ordersPaid, { currency: 'EUR', amount: 1000 }),
        counter('2026-12-03', METRICS.ordersRefunded, { currency: 'EUR', amount: 400 }),
        counter('2026-12-03', METRICS.ordersRefunded, { currency: 'USD', amount: 50 }),
        counter('2026-12-03', METRICS.ordersHandled, { actor: 'u1', count: 2 }),
      ],
      viewsByDay: new Map(),
      now: new Date(0),
    });
    expect(report.days[0].revenue).toEqual([{ currency: 'EUR', amountMinor: 1000 }]);
    expect(report.days[2]).toMatchObject({
      revenue: [
        { currency: 'EUR', amountMinor: -400 },
        { currency: 'USD', amountMinor: -50 },
      ],
      refunds: 2,
      ordersHandled: 2,
    });
    expect(report.totals).toMatchObject({
      orders: 1,
      refunds: 2,
      revenue: [
        { currency: 'EUR', amountMinor: 600 },
        { currency: 'USD', amountMinor: -50 },
      ],
      refunded: [
        { currency: 'EUR', amountMinor: 400 },
        { currency: 'USD', amountMinor: 50 },
      ],
    });
  });

  it('the own scope hides figures that belong to no one member', () => {
    const report = buildReport({ orgId: 'o', from: days[0], to: days[2], days, scope: 'own', counters: [], viewsByDay: new Map(), now: new Date(0) });
    expect(report.totals).toMatchObject({
      listingViews: null,
      orders: null,
      revenue: null,
      refunds: null,
      refunded: null,
      bookingsCreated: null,
      ordersHandled: 0,
      bookingsHandled: 0,
      trainingSessions: 0,
    });
  });
});
