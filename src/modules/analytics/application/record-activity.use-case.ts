import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../platform/kernel';
import { BACKFILLED_METRICS, Increment, METRICS, Metric, utcDay } from '../domain';
import { ANALYTICS_UNIT_OF_WORK, AnalyticsUnitOfWork } from './ports';

/** What one integration event contributes, as the event handlers read it. */
export type Activity =
  | { kind: 'listing_created'; listingId: string; userId: string | null }
  | { kind: 'listing_verdict'; listingId: string; verdict: 'approved' | 'rejected' | 'needs_human' }
  | { kind: 'order_paid'; totalMinor: number | null; currency: string | null }
  /** amountMinor and currency are null in events stored before the payload carried them. */
  | { kind: 'order_refunded'; amountMinor: number | null; currency: string | null }
  /** A seller-side step (confirm, ship, deliver) made by a member. */
  | { kind: 'order_handled'; userId: string }
  /** handledBy: the shop's member who made or moved the booking (null: the customer, a guest or an integration). */
  | { kind: 'booking'; status: string; created: boolean; handledBy: string | null }
  | { kind: 'training_finished'; userId: string; score: number };

const VERDICT_METRIC: Record<'approved' | 'rejected' | 'needs_human', Metric> = {
  approved: METRICS.listingsApproved,
  rejected: METRICS.listingsRejected,
  needs_human: METRICS.listingsNeedsHuman,
};

const one = (metric: Metric, actor = '', extra: Partial<Increment> = {}): Increment => ({ metric, actor, currency: '', count: 1, amount: 0, ...extra });

/**
 * Rolls one event up into the day's counters, once per event and handler
 * (a redelivered event changes nothing). Review outcomes are attributed to
 * the member who created the listing. After a backfill of the organization,
 * an event older than the backfill adds nothing to the metrics it recomputed
 * (it is in them already).
 */
@Injectable()
export class RecordActivityUseCase {
  constructor(@Inject(ANALYTICS_UNIT_OF_WORK) private readonly uow: AnalyticsUnitOfWork) {}

  async execute(_ctx: RequestContext, input: { eventId: string; handler: string; orgId: string; occurredAt: string; activity: Activity }): Promise<void> {
    const { activity, orgId } = input;
    const day = utcDay(input.occurredAt);
    await this.uow.run(async (repos) => {
      await repos.analytics.lockOrganization(orgId, false);
      const increments: Increment[] = [];
      switch (activity.kind) {
        case 'listing_created':
          await repos.analytics.rememberListingAuthor(orgId, activity.listingId, activity.userId);
          increments.push(one(METRICS.listingsCreated, activity.userId ?? ''));
          break;
        case 'listing_verdict':
          increments.push(one(VERDICT_METRIC[activity.verdict], (await repos.analytics.listingAuthor(orgId, activity.listingId)) ?? ''));
          break;
        case 'order_refunded':
          increments.push(
            activity.currency && activity.amountMinor !== null
              ? one(METRICS.ordersRefunded, '', { currency: activity.currency, amount: activity.amountMinor })
              : one(METRICS.ordersRefunded),
          );
          break;
        case 'order_handled':
          increments.push(one(METRICS.ordersHandled, activity.userId));
          break;
        case 'order_paid':
          increments.push(
            activity.currency && activity.totalMinor !== null
              ? one(METRICS.ordersPaid, '', { currency: activity.currency, amount: activity.totalMinor })
              : one(METRICS.ordersPaid),
          );
          break;
        case 'booking':
          if (activity.created) increments.push(one(METRICS.bookingsCreated));
          else if (activity.status === 'completed') increments.push(one(METRICS.bookingsCompleted));
          else if (activity.status === 'cancelled') increments.push(one(METRICS.bookingsCancelled));
          if (activity.handledBy) increments.push(one(METRICS.bookingsHandled, activity.handledBy));
          break;
        case 'training_finished':
          increments.push(one(METRICS.trainingSessions, activity.userId, { amount: activity.score }));
          break;
      }
      const backfilledUntil = await repos.analytics.backfilledUntil(orgId);
      const counted =
        backfilledUntil && Date.parse(input.occurredAt) < backfilledUntil.getTime()
          ? increments.filter((inc) => !BACKFILLED_METRICS.includes(inc.metric))
          : increments;
      if (counted.length > 0) await repos.analytics.apply(input.eventId, input.handler, orgId, day, counted);
    });
  }
}
