import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../../platform/http/pagination.dto';
import { sortChoices, type Page } from '../../../../platform/kernel';
import {
  ADMIN_BOOKING_SORTS,
  ADMIN_SERVICE_SORTS,
  BOOKING_STATUSES,
  type AdminBookingView,
  type AdminServiceDetail,
  type AdminServiceRow,
} from '../../../bookings';

const MINOR_MAX = 1_000_000_000_00;
const ONE_LINE = /^[^\p{Cc}\p{Cf}]*$/u;
const MULTILINE = /^(?:[^\p{Cc}\p{Cf}]|\r?\n)*$/u;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);
/** Optional, but not null when present. */
const IfPresent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

// ---------------------------------------------------------------- queries

export class AdminBookingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The shop (its organization)' }) @IsOptional() @IsUUID() shop_id?: string;
  @ApiPropertyOptional({ enum: BOOKING_STATUSES }) @IsOptional() @IsIn(BOOKING_STATUSES) status?: (typeof BOOKING_STATUSES)[number];
  @ApiPropertyOptional({ format: 'date-time', description: 'Starting at or after' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Starting before' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ enum: sortChoices(ADMIN_BOOKING_SORTS), description: 'The order: a field, descending with a leading "-" (default -starts_at)' })
  @IsOptional()
  @IsIn(sortChoices(ADMIN_BOOKING_SORTS))
  sort?: string;
}

export class AdminServicesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The shop (its organization)' }) @IsOptional() @IsUUID() shop_id?: string;
  @ApiPropertyOptional({ type: Boolean }) @IsOptional() @Transform(bool) @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ maxLength: 120, description: 'Part of the name, case-insensitive' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  @Matches(ONE_LINE, { message: 'q must not contain control characters' })
  q?: string;
  @ApiPropertyOptional({ enum: sortChoices(ADMIN_SERVICE_SORTS), description: 'The order: a field, descending with a leading "-" (default name)' })
  @IsOptional()
  @IsIn(sortChoices(ADMIN_SERVICE_SORTS))
  sort?: string;
}

export class AdminModelPriceQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() vehicle_model_id: string;
}

// ---------------------------------------------------------------- bodies

class WithReason {
  @ApiPropertyOptional({ minLength: 3, maxLength: 1000, description: 'Why (kept in the audit log)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(3, 1000)
  @Matches(MULTILINE, { message: 'reason must not contain control characters' })
  reason?: string;
}

export class AdminUpdateServiceDto extends WithReason {
  @ApiPropertyOptional({ format: 'uuid', description: 'A category of the same shop' }) @IfPresent() @IsUUID() category_id?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 120 })
  @IfPresent()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  @Matches(ONE_LINE, { message: 'name must not contain control characters' })
  name?: string;
  @ApiPropertyOptional({ maxLength: 1000 })
  @IfPresent()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  @Matches(MULTILINE, { message: 'description must not contain control characters' })
  description?: string;
  @ApiPropertyOptional({ minimum: 5, maximum: 1440 }) @IfPresent() @IsInt() @Min(5) @Max(1440) duration_minutes?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: MINOR_MAX, description: 'Minor units of the shop’s currency' })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(MINOR_MAX)
  base_price_minor?: number;
  @ApiPropertyOptional() @IfPresent() @IsBoolean() active?: boolean;
}

export class AdminSetModelPriceDto extends WithReason {
  @ApiProperty({ format: 'uuid' }) @IsUUID() vehicle_model_id: string;
  @ApiProperty({ minimum: 0, maximum: MINOR_MAX, description: 'Minor units of the shop’s currency' }) @IsInt() @Min(0) @Max(MINOR_MAX) price_minor: number;
}

// ---------------------------------------------------------------- responses

export class AdminBookedServiceDto {
  @ApiProperty({ format: 'uuid' }) service_id: string;
  @ApiProperty() name: string;
  @ApiProperty() price_minor: number;
  @ApiProperty() duration_minutes: number;
}

