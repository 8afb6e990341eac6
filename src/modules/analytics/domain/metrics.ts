/** The counters the analytics context keeps per organization and UTC day. */
export const METRICS = {
  listingsCreated: 'listings.created',
  listingsApproved: 'listings.approved',
  listingsRejected: 'listings.rejected',
  listingsNeedsHuman: 'listings.needs_human',
  ordersPaid: 'orders.paid',
  /** Completed refunds (count, and the amount given back per currency), on the day of the refund. */
  ordersRefunded: 'orders.refunded',
  /** Seller-side order steps (confirm, ship, deliver) a member made: attributed to that member. */
  ordersHandled: 'orders.handled',
  bookingsCreated: 'bookings.created',
  bookingsCompleted: 'bookings.completed',
  bookingsCancelled: 'bookings.cancelled',
  /** Bookings made or moved (confirmed, started, completed, cancelled) by a member of the shop: attributed to that member. */
  bookingsHandled: 'bookings.handled',
  trainingSessions: 'training.sessions',
} as const;

export type Metric = (typeof METRICS)[keyof typeof METRICS];

/**
 * The metrics a backfill recomputes from the owning contexts' facades. The
 * others (who handled an order or a booking) exist only in events: a backfill
 * keeps them as they are.
 */
export const BACKFILLED_METRICS: readonly Metric[] = [
  METRICS.listingsCreated,
  METRICS.listingsApproved,
  METRICS.listingsRejected,
  METRICS.listingsNeedsHuman,
  METRICS.ordersPaid,
  METRICS.ordersRefunded,
  METRICS.bookingsCreated,
  METRICS.bookingsCompleted,
  METRICS.bookingsCancelled,
  METRICS.trainingSessions,
];

/** One change to a counter: `count` events, `amount` summed (money in minor units, or score points). */
export interface Increment {
  metric: Metric;
  /** The member it is attributed to ('' when none). */
  actor: string;
  /** ISO currency for money ('' otherwise). */
  currency: string;
  count: number;
  amount: number;
}

/** A stored counter of one day. */
export interface DailyCounter extends Increment {
  day: string;
}

/** Sums counters that share a day, metric, actor and currency into one (each key once, as the table stores them). */
export function mergeCounters(counters: DailyCounter[]): DailyCounter[] {
  const merged = new Map<string, DailyCounter>();
  for (const c of counters) {
    if (c.count === 0 && c.amount === 0) continue;
    const key = `${c.day}|${c.metric}|${c.actor}|${c.currency}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, count: seen.count + c.count, amount: seen.amount + c.amount } : { ...c });
  }
  return [...merged.values()].sort((a, b) => `${a.day}|${a.metric}|${a.actor}|${a.currency}`.localeCompare(`${b.day}|${b.metric}|${b.actor}|${b.currency}`));
}
