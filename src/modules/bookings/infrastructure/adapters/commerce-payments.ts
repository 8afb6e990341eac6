import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { CommerceApi } from '../../../commerce';
import { BOOKINGS_SETTINGS, BookingsSettings, OnlinePayments, OnlinePaymentView, OnlineRefund } from '../../application/ports';
import { isOnline, type Booking, type OnlinePaymentMethod } from '../../domain/booking';

/** Bookings paid online are commerce orders (one `booking` line each), through its facade. */
@Injectable()
export class CommerceOnlinePayments implements OnlinePayments {
  constructor(
    private readonly commerce: CommerceApi,
    @Inject(BOOKINGS_SETTINGS) private readonly settings: BookingsSettings,
  ) {}

  providers(): OnlinePaymentMethod[] {
    return this.commerce.bookingPaymentProviders();
  }

  start(ctx: RequestContext, booking: Booking): Promise<OnlinePaymentView> {
    const s = booking.snapshot();
    if (!isOnline(s.paymentMethod)) throw new Error('only bookings paid online have a payment to start');
    const payBy = s.holdExpiresAt ?? new Date(s.createdAt.getTime() + this.settings.paymentHoldMinutes * 60_000);
    return this.commerce.startBookingPayment(ctx, {
      bookingId: s.id,
      shopOrgId: s.orgId,
      title: `Booking ${s.startsAt.toISOString().slice(0, 16)}Z: ${s.services.map((service) => service.name).join(', ')}`.slice(0, 200),
      amountMinor: s.totalMinor,
      currency: s.currency,
      provider: s.paymentMethod,
      payBy,
    });
  }

  cancel(ctx: RequestContext, bookingId: string): Promise<'cancelled' | 'paid' | 'none'> {
    return this.commerce.cancelBookingPayment(ctx, bookingId);
  }

  refund(ctx: RequestContext, bookingId: string, reason: string): Promise<OnlineRefund | undefined> {
    return this.commerce.refundBookingPayment(ctx, { bookingId, reason });
  }
}
