import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import type { Booking } from '../../domain/booking';
import { BOOKING_STATUS_CHANGED, publishStatus } from '../booking-events';
import { CustomerAccess } from '../customer-access';
import {
  BOOKINGS_UNIT_OF_WORK,
  BookingsUnitOfWork,
  CUSTOMER_MESSAGES,
  CustomerMessages,
  ONLINE_PAYMENTS,
  OnlinePaymentView,
  OnlinePayments,
  OnlineRefund,
} from '../ports';

/**
 * The signed-in customer opens (or reopens) the online payment of their booking
 * that waits for it: the same commerce order and payment each time, so a
 * client that lost the first answer, or whose attempt failed, pays from here.
 */
@Injectable()
export class PayBookingUseCase {
  constructor(
    private readonly access: CustomerAccess,
    @Inject(ONLINE_PAYMENTS) private readonly payments: OnlinePayments,
  ) {}

  async execute(ctx: RequestContext, bookingId: string): Promise<{ booking: Booking; payment: OnlinePaymentView }> {
    const booking = await this.access.owned(ctx, bookingId);
    booking.checkAwaitingPayment();
    return { booking, payment: await this.payments.start(ctx, booking) };
  }
}

/**
 * Gives back an online payment of a booking that no longer takes place
 * (cancelled by the customer or the shop, or paid after its hold ended):
 * through commerce, by the provider that took it, once. The booking records
 * the amount and the customer is told it.
 */
@Injectable()
export class RefundBookingUseCase {
  constructor(
    @Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork,
    @Inject(ONLINE_PAYMENTS) private readonly payments: OnlinePayments,
    @Inject(CUSTOMER_MESSAGES) private readonly messages: CustomerMessages,
  ) {}

  async execute(ctx: RequestContext, bookingId: string): Promise<OnlineRefund | undefined> {
    const before = await this.uow.repos.bookings.findAny(bookingId);
    if (!before?.owesRefund) return undefined;
    const s = before.snapshot();
    const refund = await this.payments.refund(ctx, bookingId, s.status === 'expired' ? 'paid after the booking’s hold ended' : 'booking cancelled');
    if (!refund) return undefined;
    const booking = await this.uow.run(async (repos) => {
      const locked = await repos.bookings.findAnyForUpdate(bookingId);
      if (!locked?.owesRefund) return undefined;
      locked.recordRefund(refund.amountMinor, new Date());
      await repos.bookings.save(locked);
      return locked;
    });
    if (booking) {
      const shop = await this.uow.repos.shops.find(s.orgId);
      await this.messages.refunded(ctx, booking, shop?.name ?? 'The shop', refund, `bookings:refund:${refund.refundId}`);
    }
    return refund;
  }
}

/**
 * `commerce.order.paid` for an order with `booking` lines: each booking still
 * waiting for its payment is confirmed (once: a replayed event finds it paid).
 * Money that arrives for a booking that expired or was cancelled meanwhile
 * goes back.
 */
@Injectable()
export class ConfirmBookingPaymentUseCase {
  private readonly logger = new Logger(ConfirmBookingPaymentUseCase.name);

  constructor(
    @Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork,
    private readonly refunds: RefundBookingUseCase,
  ) {}

  async execute(ctx: RequestContext, paid: { orderId: string; buyerUserId: string; sellerOrgId: string; bookingIds: string[] }): Promise<void> {
    for (const bookingId of paid.bookingIds) {
      const outcome = await this.uow.run(async (repos, events) => {
        const booking = await repos.bookings.findForUpdate(paid.sellerOrgId, bookingId);
        if (!booking || booking.snapshot().customerUserId !== paid.buyerUserId) return 'unknown';
        const result = booking.confirmPayment(paid.orderId, new Date());
        if (result.outcome === 'already') return 'already';
        await repos.bookings.save(booking);
        if (result.outcome === 'confirmed') publishStatus(events, ctx, BOOKING_STATUS_CHANGED, booking, result.change);
        return result.outcome;
      });
      if (outcome === 'unknown') this.logger.warn({ msg: 'order paid for no booking of its shop and buyer', order_id: paid.orderId, booking_id: bookingId });
      if (outcome === 'refund') await this.refunds.execute(ctx, bookingId);
    }
  }
}

/**
 * Bookings whose hold ended unpaid expire, and their slot is free again. The
 * commerce order is cancelled first: when the money arrived meanwhile the
 * booking is left for `commerce.order.paid` to confirm.
 */
@Injectable()
export class ExpireBookingHoldsUseCase {
  constructor(
    @Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork,
    @Inject(ONLINE_PAYMENTS) private readonly payments: OnlinePayments,
  ) {}

  async execute(ctx: RequestContext, now: Date, limit = 100): Promise<number> {
    let expired = 0;
    for (const id of await this.uow.repos.bookings.endedHolds(now, limit)) {
      if ((await this.payments.cancel(ctx, id)) === 'paid') continue;
      const booking: Booking | undefined = await this.uow.run(async (repos, events) => {
        const locked = await repos.bookings.findAnyForUpdate(id);
        const change = locked?.expireHold(new Date());
        if (!locked || !change) return undefined;
        await repos.bookings.save(locked);
        publishStatus(events, ctx, BOOKING_STATUS_CHANGED, locked, change);
        return locked;
      });
      if (booking) expired += 1;
    }
    return expired;
  }
}
