import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import type { Booking, BookingStatus } from '../../domain/booking';
import { BookingsErrors } from '../../domain/bookings-errors';
import { BOOKING_STATUS_CHANGED, publishStatus } from '../booking-events';
import { BOOKINGS_UNIT_OF_WORK, BookingsUnitOfWork, SHOP_ORGANIZATIONS, ShopOrganizations } from '../ports';
import { activeOrg } from '../shop-access';

/**
 * Staff move a booking along the workflow. The change and its event commit
 * together; the event's handlers audit it and tell the customer.
 */
@Injectable()
export class ChangeBookingStatusUseCase {
  constructor(@Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork) {}

  execute(ctx: RequestContext, input: { bookingId: string; status: BookingStatus; reason: string | null }): Promise<Booking> {
    const orgId = activeOrg(ctx);
    return this.uow.run(async (repos, events) => {
      const booking = await repos.bookings.findForUpdate(orgId, input.bookingId);
      if (!booking) throw BookingsErrors.bookingNotFound();
      const change = booking.changeStatus(input.status, input.reason, new Date());
      await repos.bookings.save(booking);
      publishStatus(events, ctx, BOOKING_STATUS_CHANGED, booking, change);
      return booking;
    });
  }
}

/** Staff record that the customer paid cash. */
@Injectable()
export class MarkBookingPaidUseCase {
  constructor(
    @Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork,
    @Inject(SHOP_ORGANIZATIONS) private readonly organizations: ShopOrganizations,
  ) {}

  async execute(ctx: RequestContext, input: { bookingId: string }): Promise<Booking> {
    const orgId = activeOrg(ctx);
    const booking = await this.uow.run(async (repos) => {
      const found = await repos.bookings.findForUpdate(orgId, input.bookingId);
      if (!found) throw BookingsErrors.bookingNotFound();
      found.markPaid(new Date());
      await repos.bookings.save(found);
      return found;
    });
    const s = booking.snapshot();
    await this.organizations.audit(ctx, {
      orgId,
      action: 'bookings.booking_paid',
      targetId: s.id,
      metadata: { payment_method: s.paymentMethod, amount_minor: s.totalMinor, currency: s.currency },
    });
    return booking;
  }
}
