import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMetaDto } from '../../../../platform/http/pagination.dto';
import type { Page } from '../../../../platform/kernel';
import type { AvailabilityView } from '../../application/queries/availability.query';
import type { StaffStatsView } from '../../application/queries/booking.queries';
import type { OnlinePaymentView } from '../../application/ports';
import type { ModelPricingView, ShopInfoView } from '../../application/queries/shop.queries';
import {
  BOOKING_STATUSES,
  Booking,
  BookingStatus,
  ONLINE_PAYMENT_METHODS,
  OnlinePaymentMethod,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  PaymentMethod,
  PaymentStatus,
  SERVICE_LOCATIONS,
  ServiceLocation,
} from '../../domain/booking';
import type { Bay, Service, ServiceCategory, ShopProfile } from '../../domain/shop';
import { WEEKDAYS, Weekday } from '../../domain/shop-schedule';
import { zonedIso } from '../../domain/zoned-time';

export class OpeningHoursView {
  @ApiProperty({ enum: WEEKDAYS }) day: Weekday;
  @ApiProperty({ example: '09:00' }) open: string;
  @ApiProperty({ example: '18:00' }) close: string;
}

export class ClosureView {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() reason: string;
}

export class BayDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() active: boolean;

  static from(bay: Bay): BayDto {
    return { id: bay.id, name: bay.name, active: bay.active };
  }
}

export class BayListDto {
  @ApiProperty({ type: [BayDto] }) data: BayDto[];

  static from(bays: Bay[]): BayListDto {
    return { data: bays.map(BayDto.from) };
  }
}

export class ShopDto {
  @ApiProperty({ format: 'uuid', description: 'The shop’s organization id' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() address_line: string;
  @ApiProperty() city: string;
  @ApiProperty() postal_code: string;
  @ApiProperty() country_code: string;
  @ApiProperty() calling_code: string;
  @ApiProperty({ example: '+919876543210' }) phone: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ example: 'Asia/Kolkata' }) time_zone: string;
  @ApiProperty({ example: 'INR' }) currency: string;
  @ApiProperty({ type: [OpeningHoursView] }) weekly_hours: OpeningHoursView[];
  @ApiProperty({ type: [ClosureView] }) closures: ClosureView[];
  @ApiProperty({ enum: SERVICE_LOCATIONS, isArray: true }) service_locations: ServiceLocation[];
  @ApiProperty({ type: [String] }) home_service_postal_codes: string[];
  @ApiProperty({ type: [String] }) home_service_cities: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) vehicle_type_ids: string[];
  @ApiProperty() slot_step_minutes: number;
  @ApiProperty() buffer_minutes: number;
  @ApiProperty() min_notice_minutes: number;
  @ApiProperty() cancel_notice_minutes: number;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(shop: ShopProfile): ShopDto {
    return {
      id: shop.orgId,
      name: shop.name,
      address_line: shop.addressLine,
      city: shop.city,
      postal_code: shop.postalCode,
      country_code: shop.countryCode,
      calling_code: shop.callingCode,
      phone: shop.phone,
      email: shop.email,
      time_zone: shop.timeZone,
      currency: shop.currency,
      weekly_hours: shop.weeklyHours.map((entry) => ({ day: entry.day, open: entry.open, close: entry.close })),
      closures: shop.closures.map((closure) => ({ date: closure.date, reason: closure.reason })),
      service_locations: shop.serviceLocations,
      home_service_postal_codes: shop.homeServicePostalCodes,
      home_service_cities: shop.homeServiceCities,
      vehicle_type_ids: shop.vehicleTypeIds,
      slot_step_minutes: shop.slotStepMinutes,
      buffer_minutes: shop.bufferMinutes,
      min_notice_minutes: shop.minNoticeMinutes,
      cancel_notice_minutes: shop.cancelNoticeMinutes,
      updated_at: new Date(shop.updatedAt).toISOString(),
    };
  }
}

