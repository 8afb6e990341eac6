import { DomainError } from '../../../platform/kernel';

/** Every error code the bookings context raises on purpose. */
export const BOOKINGS_ERRORS = {
  validation: 'BOOKINGS.VALIDATION_FAILED',
  shopNotFound: 'BOOKINGS.SHOP_NOT_FOUND',
  notARepairShop: 'BOOKINGS.NOT_A_REPAIR_SHOP',
  categoryNotFound: 'BOOKINGS.CATEGORY_NOT_FOUND',
  serviceNotFound: 'BOOKINGS.SERVICE_NOT_FOUND',
  bayNotFound: 'BOOKINGS.BAY_NOT_FOUND',
  bookingNotFound: 'BOOKINGS.BOOKING_NOT_FOUND',
  nameTaken: 'BOOKINGS.NAME_TAKEN',
  unknownVehicleModel: 'BOOKINGS.UNKNOWN_VEHICLE_MODEL',
  vehicleNotServed: 'BOOKINGS.VEHICLE_NOT_SERVED',
  unknownService: 'BOOKINGS.UNKNOWN_SERVICE',
  locationNotOffered: 'BOOKINGS.LOCATION_NOT_OFFERED',
  outsideServiceArea: 'BOOKINGS.OUTSIDE_SERVICE_AREA',
  slotUnavailable: 'BOOKINGS.SLOT_UNAVAILABLE',
  tooLate: 'BOOKINGS.NOTICE_PERIOD_PASSED',
  illegalTransition: 'BOOKINGS.ILLEGAL_STATUS_TRANSITION',
  reasonRequired: 'BOOKINGS.REASON_REQUIRED',
  phoneNotVerified: 'BOOKINGS.PHONE_NOT_VERIFIED',
  invalidPhone: 'BOOKINGS.INVALID_PHONE',
  paymentMethodUnavailable: 'BOOKINGS.PAYMENT_METHOD_UNAVAILABLE',
  alreadyPaid: 'BOOKINGS.ALREADY_PAID',
  notPayable: 'BOOKINGS.NOT_PAYABLE',
  idempotencyKeyReused: 'BOOKINGS.IDEMPOTENCY_KEY_REUSED',
  signInToPayOnline: 'BOOKINGS.SIGN_IN_TO_PAY_ONLINE',
  paidOnline: 'BOOKINGS.PAID_ONLINE',
  paidAtShop: 'BOOKINGS.PAID_AT_SHOP',
  nothingToPayOnline: 'BOOKINGS.NOTHING_TO_PAY_ONLINE',
} as const;

export type BookingsErrorCode = (typeof BOOKINGS_ERRORS)[keyof typeof BOOKINGS_ERRORS];

const E = BOOKINGS_ERRORS;

/** A start time the availability can offer, given back to a caller whose slot was taken. */
export interface SlotHint {
  starts_at: string;
  local_time: string;
}

