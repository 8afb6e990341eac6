import { Inject, Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { openMinutes } from '../../domain/availability';
import type { Booking, BookingStatus } from '../../domain/booking';
import { BookingsErrors } from '../../domain/bookings-errors';
import { addDays, datesBetween, isCalendarDate, zonedInstant } from '../../domain/zoned-time';
import { CustomerAccess, PhoneCredential } from '../customer-access';
import { BOOKINGS_UNIT_OF_WORK, BookingStats, BookingsUnitOfWork } from '../ports';
import { activeOrg, shopOf } from '../shop-access';

/** A customer's own bookings: by their account when signed in, by a proven phone otherwise. Never by a phone alone. */
@Injectable()
export class CustomerBookingQueries {
  constructor(
    @Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork,
    private readonly access: CustomerAccess,
  ) {}

  mine(ctx: RequestContext, page: PageRequest): Promise<Page<Booking>> {
    if (!ctx.userId) throw BookingsErrors.bookingNotFound();
    return this.uow.repos.bookings.listForCustomer(ctx.userId, page);
  }

  get(ctx: RequestContext, bookingId: string): Promise<Booking> {
    return this.access.owned(ctx, bookingId);
  }

  async byPhone(ctx: RequestContext, credential: PhoneCredential, page: PageRequest): Promise<Page<Booking>> {
    const phone = await this.access.provePhone(ctx, credential);
    return this.uow.repos.bookings.listForPhone(phone, page);
  }
}

export interface StaffStatsView extends BookingStats {
  from: string;
  to: string;
  currency: string;
  bayUtilization: Array<{ bayId: string; bayName: string; bookedMinutes: number; openMinutes: number; ratio: number }>;
}

/** The staff portal's reads, always within the active organization. */
@Injectable()
export class StaffBookingQueries {
  constructor(@Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork) {}

  async list(ctx: RequestContext, filter: { status?: BookingStatus; date?: string; search?: string }, page: PageRequest): Promise<Page<Booking>> {
    const orgId = activeOrg(ctx);
    let range: { from?: Date; to?: Date } = {};
    if (filter.date) {
      if (!isCalendarDate(filter.date)) throw BookingsErrors.validation({ date: ['date must be a calendar date YYYY-MM-DD'] });
      const shop = await shopOf(this.uow.repos, orgId);
      range = { from: zonedInstant(filter.date, 0, shop.timeZone), to: zonedInstant(addDays(filter.date, 1), 0, shop.timeZone) };
    }
    return this.uow.repos.bookings.listForStaff(orgId, { status: filter.status, search: filter.search?.trim() || undefined, ...range }, page);
  }

  async get(ctx: RequestContext, bookingId: string): Promise<Booking> {
    const booking = await this.uow.repos.bookings.find(activeOrg(ctx), bookingId);
    if (!booking) throw BookingsErrors.bookingNotFound();
    return booking;
  }

  /** Over the shop-calendar dates from..to (both included). */
  async stats(ctx: RequestContext, range: { from: string; to: string }): Promise<StaffStatsView> {
    const orgId = activeOrg(ctx);
    const shop = await shopOf(this.uow.repos, orgId);
    for (const field of ['from', 'to'] as const) {
      if (!isCalendarDate(range[field])) throw BookingsErrors.validation({ [field]: [`${field} must be a calendar date YYYY-MM-DD`] });
    }
    if (range.to < range.from) throw BookingsErrors.validation({ to: ['to must not be before from'] });
    const dates = datesBetween(range.from, range.to);
    if (dates.length > 366) throw BookingsErrors.validation({ to: ['the range is at most 366 days'] });
    const from = zonedInstant(range.from, 0, shop.timeZone);
    const to = zonedInstant(addDays(range.to, 1), 0, shop.timeZone);
    const [stats, bays] = await Promise.all([this.uow.repos.bookings.stats(orgId, from, to, shop.timeZone), this.uow.repos.bays.list(orgId)]);
    const open = dates.reduce((sum, date) => sum + openMinutes({ timeZone: shop.timeZone, hours: shop.weeklyHours, closures: shop.closures }, date), 0);
    const bayUtilization = bays
      .filter((bay) => bay.active || stats.bookedMinutesByBay.some((entry) => entry.bayId === bay.id))
      .map((bay) => {
        const booked = stats.bookedMinutesByBay.find((entry) => entry.bayId === bay.id)?.minutes ?? 0;
        return { bayId: bay.id, bayName: bay.name, bookedMinutes: booked, openMinutes: open, ratio: open > 0 ? Math.round((booked / open) * 1000) / 1000 : 0 };
      });
    return { ...stats, from: range.from, to: range.to, currency: shop.currency, bayUtilization };
  }
}
