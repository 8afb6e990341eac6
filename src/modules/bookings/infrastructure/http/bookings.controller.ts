import { Controller, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../../../platform/auth/public.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import { DomainError, RequestContext } from '../../../../platform/kernel';
import { AvailabilityQuery } from '../../application/queries/availability.query';
import { CustomerBookingQueries } from '../../application/queries/booking.queries';
import { CreateBookingInput, CreateBookingUseCase } from '../../application/use-cases/create-booking.use-case';
import { CancelBookingUseCase, RescheduleBookingUseCase } from '../../application/use-cases/customer-booking-changes.use-case';
import { PayBookingUseCase } from '../../application/use-cases/online-payment.use-cases';
import {
  AvailabilityQueryDto,
  CancelBookingDto,
  CreateBookingDto,
  CreateGuestBookingDto,
  GuestCancelBookingDto,
  GuestRescheduleBookingDto,
  LookupBookingsDto,
  RescheduleBookingDto,
} from './bookings.request.dto';
import { AvailabilityDto, BookingDto, BookingPageDto } from './bookings.response.dto';
import { BOOKING_NOT_FOUND, MODEL_UNKNOWN, SHOP_NOT_FOUND } from './shop-http';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const CREATE_422 =
  'Unknown or retired vehicle model, a service the shop does not offer, a location it does not serve, an address outside its area, ' +
  'an online payment method this server does not take, online payment of services that cost nothing, or a guest choosing to pay online (BOOKINGS.UNKNOWN_VEHICLE_MODEL, BOOKINGS.VEHICLE_NOT_SERVED, BOOKINGS.UNKNOWN_SERVICE, ' +
  'BOOKINGS.LOCATION_NOT_OFFERED, BOOKINGS.OUTSIDE_SERVICE_AREA, BOOKINGS.PAYMENT_METHOD_UNAVAILABLE, BOOKINGS.NOTHING_TO_PAY_ONLINE, BOOKINGS.SIGN_IN_TO_PAY_ONLINE), ' +
  'or the Idempotency-Key was used with another body (BOOKINGS.IDEMPOTENCY_KEY_REUSED)';
const SLOT_409 = 'The start time is not free (any more): the problem’s next_slots lists the next free ones (BOOKINGS.SLOT_UNAVAILABLE)';
const CHANGE_409 = 'The booking can no longer be changed this way (BOOKINGS.ILLEGAL_STATUS_TRANSITION) or the new time is not free (BOOKINGS.SLOT_UNAVAILABLE)';
const NOTICE_422 = 'Too close to the appointment: the shop’s notice limit has passed (BOOKINGS.NOTICE_PERIOD_PASSED)';
const PHONE_403 = 'The code does not prove the phone (BOOKINGS.PHONE_NOT_VERIFIED)';

const IdempotencyHeader = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat a creation safely: the same key with the same body answers the first booking again (200); with another body, 422',
  });

function idempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw new DomainError('HTTP.VALIDATION_FAILED', 'validation', 'The request has invalid or unexpected fields.', {
      errors: { 'Idempotency-Key': ['Idempotency-Key must be 1 to 255 visible ASCII characters'] },
    });
  }
  return value;
}

function createInput(body: CreateBookingDto, key: string | undefined, otpCode?: string): CreateBookingInput {
  return {
    shopId: body.shop_id,
    customerName: body.customer_name,
    customerPhone: body.customer_phone,
    customerEmail: body.customer_email ?? null,
    vehicleModelId: body.vehicle_model_id,
    serviceIds: body.service_ids,
    serviceLocation: body.service_location,
    address: body.address ?? null,
    appointmentDate: body.appointment_date,
    appointmentTime: body.appointment_time,
    paymentMethod: body.payment_method,
    notes: body.notes ?? null,
    otpCode,
    idempotencyKey: key,
  };
}

/** Customers: availability, booking (signed in, or as a guest with a phone code), their history, cancel and reschedule. */
@ApiTags('bookings')
@Controller()
export class BookingsController {
  constructor(
    private readonly availability: AvailabilityQuery,
    private readonly create: CreateBookingUseCase,
    private readonly queries: CustomerBookingQueries,
    private readonly cancelBooking: CancelBookingUseCase,
    private readonly rescheduleBooking: RescheduleBookingUseCase,
    private readonly payBooking: PayBookingUseCase,
  ) {}

