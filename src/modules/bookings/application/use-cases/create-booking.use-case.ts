import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, RequestContext } from '../../../../platform/kernel';
import { Booking, isOnline, PaymentMethod, ServiceLocation } from '../../domain/booking';
import { BOOKINGS_ERRORS, BookingsErrors } from '../../domain/bookings-errors';
import { normalizePhone } from '../../domain/phone';
import { inServiceArea, ShopProfile } from '../../domain/shop';
import { parseClock, zonedInstant } from '../../domain/zoned-time';
import { BOOKING_CREATED, publishStatus } from '../booking-events';
import { BookingPlanner } from '../booking-planner';
import {
  BOOKINGS_SETTINGS,
  BOOKINGS_UNIT_OF_WORK,
  BookingsSettings,
  BookingsUnitOfWork,
  IdempotencyKeyTaken,
  ONLINE_PAYMENTS,
  OnlinePayments,
  OnlinePaymentView,
  PHONE_PROOF,
  PhoneProof,
} from '../ports';

export interface CreateBookingInput {
  shopId: string;
  customerName: string;
  customerPhone: string;
  customerEmail: string | null;
  vehicleModelId: string;
  serviceIds: string[];
  serviceLocation: ServiceLocation;
  address: string | null;
  appointmentDate: string;
  appointmentTime: string;
  paymentMethod: PaymentMethod;
  notes: string | null;
  /** A guest's proof of the phone: identity's verification code sent to it. */
  otpCode?: string;
  idempotencyKey?: string;
}

export interface CreatedBooking {
  booking: Booking;
  /** False when an earlier request with the same Idempotency-Key made it. */
  created: boolean;
  /** Paid online: what the client needs to pay (the same order and payment on a replay). */
  payment: OnlinePaymentView | null;
}

/**
 * Books a slot: the price is quoted here from the shop's prices for the
 * vehicle model and frozen on the booking; the bay is one the availability
 * finds free, and the database's exclusion constraint has the last word when
 * two requests race for it (the loser tries the next free bay, then gets the
 * next free start times).
 */
@Injectable()
export class CreateBookingUseCase {
  constructor(
    @Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork,
    @Inject(PHONE_PROOF) private readonly phones: PhoneProof,
    @Inject(ONLINE_PAYMENTS) private readonly payments: OnlinePayments,
    @Inject(BOOKINGS_SETTINGS) private readonly settings: BookingsSettings,
    private readonly planner: BookingPlanner,
  ) {}

  /**
   * Paid online, the booking is created `pending_payment` (holding its slot),
   * and its commerce order and payment are started once it committed; a
   * replay with the same Idempotency-Key resumes that same order and payment.
   */
  async execute(ctx: RequestContext, input: CreateBookingInput): Promise<CreatedBooking> {
    const result = await this.book(ctx, input);
    const s = result.booking.snapshot();
    if (!isOnline(s.paymentMethod) || s.status !== 'pending_payment') return { ...result, payment: null };
    return { ...result, payment: await this.payments.start(ctx, result.booking) };
  }

