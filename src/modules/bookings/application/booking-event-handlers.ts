import { Inject, Injectable } from '@nestjs/common';
import { OnEvent } from '../../../platform/events';
import type { IntegrationEvent } from '../../../platform/kernel';
import type { OrderPaidPayload } from '../../commerce';
import { BOOKING_CREATED, BOOKING_STATUS_CHANGED, BookingStatusChangedPayload } from './booking-events';
import { ConfirmBookingPaymentUseCase, RefundBookingUseCase } from './use-cases/online-payment.use-cases';
import { BOOKINGS_UNIT_OF_WORK, BookingsUnitOfWork, CUSTOMER_MESSAGES, CustomerMessages, SHOP_ORGANIZATIONS, ShopOrganizations } from './ports';

/**
 * What follows a booking's creation or status change, after it committed:
 * the audit entry and the customer's message. Each runs once per event
 * (retried on failure); the message is de-duplicated by the event id.
 */
@Injectable()
export class BookingEventHandlers {
  constructor(
    @Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork,
    @Inject(SHOP_ORGANIZATIONS) private readonly organizations: ShopOrganizations,
    @Inject(CUSTOMER_MESSAGES) private readonly messages: CustomerMessages,
    private readonly confirmPayment: ConfirmBookingPaymentUseCase,
    private readonly refunds: RefundBookingUseCase,
  ) {}

  /** Commerce heard the money for an order: its `booking` lines' bookings are confirmed (or refunded when too late). */
  @OnEvent('commerce.order.paid', { name: 'bookings.confirm-paid-booking' })
  async orderPaid(event: IntegrationEvent<OrderPaidPayload>): Promise<void> {
    const bookingIds = event.payload.lines.filter((line) => line.kind === 'booking').map((line) => line.listingId);
    if (bookingIds.length === 0) return;
    await this.confirmPayment.execute(event.ctx, { ...event.payload, bookingIds });
  }

  /** A booking paid online and cancelled (by the customer or the shop) is refunded; retried until the provider answers. */
  @OnEvent(BOOKING_STATUS_CHANGED, { name: 'bookings.refund-cancelled' })
  async refundCancelled(event: IntegrationEvent<BookingStatusChangedPayload>): Promise<void> {
    if (event.payload.to === 'cancelled') await this.refunds.execute(event.ctx, event.payload.bookingId);
  }

  @OnEvent([BOOKING_CREATED, BOOKING_STATUS_CHANGED], { name: 'bookings.record-audit' })
  async recordAudit(event: IntegrationEvent<BookingStatusChangedPayload>): Promise<void> {
    const { bookingId, orgId, from, to, reason } = event.payload;
    await this.organizations.audit(event.ctx, {
      orgId,
      action: event.type === BOOKING_CREATED ? 'bookings.booking_created' : 'bookings.booking_status_changed',
      targetId: bookingId,
      metadata: { from, to, reason, event_id: event.id },
    });
  }

  @OnEvent([BOOKING_CREATED, BOOKING_STATUS_CHANGED], { name: 'bookings.notify-customer' })
  async notifyCustomer(event: IntegrationEvent<BookingStatusChangedPayload>): Promise<void> {
    const booking = await this.uow.repos.bookings.find(event.payload.orgId, event.payload.bookingId);
    if (!booking) return;
    const shop = await this.uow.repos.shops.find(event.payload.orgId);
    await this.messages.statusChanged(event.ctx, booking, shop?.name ?? 'The shop', `bookings:${event.id}`);
  }
}
