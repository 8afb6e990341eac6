import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../platform/kernel';
import type { Booking } from '../domain/booking';
import { BookingsErrors } from '../domain/bookings-errors';
import { isE164 } from '../domain/phone';
import { BOOKINGS_UNIT_OF_WORK, BookingsUnitOfWork, PHONE_PROOF, PhoneProof } from './ports';

/** How a guest proves a booking is theirs: the booking's phone and a verification code sent to it. */
export interface PhoneCredential {
  phone: string;
  otpCode: string;
}

/**
 * A customer reaches a booking when it is theirs: signed in as the account
 * that made it, or with a code proving its phone. Anything else is 404, so
 * booking ids reveal nothing.
 */
@Injectable()
export class CustomerAccess {
  constructor(
    @Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork,
    @Inject(PHONE_PROOF) private readonly phones: PhoneProof,
  ) {}

  async owned(ctx: RequestContext, bookingId: string, credential?: PhoneCredential): Promise<Booking> {
    const booking = await this.uow.repos.bookings.findAny(bookingId);
    if (!booking) throw BookingsErrors.bookingNotFound();
    const state = booking.snapshot();
    if (ctx.userId && state.customerUserId === ctx.userId) return booking;
    if (credential && credential.phone === state.customerPhone) {
      if (await this.phones.confirm(ctx, credential.phone, credential.otpCode)) return booking;
      throw BookingsErrors.phoneNotVerified();
    }
    throw BookingsErrors.bookingNotFound();
  }

  /** The bookings made with a phone, once a code sent to it is confirmed. */
  async provePhone(ctx: RequestContext, credential: PhoneCredential): Promise<string> {
    if (!isE164(credential.phone)) throw BookingsErrors.invalidPhone('customer_phone');
    if (!(await this.phones.confirm(ctx, credential.phone, credential.otpCode))) throw BookingsErrors.phoneNotVerified();
    return credential.phone;
  }
}
