import type { EventPublisher, RequestContext } from '../../../platform/kernel';
import type { Booking, BookingStatus } from '../domain/booking';

export const BOOKING_CREATED = 'bookings.booking.created';
export const BOOKING_STATUS_CHANGED = 'bookings.booking.status-changed';

/** Payload of bookings.booking.created and bookings.booking.status-changed (version 1). */
export interface BookingStatusChangedPayload {
  bookingId: string;
  orgId: string;
  customerUserId: string | null;
  from: BookingStatus | null;
  to: BookingStatus;
  reason: string | null;
}

export function publishStatus(
  events: EventPublisher,
  ctx: RequestContext,
  type: typeof BOOKING_CREATED | typeof BOOKING_STATUS_CHANGED,
  booking: Booking,
  change: { from: BookingStatus | null; to: BookingStatus; reason: string | null },
): void {
  const s = booking.snapshot();
  const payload: BookingStatusChangedPayload = { bookingId: s.id, orgId: s.orgId, customerUserId: s.customerUserId, ...change };
  events.publish(ctx, { type, orgId: s.orgId, payload });
}
