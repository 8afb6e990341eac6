import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../platform/kernel';
import { freeSlots, Slot } from '../domain/availability';
import { BookingsErrors, SlotHint } from '../domain/bookings-errors';
import { Quote, quote } from '../domain/pricing';
import type { ShopProfile } from '../domain/shop';
import { addDays, isCalendarDate, zonedInstant, zonedIso, zonedParts } from '../domain/zoned-time';
import { BOOKINGS_SETTINGS, BookingsRepositories, BookingsSettings, VEHICLE_MODELS, VehicleModels } from './ports';

/** How far ahead a refused booking looks for other start times. */
const NEXT_SLOTS_DAYS = 7;

export interface PlanInput {
  vehicleModelId: string;
  serviceIds: string[];
}

/**
 * What availability, booking and rescheduling share: the server-side quote of
 * a set of services for a vehicle model, and a date's free slots.
 */
@Injectable()
export class BookingPlanner {
  constructor(
    @Inject(VEHICLE_MODELS) private readonly models: VehicleModels,
    @Inject(BOOKINGS_SETTINGS) private readonly settings: BookingsSettings,
  ) {}

  async quote(ctx: RequestContext, repos: Pick<BookingsRepositories, 'services'>, shop: ShopProfile, input: PlanInput): Promise<Quote> {
    const model = await this.models.find(ctx, input.vehicleModelId);
    if (!model || model.retired) throw BookingsErrors.unknownVehicleModel();
    if (shop.vehicleTypeIds.length > 0 && !shop.vehicleTypeIds.includes(model.typeId)) throw BookingsErrors.vehicleNotServed();
    const ids = [...new Set(input.serviceIds)];
    const found = await repos.services.pricedForModel(shop.orgId, input.vehicleModelId, ids);
    const missing = ids.filter((id) => !found.some((service) => service.id === id));
    if (missing.length > 0 || ids.length === 0) throw BookingsErrors.unknownService(missing);
    // The booking lists its services in the order the customer chose them.
    return quote([...found].sort((x, y) => ids.indexOf(x.id) - ids.indexOf(y.id)));
  }

  /** The date must be today or later in the shop's zone, and within the booking horizon. */
  checkDate(shop: ShopProfile, date: string, now: Date, field = 'date'): void {
    if (!isCalendarDate(date)) throw BookingsErrors.validation({ [field]: [`${field} must be a calendar date YYYY-MM-DD`] });
    const today = zonedParts(now, shop.timeZone).date;
    if (date < today || date > addDays(today, this.settings.maxAdvanceDays)) {
      throw BookingsErrors.validation({
        [field]: [`${field} must be between ${today} and ${addDays(today, this.settings.maxAdvanceDays)} (the shop’s calendar)`],
      });
    }
  }

  async slots(
    repos: Pick<BookingsRepositories, 'bays' | 'bookings'>,
    shop: ShopProfile,
    date: string,
    durationMinutes: number,
    now: Date,
    exceptBookingId?: string,
  ): Promise<Slot[]> {
    const calendar = await this.calendar(repos, shop, date, 1, exceptBookingId);
    return calendar(date, durationMinutes, now);
  }

  /**
   * The shop's active bays and their occupations over `days` dates from
   * `date` (two queries), as a function giving one date's free slots.
   */
  private async calendar(
    repos: Pick<BookingsRepositories, 'bays' | 'bookings'>,
    shop: ShopProfile,
    date: string,
    days: number,
    exceptBookingId?: string,
  ): Promise<(date: string, durationMinutes: number, now: Date) => Slot[]> {
    const bayIds = (await repos.bays.list(shop.orgId)).filter((bay) => bay.active).map((bay) => bay.id);
    if (bayIds.length === 0) return () => [];
    const from = zonedInstant(addDays(date, -1), 0, shop.timeZone);
    const to = zonedInstant(addDays(date, days + 1), 0, shop.timeZone);
    const occupations = await repos.bookings.occupations(shop.orgId, from, to, exceptBookingId);
    const rules = {
      timeZone: shop.timeZone,
      hours: shop.weeklyHours,
      closures: shop.closures,
      slotStepMinutes: shop.slotStepMinutes,
      bufferMinutes: shop.bufferMinutes,
      minNoticeMinutes: shop.minNoticeMinutes,
    };
    return (day, durationMinutes, now) => freeSlots(rules, { date: day, durationMinutes, now, bayIds, occupations });
  }

  /** The next free start times from `date` on (up to NEXT_SLOTS_DAYS ahead, with two queries), for a caller whose slot was taken. */
  async nextSlots(
    repos: Pick<BookingsRepositories, 'bays' | 'bookings'>,
    shop: ShopProfile,
    date: string,
    after: Date,
    durationMinutes: number,
    now: Date,
  ): Promise<SlotHint[]> {
    const hints: SlotHint[] = [];
    const calendar = await this.calendar(repos, shop, date, NEXT_SLOTS_DAYS);
    for (let day = 0; day < NEXT_SLOTS_DAYS && hints.length < this.settings.nextSlotsOffered; day++) {
      const slots = calendar(addDays(date, day), durationMinutes, now);
      for (const slot of slots) {
        if (slot.start <= after || hints.length >= this.settings.nextSlotsOffered) continue;
        hints.push({ starts_at: slot.start.toISOString(), local_time: zonedIso(slot.start, shop.timeZone) });
      }
    }
    return hints;
  }
}
