import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import type { Slot } from '../../domain/availability';
import { BookingsErrors } from '../../domain/bookings-errors';
import type { Quote } from '../../domain/pricing';
import type { ShopProfile } from '../../domain/shop';
import { BookingPlanner } from '../booking-planner';
import { BOOKINGS_UNIT_OF_WORK, BookingsUnitOfWork } from '../ports';

export interface AvailabilityView {
  shop: ShopProfile;
  date: string;
  quote: Quote;
  slots: Slot[];
}

/** The free start times of a shop-day for a vehicle model and a set of services. */
@Injectable()
export class AvailabilityQuery {
  constructor(
    @Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork,
    private readonly planner: BookingPlanner,
  ) {}

  async execute(ctx: RequestContext, input: { shopId: string; date: string; vehicleModelId: string; serviceIds: string[] }): Promise<AvailabilityView> {
    const repos = this.uow.repos;
    const shop = await repos.shops.find(input.shopId);
    if (!shop) throw BookingsErrors.shopNotFound();
    const now = new Date();
    this.planner.checkDate(shop, input.date, now);
    const quote = await this.planner.quote(ctx, repos, shop, input);
    const slots = await this.planner.slots(repos, shop, input.date, quote.durationMinutes, now);
    return { shop, date: input.date, quote, slots };
  }
}