  private async book(ctx: RequestContext, input: CreateBookingInput): Promise<Omit<CreatedBooking, 'payment'>> {
    const repos = this.uow.repos;
    const shop = await repos.shops.find(input.shopId);
    if (!shop) throw BookingsErrors.shopNotFound();
    const accepted: PaymentMethod[] = ['cash', ...this.payments.providers()];
    if (!accepted.includes(input.paymentMethod)) throw BookingsErrors.paymentMethodUnavailable(input.paymentMethod, accepted);
    if (isOnline(input.paymentMethod) && !ctx.userId) throw BookingsErrors.signInToPayOnline();
    const phone = normalizePhone(input.customerPhone, shop.callingCode);
    if (!phone) throw BookingsErrors.invalidPhone('customer_phone');
    const address = this.checkLocation(shop, input.serviceLocation, input.address);

    const scope = ctx.userId ? `user:${ctx.userId}` : `phone:${phone}`;
    const requestHash = hashOf({ ...input, otpCode: undefined, idempotencyKey: undefined, customerPhone: phone });
    if (input.idempotencyKey) {
      const replay = await this.replay(scope, input.idempotencyKey, requestHash);
      if (replay) return replay;
    }
    if (!ctx.userId) {
      if (!input.otpCode || !(await this.phones.confirm(ctx, phone, input.otpCode))) throw BookingsErrors.phoneNotVerified();
    }

    const quote = await this.planner.quote(ctx, repos, shop, input);
    // Checked before anything is saved: a free booking has no payment to wait for.
    if (isOnline(input.paymentMethod) && quote.totalMinor === 0) throw BookingsErrors.nothingToPayOnline();
    const now = new Date();
    this.planner.checkDate(shop, input.appointmentDate, now, 'appointment_date');
    const minute = parseClock(input.appointmentTime.slice(0, 5));
    if (minute === undefined) throw BookingsErrors.validation({ appointment_time: ['appointment_time must be HH:MM'] });
    const startsAt = zonedInstant(input.appointmentDate, minute, shop.timeZone);
    const slot = (await this.planner.slots(repos, shop, input.appointmentDate, quote.durationMinutes, now)).find(
      (candidate) => candidate.start.getTime() === startsAt.getTime(),
    );
    for (const bayId of slot?.freeBayIds ?? []) {
      const booking = Booking.create(
        {
          id: randomUUID(),
          orgId: shop.orgId,
          bayId,
          customerUserId: ctx.userId ?? null,
          customerName: input.customerName.trim(),
          customerPhone: phone,
          customerEmail: input.customerEmail?.trim().toLowerCase() || null,
          vehicleModelId: input.vehicleModelId,
          serviceLocation: input.serviceLocation,
          address,
          startsAt: slot!.start,
          endsAt: slot!.end,
          blockedUntil: slot!.blockedUntil,
          services: quote.services,
          totalMinor: quote.totalMinor,
          currency: shop.currency,
          paymentMethod: input.paymentMethod,
          notes: input.notes?.trim() || null,
          createdAt: now,
        },
        isOnline(input.paymentMethod) ? new Date(now.getTime() + this.settings.paymentHoldMinutes * 60_000) : null,
      );
      try {
        await this.uow.run(async (tx, events) => {
          if (input.idempotencyKey) await tx.idempotency.insert({ scope, key: input.idempotencyKey, orgId: shop.orgId, requestHash, bookingId: booking.id });
          await tx.bookings.insert(booking);
          publishStatus(events, ctx, BOOKING_CREATED, booking, { from: null, to: booking.status, reason: null });
        });
        return { booking, created: true };
      } catch (error) {
        if (error instanceof IdempotencyKeyTaken) {
          const replay = await this.replay(scope, input.idempotencyKey!, requestHash);
          if (replay) return replay;
        }
        if (!(error instanceof DomainError && error.code === BOOKINGS_ERRORS.slotUnavailable)) throw error;
      }
    }
    throw BookingsErrors.slotUnavailable(await this.planner.nextSlots(repos, shop, input.appointmentDate, startsAt, quote.durationMinutes, now));
  }

  private checkLocation(shop: ShopProfile, location: ServiceLocation, address: string | null): string | null {
    if (!shop.serviceLocations.includes(location)) throw BookingsErrors.locationNotOffered(location);
    if (location === 'shop') return address?.trim() || null;
    const trimmed = address?.trim();
    if (!trimmed) throw BookingsErrors.validation({ address: ['address is required for service at home'] });
    if (!inServiceArea(shop, trimmed)) throw BookingsErrors.outsideServiceArea();
    return trimmed;
  }

  private async replay(scope: string, key: string, requestHash: string): Promise<Omit<CreatedBooking, 'payment'> | undefined> {
    const stored = await this.uow.repos.idempotency.find(scope, key);
    if (!stored) return undefined;
    if (stored.requestHash !== requestHash) throw BookingsErrors.idempotencyKeyReused();
    const booking = await this.uow.repos.bookings.findAny(stored.bookingId);
    return booking && { booking, created: false };
  }
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