  @Get('availability')
  @Public()
  @ApiOperation({ operationId: 'bookings_availability', summary: 'Free start times of a shop on a date for a vehicle model and services, with the quote' })
  @ApiOkResponse({ type: AvailabilityDto })
  @ApiProblemResponse(400, 'Invalid fields, or a date outside the booking horizon (BOOKINGS.VALIDATION_FAILED)')
  @ApiProblemResponse(404, SHOP_NOT_FOUND)
  @ApiProblemResponse(422, `${MODEL_UNKNOWN}, or a service the shop does not offer (BOOKINGS.UNKNOWN_SERVICE, BOOKINGS.VEHICLE_NOT_SERVED)`)
  async slots(@Ctx() ctx: RequestContext, @Query() query: AvailabilityQueryDto): Promise<AvailabilityDto> {
    const view = await this.availability.execute(ctx, {
      shopId: query.shop_id,
      date: query.date,
      vehicleModelId: query.vehicle_model_id,
      serviceIds: query.service_ids,
    });
    return AvailabilityDto.from(view);
  }

  @Post('bookings')
  @IdempotencyHeader()
  @ApiOperation({
    operationId: 'bookings_create',
    summary: 'Book as the signed-in customer: the price is quoted by the server and frozen',
    description:
      'With payment_method stripe or razorpay the booking is pending_payment and holds its slot until payment_hold_expires_at; ' +
      '`payment` carries what the client pays with (Stripe client secret, or Razorpay order id and key id). The payment confirms it; unpaid, it expires.',
  })
  @ApiCreatedResponse({ type: BookingDto })
  @ApiOkResponse({ type: BookingDto, description: 'Replayed: an earlier request with this Idempotency-Key made it' })
  @ApiProblemResponse(400, 'Invalid fields or phone (BOOKINGS.VALIDATION_FAILED, BOOKINGS.INVALID_PHONE)')
  @ApiProblemResponse(404, SHOP_NOT_FOUND)
  @ApiProblemResponse(409, SLOT_409)
  @ApiProblemResponse(422, CREATE_422)
  async book(
    @Ctx() ctx: RequestContext,
    @Body() body: CreateBookingDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BookingDto> {
    const result = await this.create.execute(ctx, createInput(body, idempotencyKey(key)));
    void reply.code(result.created ? 201 : 200);
    return BookingDto.from(result.booking, result.payment);
  }

  @Post('bookings/guest')
  @Public()
  @IdempotencyHeader()
  @ApiOperation({ operationId: 'bookings_create_as_guest', summary: 'Book without an account, proving the phone with a verification code first' })
  @ApiCreatedResponse({ type: BookingDto })
  @ApiOkResponse({ type: BookingDto, description: 'Replayed: an earlier request with this Idempotency-Key made it' })
  @ApiProblemResponse(400, 'Invalid fields or phone (BOOKINGS.VALIDATION_FAILED, BOOKINGS.INVALID_PHONE)')
  @ApiProblemResponse(403, PHONE_403)
  @ApiProblemResponse(404, SHOP_NOT_FOUND)
  @ApiProblemResponse(409, SLOT_409)
  @ApiProblemResponse(422, CREATE_422)
  async bookAsGuest(
    @Ctx() ctx: RequestContext,
    @Body() body: CreateGuestBookingDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BookingDto> {
    const result = await this.create.execute({ ...ctx, userId: undefined }, createInput(body, idempotencyKey(key), body.otp_code));
    void reply.code(result.created ? 201 : 200);
    return BookingDto.from(result.booking);
  }

  @Get('bookings')
  @ApiOperation({ operationId: 'bookings_list_mine', summary: 'The signed-in customer’s bookings, newest appointment first' })
  @ApiOkResponse({ type: BookingPageDto })
  async mine(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto): Promise<BookingPageDto> {
    return BookingPageDto.from(await this.queries.mine(ctx, query.toPageRequest()));
  }

  @Post('bookings/lookup')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    operationId: 'bookings_lookup_by_phone',
    summary: 'The bookings made with a phone number, with a verification code sent to it (never by the number alone)',
  })
  @ApiOkResponse({ type: BookingPageDto })
  @ApiProblemResponse(403, PHONE_403)
  async lookup(@Ctx() ctx: RequestContext, @Body() body: LookupBookingsDto): Promise<BookingPageDto> {
    const page = { page: body.page ?? 1, limit: body.limit ?? 20 };
    return BookingPageDto.from(await this.queries.byPhone(ctx, { phone: body.customer_phone, otpCode: body.otp_code }, page));
  }

  @Get('bookings/:id')
  @ApiOperation({ operationId: 'bookings_get_mine', summary: 'One of the signed-in customer’s bookings' })
  @ApiOkResponse({ type: BookingDto })
  @ApiProblemResponse(404, BOOKING_NOT_FOUND)
  async get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<BookingDto> {
    return BookingDto.from(await this.queries.get(ctx, id));
  }

