/** The counters the analytics context keeps per organization and UTC day. */
export const METRICS = {
  listingsCreated: 'listings.created',
  listingsApproved: 'listings.approved',
  listingsRejected: 'listings.rejected',
  listingsNeedsHuman: 'listings.needs_human',
  ordersPaid: 'orders.paid',
  bookingsCreated: 'bookings.created',
  bookingsCompleted: 'bookings.completed',
  bookingsCancelled: 'bookings.cancelled',
  trainingSessions: 'training.sessions',
} as const;

export type Metric = (typeof METRICS)[keyof typeof METRICS];

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
