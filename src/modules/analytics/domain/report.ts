import { DailyCounter, METRICS } from './metrics';

/** organization: every figure, all members; own: what is attributed to the caller (listings, their outcomes, orders and bookings handled, training). */
export type AnalyticsScope = 'organization' | 'own';

export interface Figures {
  listingsCreated: number;
  listingsApproved: number;
  listingsRejected: number;
  listingsNeedsHuman: number;
  /** Organization-wide only (null in the own scope): views are not attributed to a member. */
  listingViews: number | null;
  orders: number | null;
  /** Paid orders' totals less completed refunds, per currency (refunds count on the day they complete). */
  revenue: Array<{ currency: string; amountMinor: number }> | null;
  refunds: number | null;
  refunded: Array<{ currency: string; amountMinor: number }> | null;
  /** Seller-side order steps (confirm, ship, deliver) made by the member(s) in scope. */
  ordersHandled: number;
  bookingsCreated: number | null;
  bookingsCompleted: number | null;
  bookingsCancelled: number | null;
  /** Bookings made or moved by the member(s) in scope (staff portal). */
  bookingsHandled: number;
  trainingSessions: number;
  /** Mean session score (0 to 100), null without sessions. */
  trainingAverageScore: number | null;
}

export interface DayFigures extends Figures {
  day: string;
}

export interface TraineeFigures {
  userId: string;
  sessions: number;
  averageScore: number | null;
}

export interface AnalyticsReport {
  orgId: string;
  from: string;
  to: string;
  scope: AnalyticsScope;
  days: DayFigures[];
  totals: Figures;
  trainingByUser: TraineeFigures[];
  generatedAt: string;
}

const average = (sum: number, count: number): number | null => (count > 0 ? Math.round((sum / count) * 10) / 10 : null);

function figures(counters: DailyCounter[], views: number, scope: AnalyticsScope): Figures {
  const count = (metric: string) => counters.filter((c) => c.metric === metric).reduce((sum, c) => sum + c.count, 0);
  const training = counters.filter((c) => c.metric === METRICS.trainingSessions);
  const trainingCount = training.reduce((sum, c) => sum + c.count, 0);
  const revenue = new Map<string, number>();
  const refunded = new Map<string, number>();
  for (const c of counters) {
    if (!c.currency) continue;
    if (c.metric === METRICS.ordersPaid) revenue.set(c.currency, (revenue.get(c.currency) ?? 0) + c.amount);
    if (c.metric === METRICS.ordersRefunded) {
      refunded.set(c.currency, (refunded.get(c.currency) ?? 0) + c.amount);
      revenue.set(c.currency, (revenue.get(c.currency) ?? 0) - c.amount);
    }
  }
  const perCurrency = (amounts: Map<string, number>) =>
    [...amounts].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor }));
  const organization = scope === 'organization';
  return {
    listingsCreated: count(METRICS.listingsCreated),
    listingsApproved: count(METRICS.listingsApproved),
    listingsRejected: count(METRICS.listingsRejected),
    listingsNeedsHuman: count(METRICS.listingsNeedsHuman),
    listingViews: organization ? views : null,
    orders: organization ? count(METRICS.ordersPaid) : null,
    revenue: organization ? perCurrency(revenue) : null,
    refunds: organization ? count(METRICS.ordersRefunded) : null,
    refunded: organization ? perCurrency(refunded) : null,
    ordersHandled: count(METRICS.ordersHandled),
    bookingsCreated: organization ? count(METRICS.bookingsCreated) : null,
    bookingsCompleted: organization ? count(METRICS.bookingsCompleted) : null,
    bookingsCancelled: organization ? count(METRICS.bookingsCancelled) : null,
    bookingsHandled: count(METRICS.bookingsHandled),
    trainingSessions: trainingCount,
    trainingAverageScore: average(
      training.reduce((sum, c) => sum + c.amount, 0),
      trainingCount,
    ),
  };
}

/**
 * Builds the report from the stored counters (already limited to the caller's
 * own when the scope is `own`) and the views per day, with a row for every day
 * of the range, empty days included.
 */
export function buildReport(input: {
  orgId: string;
  from: string;
  to: string;
  days: string[];
  scope: AnalyticsScope;
  counters: DailyCounter[];
  viewsByDay: Map<string, number>;
  now: Date;
}): AnalyticsReport {
  const byDay = new Map<string, DailyCounter[]>();
  for (const counter of input.counters) byDay.set(counter.day, [...(byDay.get(counter.day) ?? []), counter]);
  const totalViews = [...input.viewsByDay.values()].reduce((a, b) => a + b, 0);
  const trainees = new Map<string, { sessions: number; sum: number }>();
  for (const c of input.counters) {
    if (c.metric !== METRICS.trainingSessions || !c.actor) continue;
    const t = trainees.get(c.actor) ?? { sessions: 0, sum: 0 };
    trainees.set(c.actor, { sessions: t.sessions + c.count, sum: t.sum + c.amount });
  }
  return {
    orgId: input.orgId,
    from: input.from,
    to: input.to,
    scope: input.scope,
    days: input.days.map((day) => ({ day, ...figures(byDay.get(day) ?? [], input.viewsByDay.get(day) ?? 0, input.scope) })),
    totals: figures(input.counters, totalViews, input.scope),
    trainingByUser: [...trainees]
      .map(([userId, t]) => ({ userId, sessions: t.sessions, averageScore: average(t.sum, t.sessions) }))
      .sort((a, b) => b.sessions - a.sessions || a.userId.localeCompare(b.userId)),
    generatedAt: input.now.toISOString(),
  };
}
