import { Inject, Injectable } from '@nestjs/common';
import { DomainError, RequestContext } from '../../../../platform/kernel';
import type { Booking } from '../../domain/booking';
import { BOOKINGS_ERRORS, BookingsErrors } from '../../domain/bookings-errors';
import { parseClock, zonedInstant } from '../../domain/zoned-time';
import { BOOKING_STATUS_CHANGED, publishStatus } from '../booking-events';
import { BookingPlanner } from '../booking-planner';
import { CustomerAccess, PhoneCredential } from '../customer-access';
import { BOOKINGS_UNIT_OF_WORK, BookingsUnitOfWork, ONLINE_PAYMENTS, OnlinePayments, SHOP_ORGANIZATIONS, ShopOrganizations } from '../ports';
import { RefundBookingUseCase } from './online-payment.use-cases';
import { shopOf } from '../shop-access';

/**
 * The customer cancels their booking, until the shop's notice limit. Paid
 * online, the payment is refunded through commerce right after (the answer
 * shows the amount); waiting for its payment, the order is cancelled.
 */
@Injectable()
export class CancelBookingUseCase {
  constructor(
    @Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork,
    @Inject(ONLINE_PAYMENTS) private readonly payments: OnlinePayments,
    private readonly access: CustomerAccess,
    private readonly refunds: RefundBookingUseCase,
  ) {}

  async execute(ctx: RequestContext, input: { bookingId: string; reason: string | null; credential?: PhoneCredential }): Promise<Booking> {
    const found = await this.access.owned(ctx, input.bookingId, input.credential);
    const shop = await shopOf(this.uow.repos, found.snapshot().orgId);
    const cancelled = await this.uow.run(async (repos, events) => {
      const booking = (await repos.bookings.findAnyForUpdate(found.id)) ?? throwNotFound();
      const change = booking.cancelByCustomer(input.reason, new Date(), shop.cancelNoticeMinutes);
      await repos.bookings.save(booking);
      publishStatus(events, ctx, BOOKING_STATUS_CHANGED, booking, change);
      return { booking, wasWaiting: change.from === 'pending_payment' };
    });
    // A payment arriving after this is refunded when commerce.order.paid is heard.
    if (cancelled.wasWaiting) await this.payments.cancel(ctx, found.id);
    if (!cancelled.booking.owesRefund) return cancelled.booking;
    // Refunded here so the answer tells the amount; when the provider fails, the status-changed event's handler retries.
    await this.refunds.execute(ctx, found.id).catch(() => undefined);
    return (await this.uow.repos.bookings.findAny(found.id)) ?? cancelled.booking;
  }
}

/** The customer moves their booking to another free start time, until the shop's notice limit; the price stays as quoted. */
@Injectable()
export class RescheduleBookingUseCase {
  constructor(
    @Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork,
    @Inject(SHOP_ORGANIZATIONS) private readonly organizations: ShopOrganizations,
    private readonly access: CustomerAccess,
    private readonly planner: BookingPlanner,
  ) {}

  async execute(ctx: RequestContext, input: { bookingId: string; date: string; time: string; credential?: PhoneCredential }): Promise<Booking> {
    const found = await this.access.owned(ctx, input.bookingId, input.credential);
    const current = found.snapshot();
    const shop = await shopOf(this.uow.repos, current.orgId);
    const now = new Date();
    this.planner.checkDate(shop, input.date, now, 'appointment_date');
    const minute = parseClock(input.time.slice(0, 5));
    if (minute === undefined) throw BookingsErrors.validation({ appointment_time: ['appointment_time must be HH:MM'] });
    const startsAt = zonedInstant(input.date, minute, shop.timeZone);
    const duration = current.services.reduce((sum, service) => sum + service.durationMinutes, 0);
    const slot = (await this.planner.slots(this.uow.repos, shop, input.date, duration, now, found.id)).find(
      (candidate) => candidate.start.getTime() === startsAt.getTime(),
    );
    for (const bayId of slot?.freeBayIds ?? []) {
      try {
        const booking = await this.uow.run(async (repos) => {
          const locked = (await repos.bookings.findAnyForUpdate(found.id)) ?? throwNotFound();
          locked.reschedule({ bayId, startsAt: slot!.start, endsAt: slot!.end, blockedUntil: slot!.blockedUntil }, now, shop.cancelNoticeMinutes);
          await repos.bookings.save(locked);
          return locked;
        });
        await this.organizations.audit(ctx, {
          orgId: current.orgId,
          action: 'bookings.booking_rescheduled',
          targetId: found.id,
          metadata: { from: current.startsAt.toISOString(), to: slot!.start.toISOString() },
        });
        return booking;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === BOOKINGS_ERRORS.slotUnavailable)) throw error;
      }
    }
    throw BookingsErrors.slotUnavailable(await this.planner.nextSlots(this.uow.repos, shop, input.date, startsAt, duration, now));
  }
}

function throwNotFound(): never {
  throw BookingsErrors.bookingNotFound();
}
