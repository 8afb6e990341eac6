import { Injectable } from '@nestjs/common';
import { OnEvent } from '../../../../platform/events';
import type { IntegrationEvent, RequestContext } from '../../../../platform/kernel';
import { TRAINING_SESSION_FINISHED, TrainingSessionFinishedPayload } from '../../../ai';
import { BOOKING_CREATED, BOOKING_STATUS_CHANGED, BookingStatusChangedPayload } from '../../../bookings';
import { COMMERCE_EVENTS, OrderPaidPayload, OrderRefundedPayload, OrderStatusChangedPayload } from '../../../commerce';
import { LISTING_DRAFTED, LISTING_VERDICT_RECORDED, ListingTransitionedPayload, ListingVerdictRecordedPayload } from '../../../marketplace';
import { organizationRoleOf } from '../../../organizations';
import { Activity, RecordActivityUseCase } from '../../application/record-activity.use-case';

/** Seller-side order steps a member makes. */
const HANDLED_ORDER_STEPS = new Set(['confirmed', 'shipped', 'delivered']);

/** The member of `orgId` who acted (signed in, through the organization), or null: a customer, a guest, an API key, the system. */
function memberActing(ctx: RequestContext, orgId: string, customerUserId: string | null): string | null {
  if (!ctx.userId || ctx.apiKeyId || ctx.orgId !== orgId || !organizationRoleOf(ctx.roles)) return null;
  return ctx.userId === customerUserId ? null : ctx.userId;
}

/** Thin subscribers: each turns another context's event into an activity and records it (once per event). */
@Injectable()
export class AnalyticsEventHandlers {
  constructor(private readonly record: RecordActivityUseCase) {}

  private apply(event: IntegrationEvent<unknown>, handler: string, orgId: string, activity: Activity): Promise<void> {
    return this.record.execute(event.ctx, { eventId: event.id, handler, orgId, occurredAt: event.occurredAt, activity });
  }

  @OnEvent(LISTING_DRAFTED, { name: 'analytics.listing-created' })
  async listingCreated(event: IntegrationEvent<ListingTransitionedPayload>): Promise<void> {
    if (event.payload.from !== null) return;
    await this.apply(event, 'analytics.listing-created', event.payload.orgId, {
      kind: 'listing_created',
      listingId: event.payload.listingId,
      userId: event.ctx.userId ?? null,
    });
  }

  @OnEvent(LISTING_VERDICT_RECORDED, { name: 'analytics.listing-verdict' })
  async listingVerdict(event: IntegrationEvent<ListingVerdictRecordedPayload>): Promise<void> {
    await this.apply(event, 'analytics.listing-verdict', event.payload.orgId, {
      kind: 'listing_verdict',
      listingId: event.payload.listingId,
      verdict: event.payload.verdict,
    });
  }

  @OnEvent(COMMERCE_EVENTS.orderPaid, { name: 'analytics.order-paid' })
  async orderPaid(event: IntegrationEvent<OrderPaidPayload>): Promise<void> {
    await this.apply(event, 'analytics.order-paid', event.payload.sellerOrgId, {
      kind: 'order_paid',
      totalMinor: event.payload.totalMinor ?? null,
      currency: event.payload.currency ?? null,
    });
  }

  @OnEvent(COMMERCE_EVENTS.orderRefunded, { name: 'analytics.order-refunded' })
  async orderRefunded(event: IntegrationEvent<OrderRefundedPayload>): Promise<void> {
    const { amountMinor, currency } = event.payload;
    await this.apply(event, 'analytics.order-refunded', event.payload.sellerOrgId, {
      kind: 'order_refunded',
      amountMinor: typeof amountMinor === 'number' ? amountMinor : null,
      currency: currency ?? null,
    });
  }

  @OnEvent(COMMERCE_EVENTS.orderStatusChanged, { name: 'analytics.order-handled' })
  async orderHandled(event: IntegrationEvent<OrderStatusChangedPayload>): Promise<void> {
    const { sellerOrgId, buyerUserId, to } = event.payload;
    const member = memberActing(event.ctx, sellerOrgId, buyerUserId);
    if (!member || !HANDLED_ORDER_STEPS.has(to)) return;
    await this.apply(event, 'analytics.order-handled', sellerOrgId, { kind: 'order_handled', userId: member });
  }

  @OnEvent([BOOKING_CREATED, BOOKING_STATUS_CHANGED], { name: 'analytics.booking' })
  async booking(event: IntegrationEvent<BookingStatusChangedPayload>): Promise<void> {
    await this.apply(event, 'analytics.booking', event.payload.orgId, {
      kind: 'booking',
      status: event.payload.to,
      created: event.type === BOOKING_CREATED,
      handledBy: memberActing(event.ctx, event.payload.orgId, event.payload.customerUserId),
    });
  }

  @OnEvent(TRAINING_SESSION_FINISHED, { name: 'analytics.training-finished' })
  async trainingFinished(event: IntegrationEvent<TrainingSessionFinishedPayload>): Promise<void> {
    await this.apply(event, 'analytics.training-finished', event.payload.orgId, {
      kind: 'training_finished',
      userId: event.payload.traineeUserId,
      score: event.payload.scoreTotal,
    });
  }
}
