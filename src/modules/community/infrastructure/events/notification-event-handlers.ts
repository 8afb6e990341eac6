import { Injectable } from '@nestjs/common';
import { OnEvent } from '../../../../platform/events';
import type { IntegrationEvent } from '../../../../platform/kernel';
import { EventNotifications } from '../../application/notifications/event-notifications';
import type {
  BookingChanged,
  ListingPublished,
  ListingVerdictRecorded,
  MessageSent,
  OrderPaid,
  OrderStatusChanged,
  PayoutSent,
} from '../../application/notifications/event-payloads';

/** Handler names: stable, part of each delivery's job id (renaming one re-delivers nothing). */
export const NOTIFICATION_HANDLERS = {
  listingVerdict: 'community.notify-listing-verdict',
  listingPublished: 'community.notify-listing-published',
  orderPaid: 'community.notify-order-paid',
  orderStatus: 'community.notify-order-status',
  payoutSent: 'community.notify-payout-sent',
  bookingCreated: 'community.notify-booking-created',
  bookingStatus: 'community.notify-booking-status',
  messageSent: 'community.notify-message-offline',
} as const;

const H = NOTIFICATION_HANDLERS;

/** The other contexts' events people care about, each turned into notifications by a use case (see EventNotifications). */
@Injectable()
export class NotificationEventHandlers {
  constructor(private readonly notifications: EventNotifications) {}

  @OnEvent('marketplace.listing.verdict-recorded', { name: H.listingVerdict })
  async listingVerdict(event: IntegrationEvent<ListingVerdictRecorded>): Promise<void> {
    await this.notifications.listingVerdict(event, H.listingVerdict);
  }

  @OnEvent('marketplace.listing.published', { name: H.listingPublished })
  async listingPublished(event: IntegrationEvent<ListingPublished>): Promise<void> {
    await this.notifications.listingPublished(event, H.listingPublished);
  }

  @OnEvent('commerce.order.paid', { name: H.orderPaid })
  async orderPaid(event: IntegrationEvent<OrderPaid>): Promise<void> {
    await this.notifications.orderPaid(event, H.orderPaid);
  }

  @OnEvent('commerce.order.status-changed', { name: H.orderStatus })
  async orderStatus(event: IntegrationEvent<OrderStatusChanged>): Promise<void> {
    await this.notifications.orderStatusChanged(event, H.orderStatus);
  }

  @OnEvent('commerce.payout.sent', { name: H.payoutSent })
  async payoutSent(event: IntegrationEvent<PayoutSent>): Promise<void> {
    await this.notifications.payoutSent(event, H.payoutSent);
  }

  @OnEvent('bookings.booking.created', { name: H.bookingCreated })
  async bookingCreated(event: IntegrationEvent<BookingChanged>): Promise<void> {
    await this.notifications.bookingCreated(event, H.bookingCreated);
  }

  @OnEvent('bookings.booking.status-changed', { name: H.bookingStatus })
  async bookingStatus(event: IntegrationEvent<BookingChanged>): Promise<void> {
    await this.notifications.bookingStatusChanged(event, H.bookingStatus);
  }

  @OnEvent('messaging.message.sent', { name: H.messageSent })
  async messageSent(event: IntegrationEvent<MessageSent>): Promise<void> {
    await this.notifications.messageSent(event, H.messageSent);
  }
}
