/** The bookings context's public surface: nothing else is imported from outside. */
export { BookingsModule } from './bookings.module';
export { BookingsApi } from './application/bookings.api';
export type { BookingParties } from './application/bookings.api';
export type { BookingActivity } from './application/ports';
export { BookingsAdminApi, ADMIN_BOOKING_SORTS, ADMIN_SERVICE_SORTS } from './application/bookings-admin.api';
export type {
  AdminBookingFilter,
  AdminBookingSort,
  AdminBookingView,
  AdminServiceChanges,
  AdminServiceDetail,
  AdminServiceFilter,
  AdminServiceRow,
  AdminServiceSort,
} from './application/bookings-admin.api';
export { BOOKING_CREATED, BOOKING_STATUS_CHANGED } from './application/booking-events';
export type { BookingStatusChangedPayload } from './application/booking-events';
export { BOOKING_STATUSES, PAYMENT_METHODS } from './domain/booking';
export type { BookingStatus, PaymentMethod } from './domain/booking';
export { BOOKINGS_ERRORS } from './domain/bookings-errors';
export type { BookingsErrorCode } from './domain/bookings-errors';
