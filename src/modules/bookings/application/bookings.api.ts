import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../platform/kernel';
import { BOOKINGS_UNIT_OF_WORK, BookingActivity, BookingsUnitOfWork } from './ports';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who a booking involves: the shop (an organization) and its customer's account (null for a guest booking). */
export interface BookingParties {
  bookingId: string;
  shopOrgId: string;
  customerUserId: string | null;
  status: string;
}

/** The bookings context's front door for other contexts (messaging). */
@Injectable()
export class BookingsApi {
  constructor(@Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork) {}

  /** The booking's shop and customer, whatever its status; undefined when there is no such booking. The caller decides who may know. */
  async bookingParties(_ctx: RequestContext, bookingId: string): Promise<BookingParties | undefined> {
    if (!UUID.test(bookingId)) return undefined;
    const booking = await this.uow.repos.bookings.findAny(bookingId.toLowerCase());
    if (!booking) return undefined;
    const state = booking.snapshot();
    return { bookingId: state.id, shopOrgId: state.orgId, customerUserId: state.customerUserId, status: state.status };
  }

  /** Bookings made per UTC day since `since`, every shop (the operators' dashboard). */
  bookingsByDay(_ctx: RequestContext, since: Date): Promise<Array<{ day: string; count: number }>> {
    return this.uow.repos.bookings.createdByDay(since);
  }

  /**
   * The shop's bookings made, completed and cancelled before `until`, per UTC
   * day (the analytics backfill; a completion or cancellation counts on the
   * day of the booking's last change). Authorization is the caller's.
   */
  bookingActivityByDay(_ctx: RequestContext, orgId: string, until: Date): Promise<BookingActivity> {
    return this.uow.repos.bookings.activityByDay(orgId, until);
  }
}
