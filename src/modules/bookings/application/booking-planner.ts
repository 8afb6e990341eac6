import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../platform/kernel';
import { freeSlots, Slot } from '../domain/availability';
import { BookingsErrors, SlotHint } from '../domain/bookings-errors';
import { Quote, quote } from '../domain/pricing';
import type { ShopProfile } from '../domain/shop';
import { addDays, isCalendarDate, zonedInstant, zonedIso, zonedParts } from '../domain/zoned-time';
import { BOOKINGS_SETTINGS, BookingsRepositories, BookingsSettings, VEHICLE_MODELS, VehicleModels } from './ports';

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
    const bays = (await repos.bays.list(shop.orgId)).filter((bay) => bay.active);
    if (bays.length === 0) return [];
    const from = zonedInstant(addDays(date, -1), 0, shop.timeZone);
    const to = zonedInstant(addDays(date, 2), 0, shop.timeZone);
    const occupations = await repos.bookings.occupations(shop.orgId, from, to, exceptBookingId);
    return freeSlots(
      {
        timeZone: shop.timeZone,
        hours: shop.weeklyHours,
        closures: shop.closures,
        slotStepMinutes: shop.slotStepMinutes,
        bufferMinutes: shop.bufferMinutes,
        minNoticeMinutes: shop.minNoticeMinutes,
      },
      { date, durationMinutes, now, bayIds: bays.map((bay) => bay.id), occupations },
    );
  }

  /** The next free start times from `date` on (up to a week ahead), for a caller whose slot was taken. */
  async nextSlots(
    repos: Pick<BookingsRepositories, 'bays' | 'bookings'>,
    shop: ShopProfile,
    date: string,
    after: Date,
    durationMinutes: number,
    now: Date,
  ): Promise<SlotHint[]> {
    const hints: SlotHint[] = [];
    for (let day = 0; day < 7 && hints.length < this.settings.nextSlotsOffered; day++) {
      const slots = await this.slots(repos, shop, addDays(date, day), durationMinutes, now);
      for (const slot of slots) {
        if (slot.start <= after || hints.length >= this.settings.nextSlotsOffered) continue;
        hints.push({ starts_at: slot.start.toISOString(), local_time: zonedIso(slot.start, shop.timeZone) });
      }
    }
    return hints;
  }
}