export class AdminBookingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The shop (its organization)' }) shop_id: string;
  @ApiProperty({ format: 'uuid' }) bay_id: string;
  @ApiProperty({ enum: BOOKING_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) cancel_reason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for a guest booking' }) customer_user_id: string | null;
  @ApiProperty() customer_name: string;
  @ApiProperty({ description: 'E.164' }) customer_phone: string;
  @ApiProperty({ nullable: true, type: String }) customer_email: string | null;
  @ApiProperty({ format: 'uuid' }) vehicle_model_id: string;
  @ApiProperty({ enum: ['shop', 'home'] }) service_location: string;
  @ApiProperty({ format: 'date-time' }) starts_at: string;
  @ApiProperty({ format: 'date-time' }) ends_at: string;
  @ApiProperty({ type: [AdminBookedServiceDto], description: 'As priced when booked' }) services: AdminBookedServiceDto[];
  @ApiProperty({ description: 'Minor units' }) total_minor: number;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: ['cash', 'razorpay', 'stripe'] }) payment_method: string;
  @ApiProperty({ enum: ['unpaid', 'paid'] }) payment_status: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paid_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(b: AdminBookingView): AdminBookingDto {
    return {
      id: b.id,
      shop_id: b.orgId,
      bay_id: b.bayId,
      status: b.status,
      cancel_reason: b.cancelReason,
      customer_user_id: b.customerUserId,
      customer_name: b.customerName,
      customer_phone: b.customerPhone,
      customer_email: b.customerEmail,
      vehicle_model_id: b.vehicleModelId,
      service_location: b.serviceLocation,
      starts_at: b.startsAt.toISOString(),
      ends_at: b.endsAt.toISOString(),
      services: b.services.map((s) => ({ service_id: s.serviceId, name: s.name, price_minor: s.priceMinor, duration_minutes: s.durationMinutes })),
      total_minor: b.totalMinor,
      currency: b.currency,
      payment_method: b.paymentMethod,
      payment_status: b.paymentStatus,
      paid_at: iso(b.paidAt),
      created_at: b.createdAt.toISOString(),
      updated_at: b.updatedAt.toISOString(),
    };
  }
}

export class AdminBookingPageDto {
  @ApiProperty({ type: [AdminBookingDto] }) data: AdminBookingDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<AdminBookingView>): AdminBookingPageDto {
    return { data: page.data.map(AdminBookingDto.from), meta: page.meta };
  }
}

export class AdminShopServiceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The shop (its organization)' }) shop_id: string;
  @ApiProperty() shop_name: string;
  @ApiProperty({ format: 'uuid' }) category_id: string;
  @ApiProperty() category_name: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() duration_minutes: number;
  @ApiProperty({ description: 'Minor units of the shop’s currency' }) base_price_minor: number;
  @ApiProperty() active: boolean;

  static from(s: AdminServiceRow): AdminShopServiceDto {
    return {
      id: s.id,
      shop_id: s.orgId,
      shop_name: s.shopName,
      category_id: s.categoryId,
      category_name: s.categoryName,
      name: s.name,
      description: s.description,
      duration_minutes: s.durationMinutes,
      base_price_minor: s.basePriceMinor,
      active: s.active,
    };
  }
}

export class AdminShopServicePageDto {
  @ApiProperty({ type: [AdminShopServiceDto] }) data: AdminShopServiceDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<AdminServiceRow>): AdminShopServicePageDto {
    return { data: page.data.map(AdminShopServiceDto.from), meta: page.meta };
  }
}

export class AdminModelPriceDto {
  @ApiProperty({ format: 'uuid' }) vehicle_model_id: string;
  @ApiProperty() price_minor: number;
}

export class AdminShopServiceDetailDto extends AdminShopServiceDto {
  @ApiProperty({ type: [AdminModelPriceDto], description: 'Per-model prices overriding the base price' }) model_prices: AdminModelPriceDto[];

  static fromDetail(detail: AdminServiceDetail): AdminShopServiceDetailDto {
    return {
      ...AdminShopServiceDto.from(detail.service),
      model_prices: detail.modelPrices.map((p) => ({ vehicle_model_id: p.vehicleModelId, price_minor: p.priceMinor })),
    };
  }
}