export class ShopPageDto {
  @ApiProperty({ type: [ShopDto] }) data: ShopDto[];
  @ApiProperty() meta: PageMetaDto;

  static from(page: Page<ShopProfile>): ShopPageDto {
    return { data: page.data.map(ShopDto.from), meta: page.meta };
  }
}

export class ShopInfoDto extends ShopDto {
  @ApiProperty({ type: [BayDto], description: 'The bays work is done on (active ones)' }) bays: BayDto[];

  static fromInfo(view: ShopInfoView): ShopInfoDto {
    return { ...ShopDto.from(view.shop), bays: view.bays.map(BayDto.from) };
  }
}

export class CategoryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() position: number;
  @ApiProperty() active: boolean;

  static from(category: ServiceCategory): CategoryDto {
    return { id: category.id, name: category.name, description: category.description, position: category.position, active: category.active };
  }
}

export class CategoryListDto {
  @ApiProperty({ type: [CategoryDto] }) data: CategoryDto[];
}

export class ServiceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) category_id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() duration_minutes: number;
  @ApiProperty({ description: 'Minor units of the shop’s currency' }) base_price_minor: number;
  @ApiProperty() currency: string;
  @ApiProperty() active: boolean;

  static from(service: Service, currency: string): ServiceDto {
    return {
      id: service.id,
      category_id: service.categoryId,
      name: service.name,
      description: service.description,
      duration_minutes: service.durationMinutes,
      base_price_minor: service.basePriceMinor,
      currency,
      active: service.active,
    };
  }
}

export class ServiceListDto {
  @ApiProperty({ type: [ServiceDto] }) data: ServiceDto[];
}

export class ModelPriceDto {
  @ApiProperty({ format: 'uuid' }) vehicle_model_id: string;
  @ApiProperty() price_minor: number;
}

export class ServicePricesDto extends ServiceDto {
  @ApiProperty({ type: [ModelPriceDto], description: 'Prices per vehicle model, overriding the base price' }) model_prices: ModelPriceDto[];
}

export class PricedServiceDto extends ServiceDto {
  @ApiProperty({ description: 'What this vehicle model pays: its own price when the shop set one, else the base price' }) price_minor: number;
  @ApiProperty({ description: 'Whether price_minor is the vehicle model’s own price' }) model_specific: boolean;
}

export class VehicleModelRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() brand_name: string;
}

export class ModelPricingDto {
  @ApiProperty() vehicle_model: VehicleModelRefDto;
  @ApiProperty() currency: string;
  @ApiProperty({ type: [PricedServiceDto] }) data: PricedServiceDto[];

  static from(view: ModelPricingView): ModelPricingDto {
    return {
      vehicle_model: { id: view.vehicleModel.id, name: view.vehicleModel.name, brand_name: view.vehicleModel.brandName },
      currency: view.currency,
      data: view.services.map((service) => ({
        ...ServiceDto.from(service, view.currency),
        price_minor: service.priceMinor,
        model_specific: service.modelPriceMinor !== null,
      })),
    };
  }
}

export class BookedServiceDto {
  @ApiProperty({ format: 'uuid' }) service_id: string;
  @ApiProperty() name: string;
  @ApiProperty() price_minor: number;
  @ApiProperty() duration_minutes: number;
}

export class SlotDto {
  @ApiProperty({ format: 'date-time', description: 'UTC' }) starts_at: string;
  @ApiProperty({ format: 'date-time' }) ends_at: string;
  @ApiProperty({ example: '2026-03-08T10:00:00-04:00', description: 'The start on the shop’s clocks, with its offset' }) local_time: string;
  @ApiProperty({ example: '10:00', description: 'What to send as appointment_time' }) appointment_time: string;
  @ApiProperty({ description: 'How many bays are free for it' }) free_bays: number;
}