export const BookingsErrors = {
  validation: (errors: Record<string, string[]>) => new DomainError(E.validation, 'validation', 'The request has invalid fields.', { errors }),
  shopNotFound: () => new DomainError(E.shopNotFound, 'not_found', 'No such repair shop.'),
  notARepairShop: () => new DomainError(E.notARepairShop, 'forbidden', 'Only repair shops take bookings: this organization is not one.'),
  categoryNotFound: () => new DomainError(E.categoryNotFound, 'not_found', 'No such service category.'),
  serviceNotFound: () => new DomainError(E.serviceNotFound, 'not_found', 'No such service.'),
  bayNotFound: () => new DomainError(E.bayNotFound, 'not_found', 'No such bay.'),
  bookingNotFound: () => new DomainError(E.bookingNotFound, 'not_found', 'No such booking.'),
  nameTaken: (what: string) => new DomainError(E.nameTaken, 'conflict', `The shop already has a ${what} with this name.`),
  unknownVehicleModel: () =>
    new DomainError(E.unknownVehicleModel, 'unprocessable', 'The vehicle model does not exist or is retired.', {
      errors: { vehicle_model_id: ['vehicle_model_id does not name an active vehicle model'] },
    }),
  vehicleNotServed: () => new DomainError(E.vehicleNotServed, 'unprocessable', 'The shop does not service this type of vehicle.'),
  unknownService: (ids: string[]) =>
    new DomainError(E.unknownService, 'unprocessable', 'A service is unknown, inactive or not offered by this shop.', {
      errors: { service_ids: ids.map((id) => `${id} is not an active service of this shop`) },
    }),
  locationNotOffered: (location: string) => new DomainError(E.locationNotOffered, 'unprocessable', `The shop does not offer service at ${location}.`),
  outsideServiceArea: () =>
    new DomainError(E.outsideServiceArea, 'unprocessable', 'The address is outside the shop’s home-service area (its postal codes or cities).'),
  slotUnavailable: (nextSlots: SlotHint[]) =>
    new DomainError(E.slotUnavailable, 'conflict', 'This start time is no longer free: choose one of next_slots.', { extensions: { next_slots: nextSlots } }),
  tooLate: (minutes: number) =>
    new DomainError(E.tooLate, 'unprocessable', `Bookings can be changed or cancelled online until ${minutes} minutes before the appointment: call the shop.`),
  illegalTransition: (from: string, to: string) => new DomainError(E.illegalTransition, 'conflict', `A booking cannot go from ${from} to ${to}.`),
  reasonRequired: () =>
    new DomainError(E.reasonRequired, 'validation', 'A cancellation needs a reason.', { errors: { reason: ['reason is required to cancel'] } }),
  phoneNotVerified: () =>
    new DomainError(
      E.phoneNotVerified,
      'forbidden',
      'Prove the phone number first: request a code with POST /api/v1/auth/phone/request-otp (purpose verification) and send it as otp_code.',
    ),
  invalidPhone: (field: string) =>
    new DomainError(E.invalidPhone, 'validation', 'The phone number is not valid.', {
      errors: { [field]: [`${field} must be a phone number (E.164 like +919876543210, or a national number of the shop’s country)`] },
    }),
  paymentMethodUnavailable: (method: string, accepted: readonly string[]) =>
    new DomainError(E.paymentMethodUnavailable, 'unprocessable', `Payment by ${method} is not available: choose one of ${accepted.join(', ')}.`, {
      errors: { payment_method: [`${method} is not available; use one of ${accepted.join(', ')}`] },
      extensions: { accepted_payment_methods: accepted },
    }),
  signInToPayOnline: () =>
    new DomainError(E.signInToPayOnline, 'unprocessable', 'Paying online needs an account: sign in, or book as a guest with cash (paid at the shop).', {
      errors: { payment_method: ['guests pay cash at the shop; sign in to pay online'] },
    }),
  paidOnline: () => new DomainError(E.paidOnline, 'conflict', 'This booking is paid online: its payment is recorded when the provider confirms it.'),
  paidAtShop: () => new DomainError(E.paidAtShop, 'conflict', 'This booking is paid at the shop (cash): it has no online payment.'),
  nothingToPayOnline: () =>
    new DomainError(E.nothingToPayOnline, 'unprocessable', 'These services cost nothing, so there is nothing to pay online: book with payment_method cash.', {
      errors: { payment_method: ['the booking costs nothing: use cash'] },
    }),
  alreadyPaid: () => new DomainError(E.alreadyPaid, 'conflict', 'The booking is already paid.'),
  notPayable: () => new DomainError(E.notPayable, 'conflict', 'A cancelled or expired booking cannot be paid.'),
  idempotencyKeyReused: () =>
    new DomainError(E.idempotencyKeyReused, 'unprocessable', 'This Idempotency-Key was used with another request body: use a new key for a new booking.'),
};
