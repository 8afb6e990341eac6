import { Inject, Injectable } from '@nestjs/common';
import type { IntegrationEvent } from '../../../../platform/kernel';
import { NotifyOutcome, NotifyUseCase } from './notify.use-case';
import type { BookingChanged, ListingPublished, ListingVerdictRecorded, MessageSent, OrderPaid, OrderStatusChanged, PayoutSent } from './event-payloads';
import { LIVE_PUSH, LivePush } from '../ports';

/**
 * Turns other contexts' events into notifications: who hears of what. Each
 * method is called by an @OnEvent handler with the event; the event id and the
 * handler name make the source key, so a re-delivered event tells no one twice.
 */
@Injectable()
export class EventNotifications {
  constructor(
    private readonly notify: NotifyUseCase,
    @Inject(LIVE_PUSH) private readonly live: LivePush,
  ) {}

  /** The organization's managers hear the verdict on their listing. */
  listingVerdict(event: IntegrationEvent<ListingVerdictRecorded>, handler: string): Promise<NotifyOutcome> {
    const p = event.payload;
    return this.notify.execute(event.ctx, {
      sourceKey: `${event.id}:${handler}`,
      orgId: p.orgId,
      draft: {
        type: 'marketplace.listing_verdict',
        groupKey: null,
        actorId: null,
        orgId: p.orgId,
        targetType: 'listing',
        targetId: p.listingId,
        data: { verdict: p.verdict, reason: p.reason ?? null },
      },
    });
  }

  listingPublished(event: IntegrationEvent<ListingPublished>, handler: string): Promise<NotifyOutcome> {
    const p = event.payload;
    return this.notify.execute(event.ctx, {
      sourceKey: `${event.id}:${handler}`,
      orgId: p.orgId,
      draft: {
        type: 'marketplace.listing_published',
        groupKey: null,
        actorId: null,
        orgId: p.orgId,
        targetType: 'listing',
        targetId: p.listingId,
        data: { kind: p.kind },
      },
    });
  }

  /** The buyer gets the confirmation; the seller's managers hear of the sale. */
  async orderPaid(event: IntegrationEvent<OrderPaid>, handler: string): Promise<NotifyOutcome[]> {
    const p = event.payload;
    const data = { order_id: p.orderId, items: p.lines.reduce((sum, line) => sum + line.quantity, 0) };
    return [
      await this.notify.execute(event.ctx, {
        sourceKey: `${event.id}:${handler}:buyer`,
        userIds: [p.buyerUserId],
        draft: { type: 'commerce.order_paid', groupKey: null, actorId: null, orgId: null, targetType: 'order', targetId: p.orderId, data },
      }),
      await this.notify.execute(event.ctx, {
        sourceKey: `${event.id}:${handler}:seller`,
        orgId: p.sellerOrgId,
        draft: {
          type: 'commerce.order_sold',
          groupKey: null,
          actorId: p.buyerUserId,
          orgId: p.sellerOrgId,
          targetType: 'order',
          targetId: p.orderId,
          data,
        },
      }),
    ];
  }

  /** The buyer hears of their order's progress, unless they made the change themselves. */
  orderStatusChanged(event: IntegrationEvent<OrderStatusChanged>, handler: string): Promise<NotifyOutcome> {
    const p = event.payload;
    return this.notify.execute(event.ctx, {
      sourceKey: `${event.id}:${handler}`,
      userIds: [p.buyerUserId],
      draft: {
        type: 'commerce.order_status',
        groupKey: null,
        actorId: event.ctx.userId ?? null,
        orgId: null,
        targetType: 'order',
        targetId: p.orderId,
        data: { from: p.from, to: p.to },
      },
    });
  }

  payoutSent(event: IntegrationEvent<PayoutSent>, handler: string): Promise<NotifyOutcome> {
    const p = event.payload;
    return this.notify.execute(event.ctx, {
      sourceKey: `${event.id}:${handler}`,
      orgId: p.orgId,
      draft: {
        type: 'commerce.payout_sent',
        groupKey: null,
        actorId: null,
        orgId: p.orgId,
        targetType: 'payout',
        targetId: p.payoutId,
        data: { amount_minor: p.amountMinor, currency: p.currency },
      },
    });
  }

  /** A new booking: the shop's staff hear of it; the customer too when the shop booked for them. */
  bookingCreated(event: IntegrationEvent<BookingChanged>, handler: string): Promise<NotifyOutcome> {
    const p = event.payload;
    return this.notify.execute(event.ctx, {
      sourceKey: `${event.id}:${handler}`,
      orgId: p.orgId,
      userIds: p.customerUserId ? [p.customerUserId] : [],
      draft: {
        type: 'bookings.booking_created',
        groupKey: null,
        actorId: event.ctx.userId ?? null,
        orgId: p.orgId,
        targetType: 'booking',
        targetId: p.bookingId,
        data: { to: p.to },
      },
    });
  }

  /** A status change made by the shop tells the customer; one made by the customer (a cancellation) tells the shop. */
  bookingStatusChanged(event: IntegrationEvent<BookingChanged>, handler: string): Promise<NotifyOutcome> {
    const p = event.payload;
    const byCustomer = p.customerUserId !== null && event.ctx.userId === p.customerUserId;
    return this.notify.execute(event.ctx, {
      sourceKey: `${event.id}:${handler}`,
      orgId: byCustomer ? p.orgId : null,
      userIds: !byCustomer && p.customerUserId ? [p.customerUserId] : [],
      draft: {
        type: 'bookings.booking_status',
        groupKey: null,
        actorId: event.ctx.userId ?? null,
        orgId: p.orgId,
        targetType: 'booking',
        targetId: p.bookingId,
        data: { from: p.from, to: p.to, reason: p.reason ?? null },
      },
    });
  }

  /** Recipients not connected right now hear of the message (connected ones got it live from messaging); one notification per conversation while unread. */
  async messageSent(event: IntegrationEvent<MessageSent>, handler: string): Promise<NotifyOutcome> {
    const p = event.payload;
    return this.notify.execute(event.ctx, {
      sourceKey: `${event.id}:${handler}`,
      userIds: p.recipientUserIds,
      allowed: async (userId) => !(await this.live.isOnline(event.ctx, userId)),
      draft: {
        type: 'messaging.message',
        groupKey: `conversation:${p.conversationId}`,
        actorId: p.senderUserId,
        orgId: null,
        targetType: 'conversation',
        targetId: p.conversationId,
        data: { conversation_id: p.conversationId, last_message_id: p.messageId },
      },
    });
  }
}