export class AvailabilityDto {
  @ApiProperty({ format: 'uuid' }) shop_id: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() time_zone: string;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'The services’ total duration' }) duration_minutes: number;
  @ApiProperty({ description: 'The quote for this vehicle model' }) total_minor: number;
  @ApiProperty({ type: [BookedServiceDto] }) services: BookedServiceDto[];
  @ApiProperty({ type: [SlotDto] }) slots: SlotDto[];

  static from(view: AvailabilityView): AvailabilityDto {
    const tz = view.shop.timeZone;
    return {
      shop_id: view.shop.orgId,
      date: view.date,
      time_zone: tz,
      currency: view.shop.currency,
      duration_minutes: view.quote.durationMinutes,
      total_minor: view.quote.totalMinor,
      services: view.quote.services.map(bookedService),
      slots: view.slots.map((slot) => {
        const local = zonedIso(slot.start, tz);
        return {
          starts_at: slot.start.toISOString(),
          ends_at: slot.end.toISOString(),
          local_time: local,
          appointment_time: local.slice(11, 16),
          free_bays: slot.freeBayIds.length,
        };
      }),
    };
  }
}

function bookedService(line: { serviceId: string; name: string; priceMinor: number; durationMinutes: number }): BookedServiceDto {
  return { service_id: line.serviceId, name: line.name, price_minor: line.priceMinor, duration_minutes: line.durationMinutes };
}

export class BookingPaymentDto {
  @ApiProperty({ enum: ONLINE_PAYMENT_METHODS }) provider: OnlinePaymentMethod;
  @ApiProperty({ format: 'uuid', description: 'The commerce order paying the booking (GET /api/v1/orders/{id})' }) order_id: string;
  @ApiProperty({ description: 'The commerce order’s status' }) order_status: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) payment_id: string | null;
  @ApiProperty() amount_minor: number;
  @ApiProperty() currency: string;
  @ApiProperty({ nullable: true, type: String, description: 'Stripe: the PaymentIntent’s client secret for Stripe.js' }) stripe_client_secret: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Razorpay: the order id for Razorpay Checkout' }) razorpay_order_id: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Razorpay: the public key id for Razorpay Checkout' }) razorpay_key_id: string | null;

  static from(view: OnlinePaymentView): BookingPaymentDto {
    return {
      provider: view.provider,
      order_id: view.orderId,
      order_status: view.orderStatus,
      payment_id: view.paymentId,
      amount_minor: view.amountMinor,
      currency: view.currency,
      stripe_client_secret: view.stripeClientSecret,
      razorpay_order_id: view.razorpayOrderId,
      razorpay_key_id: view.razorpayKeyId,
    };
  }
}

export class BookingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) shop_id: string;
  @ApiProperty({ format: 'uuid' }) bay_id: string;
  @ApiProperty({ enum: BOOKING_STATUSES }) status: BookingStatus;
  @ApiProperty({ nullable: true, type: String }) cancel_reason: string | null;
  @ApiProperty() customer_name: string;
  @ApiProperty({ description: 'E.164' }) customer_phone: string;
  @ApiProperty({ nullable: true, type: String }) customer_email: string | null;
  @ApiProperty({ description: 'Whether a signed-in account made it' }) has_account: boolean;
  @ApiProperty({ format: 'uuid' }) vehicle_model_id: string;
  @ApiProperty({ enum: SERVICE_LOCATIONS }) service_location: ServiceLocation;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ format: 'date-time' }) starts_at: string;
  @ApiProperty({ format: 'date-time' }) ends_at: string;
  @ApiProperty({ type: [BookedServiceDto], description: 'As priced when booked' }) services: BookedServiceDto[];
  @ApiProperty() total_minor: number;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) payment_method: PaymentMethod;
  @ApiProperty({ enum: PAYMENT_STATUSES }) payment_status: PaymentStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paid_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Paid online and waiting: the slot is held until then' })
  payment_hold_expires_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The commerce order that paid it online' }) payment_order_id: string | null;
  @ApiProperty({ description: 'Given back of an online payment (cancelled booking), minor units' }) refunded_minor: number;
  @ApiPropertyOptional({ type: BookingPaymentDto, description: 'On creation of a booking paid online: how to pay it' })
  payment?: BookingPaymentDto;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(booking: Booking, payment?: OnlinePaymentView | null): BookingDto {
    const s = booking.snapshot();
    return {
      id: s.id,
      shop_id: s.orgId,
      bay_id: s.bayId,
      status: s.status,
      cancel_reason: s.cancelReason,
      customer_name: s.customerName,
      customer_phone: s.customerPhone,
      customer_email: s.customerEmail,
      has_account: s.customerUserId !== null,
      vehicle_model_id: s.vehicleModelId,
      service_location: s.serviceLocation,
      address: s.address,
      starts_at: s.startsAt.toISOString(),
      ends_at: s.endsAt.toISOString(),
      services: s.services.map(bookedService),
      total_minor: s.totalMinor,
      currency: s.currency,
      payment_method: s.paymentMethod,
      payment_status: s.paymentStatus,
      paid_at: s.paidAt ? s.paidAt.toISOString() : null,
      payment_hold_expires_at: s.status === 'pending_payment' && s.holdExpiresAt ? s.holdExpiresAt.toISOString() : null,
      payment_order_id: s.paymentOrderId,
      refunded_minor: s.refundedMinor,
      ...(payment ? { payment: BookingPaymentDto.from(payment) } : {}),
      notes: s.notes,
      created_at: s.createdAt.toISOString(),
      updated_at: s.updatedAt.toISOString(),
    };
  }
}

