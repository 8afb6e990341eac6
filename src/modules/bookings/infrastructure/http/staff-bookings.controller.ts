import { Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptsApiKey } from '../../../../platform/auth/api-key.decorator';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { Roles } from '../../../../platform/auth/roles.decorator';
import { ApiOrganizationHeader } from '../../../../platform/auth/tenant.decorator';
import { ORG_STAFF } from '../../../organizations';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import type { RequestContext } from '../../../../platform/kernel';
import { StaffBookingQueries } from '../../application/queries/booking.queries';
import { ChangeBookingStatusUseCase, MarkBookingPaidUseCase } from '../../application/use-cases/staff-booking-changes.use-case';
import { StaffBookingsQueryDto, StatsQueryDto, UpdateStatusDto } from './bookings.request.dto';
import { BookingDto, BookingPageDto, BookingStatsDto } from './bookings.response.dto';
import { ROLE_403 } from './shop-http';

const NOT_FOUND = 'No such booking in this shop (BOOKINGS.BOOKING_NOT_FOUND)';
const STAFF_403 = 'Not staff (or above) of the organization named by X-Organization-Id, nor its API key (AUTH.FORBIDDEN, ORGANIZATIONS.NOT_A_MEMBER)';

/**
 * Seed 004's staff portal: the shop's own bookings. Staff sign in and name
 * the shop with X-Organization-Id, or an integration uses the shop's
 * organization API key; never a global key.
 */
@ApiTags('bookings')
@Controller('staff/bookings')
@Roles(ORG_STAFF)
@AcceptsApiKey()
@ApiOrganizationHeader()
export class StaffBookingsController {
  constructor(
    private readonly queries: StaffBookingQueries,
    private readonly changeStatus: ChangeBookingStatusUseCase,
    private readonly markPaid: MarkBookingPaidUseCase,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'bookings_staff_list',
    summary: 'The shop’s bookings by appointment, filtered by status, date (shop calendar) and customer name/phone/e-mail',
  })
  @ApiOkResponse({ type: BookingPageDto })
  @ApiProblemResponse(403, STAFF_403)
  async list(@Ctx() ctx: RequestContext, @Query() query: StaffBookingsQueryDto): Promise<BookingPageDto> {
    return BookingPageDto.from(await this.queries.list(ctx, { status: query.status, date: query.date, search: query.search }, query.toPageRequest()));
  }

  @Get('stats')
  @ApiOperation({
    operationId: 'bookings_staff_stats',
    summary: 'Bookings by status and by day, revenue by payment method, average ticket and bay utilization over a date range (shop calendar)',
  })
  @ApiOkResponse({ type: BookingStatsDto })
  @ApiProblemResponse(400, 'Invalid or too long a range (BOOKINGS.VALIDATION_FAILED)')
  @ApiProblemResponse(403, STAFF_403)
  async stats(@Ctx() ctx: RequestContext, @Query() query: StatsQueryDto): Promise<BookingStatsDto> {
    return BookingStatsDto.from(await this.queries.stats(ctx, { from: query.from, to: query.to }));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'bookings_staff_get', summary: 'One booking of the shop' })
  @ApiOkResponse({ type: BookingDto })
  @ApiProblemResponse(403, ROLE_403)
  @ApiProblemResponse(404, NOT_FOUND)
  async get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<BookingDto> {
    return BookingDto.from(await this.queries.get(ctx, id));
  }

  @Patch(':id/update-status')
  @ApiOperation({
    operationId: 'bookings_staff_update_status',
    summary: 'Move a booking along pending → confirmed → in_progress → completed, or cancel it with a reason; audited, the customer is told',
  })
  @ApiOkResponse({ type: BookingDto })
  @ApiProblemResponse(400, 'A cancellation without a reason (BOOKINGS.REASON_REQUIRED)')
  @ApiProblemResponse(403, STAFF_403)
  @ApiProblemResponse(404, NOT_FOUND)
  @ApiProblemResponse(409, 'The workflow does not allow this change (BOOKINGS.ILLEGAL_STATUS_TRANSITION)')
  async updateStatus(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: UpdateStatusDto): Promise<BookingDto> {
    return BookingDto.from(await this.changeStatus.execute(ctx, { bookingId: id, status: body.status, reason: body.reason ?? null }));
  }

  @Post(':id/mark-paid')
  @HttpCode(200)
  @ApiOperation({ operationId: 'bookings_staff_mark_paid', summary: 'Record that the customer paid (cash at the shop); audited' })
  @ApiOkResponse({ type: BookingDto })
  @ApiProblemResponse(403, STAFF_403)
  @ApiProblemResponse(404, NOT_FOUND)
  @ApiProblemResponse(409, 'Already paid, or cancelled (BOOKINGS.ALREADY_PAID, BOOKINGS.NOT_PAYABLE)')
  async paid(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<BookingDto> {
    return BookingDto.from(await this.markPaid.execute(ctx, { bookingId: id }));
  }
}