  @Post('bookings/:id/pay')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'bookings_pay',
    summary: 'Open (or reopen) the online payment of the signed-in customer’s booking that waits for it',
    description:
      'For a booking in pending_payment: the same commerce order and payment as at creation, so a client that lost that answer, or whose attempt failed, ' +
      'pays from `payment` here until payment_hold_expires_at.',
  })
  @ApiOkResponse({ type: BookingDto })
  @ApiProblemResponse(404, BOOKING_NOT_FOUND)
  @ApiProblemResponse(
    409,
    'Nothing to pay online: the booking is paid (BOOKINGS.ALREADY_PAID), paid at the shop (BOOKINGS.PAID_AT_SHOP), or cancelled or expired (BOOKINGS.NOT_PAYABLE)',
  )
  @ApiProblemResponse(422, 'The booking’s online payment method is no longer configured on this server (COMMERCE.PAYMENT_METHOD_UNAVAILABLE)')
  async pay(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<BookingDto> {
    const { booking, payment } = await this.payBooking.execute(ctx, id);
    return BookingDto.from(booking, payment);
  }

  @Post('bookings/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ operationId: 'bookings_cancel', summary: 'Cancel the signed-in customer’s booking, until the shop’s notice limit' })
  @ApiOkResponse({ type: BookingDto })
  @ApiProblemResponse(404, BOOKING_NOT_FOUND)
  @ApiProblemResponse(409, CHANGE_409)
  @ApiProblemResponse(422, NOTICE_422)
  async cancel(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: CancelBookingDto): Promise<BookingDto> {
    return BookingDto.from(await this.cancelBooking.execute(ctx, { bookingId: id, reason: body.reason ?? null }));
  }

  @Post('bookings/:id/guest-cancel')
  @HttpCode(200)
  @Public()
  @ApiOperation({ operationId: 'bookings_cancel_as_guest', summary: 'Cancel a booking made with a phone number, with a verification code sent to it' })
  @ApiOkResponse({ type: BookingDto })
  @ApiProblemResponse(403, PHONE_403)
  @ApiProblemResponse(404, BOOKING_NOT_FOUND)
  @ApiProblemResponse(409, CHANGE_409)
  @ApiProblemResponse(422, NOTICE_422)
  async guestCancel(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: GuestCancelBookingDto): Promise<BookingDto> {
    const credential = { phone: body.customer_phone, otpCode: body.otp_code };
    return BookingDto.from(await this.cancelBooking.execute({ ...ctx, userId: undefined }, { bookingId: id, reason: body.reason ?? null, credential }));
  }

  @Post('bookings/:id/reschedule')
  @HttpCode(200)
  @ApiOperation({ operationId: 'bookings_reschedule', summary: 'Move the signed-in customer’s booking to another free start time, until the notice limit' })
  @ApiOkResponse({ type: BookingDto })
  @ApiProblemResponse(400, 'Invalid date or time (BOOKINGS.VALIDATION_FAILED)')
  @ApiProblemResponse(404, BOOKING_NOT_FOUND)
  @ApiProblemResponse(409, CHANGE_409)
  @ApiProblemResponse(422, NOTICE_422)
  async reschedule(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: RescheduleBookingDto): Promise<BookingDto> {
    return BookingDto.from(await this.rescheduleBooking.execute(ctx, { bookingId: id, date: body.appointment_date, time: body.appointment_time }));
  }

  @Post('bookings/:id/guest-reschedule')
  @HttpCode(200)
  @Public()
  @ApiOperation({ operationId: 'bookings_reschedule_as_guest', summary: 'Move a booking made with a phone number, with a verification code sent to it' })
  @ApiOkResponse({ type: BookingDto })
  @ApiProblemResponse(400, 'Invalid date or time (BOOKINGS.VALIDATION_FAILED)')
  @ApiProblemResponse(403, PHONE_403)
  @ApiProblemResponse(404, BOOKING_NOT_FOUND)
  @ApiProblemResponse(409, CHANGE_409)
  @ApiProblemResponse(422, NOTICE_422)
  async guestReschedule(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: GuestRescheduleBookingDto): Promise<BookingDto> {
    const credential = { phone: body.customer_phone, otpCode: body.otp_code };
    return BookingDto.from(
      await this.rescheduleBooking.execute(
        { ...ctx, userId: undefined },
        { bookingId: id, date: body.appointment_date, time: body.appointment_time, credential },
      ),
    );
  }
}