export class BookingPageDto {
  @ApiProperty({ type: [BookingDto] }) data: BookingDto[];
  @ApiProperty() meta: PageMetaDto;

  static from(page: Page<Booking>): BookingPageDto {
    return { data: page.data.map((booking) => BookingDto.from(booking)), meta: page.meta };
  }
}

export class StatusCountDto {
  @ApiProperty({ enum: BOOKING_STATUSES }) status: BookingStatus;
  @ApiProperty() count: number;
}

export class DayCountDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() count: number;
}

export class RevenueDto {
  @ApiProperty({ enum: PAYMENT_METHODS }) payment_method: PaymentMethod;
  @ApiProperty() amount_minor: number;
  @ApiProperty() count: number;
}

export class BayUtilizationDto {
  @ApiProperty({ format: 'uuid' }) bay_id: string;
  @ApiProperty() bay_name: string;
  @ApiProperty() booked_minutes: number;
  @ApiProperty() open_minutes: number;
  @ApiProperty({ description: 'booked / open, 0 to 1 (rounded to 3 decimals)' }) ratio: number;
}

export class BookingStatsDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty() currency: string;
  @ApiProperty({ type: [StatusCountDto] }) by_status: StatusCountDto[];
  @ApiProperty({ type: [DayCountDto], description: 'Bookings that are not cancelled, by date of the shop’s calendar' }) by_day: DayCountDto[];
  @ApiProperty({ type: [RevenueDto], description: 'Paid bookings' }) revenue_by_payment_method: RevenueDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'Average total of completed bookings' }) average_ticket_minor: number | null;
  @ApiProperty({ type: [BayUtilizationDto] }) bay_utilization: BayUtilizationDto[];

  static from(view: StaffStatsView): BookingStatsDto {
    return {
      from: view.from,
      to: view.to,
      currency: view.currency,
      by_status: view.byStatus.map((entry) => ({ status: entry.status, count: entry.count })),
      by_day: view.byDay.map((entry) => ({ date: entry.date, count: entry.count })),
      revenue_by_payment_method: view.revenueByMethod.map((entry) => ({
        payment_method: entry.paymentMethod,
        amount_minor: entry.amountMinor,
        count: entry.count,
      })),
      average_ticket_minor: view.averageTicketMinor,
      bay_utilization: view.bayUtilization.map((entry) => ({
        bay_id: entry.bayId,
        bay_name: entry.bayName,
        booked_minutes: entry.bookedMinutes,
        open_minutes: entry.openMinutes,
        ratio: entry.ratio,
      })),
    };
  }
}
