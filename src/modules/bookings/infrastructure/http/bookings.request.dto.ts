import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import { BOOKING_STATUSES, BookingStatus, PAYMENT_METHODS, PaymentMethod, SERVICE_LOCATIONS, ServiceLocation } from '../../domain/booking';
import { WEEKDAYS, Weekday } from '../../domain/shop-schedule';

const PRINTABLE = /^[^\p{Cc}\p{Cf}]*$/u;
const MULTILINE = /^(?:[^\p{Cc}\p{Cf}]|\r?\n)*$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^([01]\d|2[0-4]):[0-5]\d$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:00)?$/;
const PHONE_INPUT = /^\+?[0-9 ()-]{6,24}$/;
const OTP = /^\d{6}$/;
const MAX_SERVICES = 20;
export const MINOR_MAX = 1_000_000_000_00;

const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const NotNullIfPresent = (): PropertyDecorator => ValidateIf((_o: object, value: unknown) => value !== undefined);
/** `a,b,c` in a query string, or the parameter repeated. */
const CommaList = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').filter((part) => part !== '') : Array.isArray(value) ? value : value,
  );

const Text = (max: number, field: string): PropertyDecorator[] => [
  Trim(),
  IsString(),
  Length(1, max),
  Matches(PRINTABLE, { message: `${field} must not contain control characters` }),
];
const apply =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorator of decorators) decorator(target, key);
  };

// ---------------------------------------------------------------- public reads

export class ShopQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The repair shop (its organization id)' })
  @IsUUID()
  shop_id: string;
}

export class ListShopsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Exact city, case-insensitive', maxLength: 80 })
  @IsOptional()
  @apply(...Text(80, 'city'))
  city?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only shops that work on this vehicle model’s type' })
  @IsOptional()
  @IsUUID()
  vehicle_model_id?: string;
}

export class ListServicesQueryDto extends ShopQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  category_id?: string;
}

export class PricingQueryDto extends ShopQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  vehicle_model_id: string;
}

export class AvailabilityQueryDto extends PricingQueryDto {
  @ApiProperty({ format: 'date', description: 'A date of the shop’s calendar (its time zone)', example: '2026-03-08' })
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  date: string;

  @ApiProperty({ type: [String], description: 'Comma-separated service ids', example: 'b0d1…,c2e3…' })
  @CommaList()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SERVICES)
  @IsUUID('all', { each: true })
  service_ids: string[];
}

// ---------------------------------------------------------------- shop management

export class OpeningHoursDto {
  @ApiProperty({ enum: WEEKDAYS }) @IsIn(WEEKDAYS) day: Weekday;
  @ApiProperty({ example: '09:00' }) @IsString() @Matches(CLOCK, { message: 'open must be HH:MM' }) open: string;
  @ApiProperty({ example: '18:00', description: 'Up to 24:00' }) @IsString() @Matches(CLOCK, { message: 'close must be HH:MM' }) close: string;
}

export class ClosureDto {
  @ApiProperty({ format: 'date' }) @IsString() @Matches(DATE, { message: 'date must be YYYY-MM-DD' }) date: string;
  @ApiProperty({ maxLength: 200 }) @apply(...Text(200, 'reason')) reason: string;
}

export class SaveShopInfoDto {
  @ApiProperty({ maxLength: 120 }) @apply(...Text(120, 'name')) name: string;
  @ApiProperty({ maxLength: 300 }) @apply(...Text(300, 'address_line')) address_line: string;
  @ApiProperty({ maxLength: 80 }) @apply(...Text(80, 'city')) city: string;
  @ApiProperty({ maxLength: 20 }) @apply(...Text(20, 'postal_code')) postal_code: string;
  @ApiProperty({ example: 'IN' }) @IsString() @Matches(/^[A-Z]{2}$/, { message: 'country_code must be ISO 3166-1 alpha-2' }) country_code: string;
  @ApiProperty({ example: '91', description: 'Country calling code for national phone numbers' })
  @IsString()
  @Matches(/^[1-9]\d{0,3}$/, { message: 'calling_code must be 1 to 4 digits' })
  calling_code: string;
  @ApiProperty({ example: '+919876543210' }) @IsString() @Matches(PHONE_INPUT, { message: 'phone must be a phone number' }) phone: string;
  @ApiPropertyOptional({ format: 'email', nullable: true, type: String }) @IsOptional() @IsEmail() @MaxLength(254) email?: string | null;
  @ApiProperty({ example: 'Asia/Kolkata' }) @IsString() @Length(1, 64) time_zone: string;
  @ApiProperty({ example: 'INR' }) @IsString() @Matches(/^[A-Z]{3}$/, { message: 'currency must be ISO 4217' }) currency: string;

  @ApiProperty({ type: [OpeningHoursDto] })
  @IsArray()
  @ArrayMaxSize(28)
  @ValidateNested({ each: true })
  @Type(() => OpeningHoursDto)
  weekly_hours: OpeningHoursDto[];

  @ApiProperty({ type: [ClosureDto] })
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => ClosureDto)
  closures: ClosureDto[];

  @ApiProperty({ enum: SERVICE_LOCATIONS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SERVICE_LOCATIONS, { each: true })
  service_locations: ServiceLocation[];

  @ApiProperty({ type: [String], description: 'Home service goes to addresses with one of these postal codes…' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 20, { each: true })
  @Matches(PRINTABLE, { each: true })
  home_service_postal_codes: string[];

  @ApiProperty({ type: [String], description: '…or cities (none: anywhere)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 80, { each: true })
  @Matches(PRINTABLE, { each: true })
  home_service_cities: string[];

  @ApiProperty({ type: [String], description: 'The catalog’s vehicle types the shop works on (none: every type)' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  vehicle_type_ids: string[];

  @ApiProperty({ minimum: 5, maximum: 240, example: 30 }) @IsInt() @Min(5) @Max(240) slot_step_minutes: number;
  @ApiProperty({ minimum: 0, maximum: 240, example: 15 }) @IsInt() @Min(0) @Max(240) buffer_minutes: number;
  @ApiProperty({ minimum: 0, maximum: 43200, example: 120 }) @IsInt() @Min(0) @Max(43200) min_notice_minutes: number;
  @ApiProperty({ minimum: 0, maximum: 43200, example: 240 }) @IsInt() @Min(0) @Max(43200) cancel_notice_minutes: number;
}

export class CreateBayDto {
  @ApiProperty({ maxLength: 80 }) @apply(...Text(80, 'name')) name: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
}

export class UpdateBayDto {
  @ApiPropertyOptional({ maxLength: 80 }) @NotNullIfPresent() @apply(...Text(80, 'name')) name?: string;
  @ApiPropertyOptional() @NotNullIfPresent() @IsBoolean() active?: boolean;
}

export class CreateCategoryDto {
  @ApiProperty({ maxLength: 80 }) @apply(...Text(80, 'name')) name: string;
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  @Matches(MULTILINE, { message: 'description must not contain control characters' })
  description?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 10000 }) @IsOptional() @IsInt() @Min(0) @Max(10000) position?: number;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
}

export class UpdateCategoryDto {
  @ApiPropertyOptional({ maxLength: 80 }) @NotNullIfPresent() @apply(...Text(80, 'name')) name?: string;
  @ApiPropertyOptional({ maxLength: 500 })
  @NotNullIfPresent()
  @Trim()
  @IsString()
  @MaxLength(500)
  @Matches(MULTILINE, { message: 'description must not contain control characters' })
  description?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 10000 }) @NotNullIfPresent() @IsInt() @Min(0) @Max(10000) position?: number;
  @ApiPropertyOptional() @NotNullIfPresent() @IsBoolean() active?: boolean;
}

export class CreateServiceDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() category_id: string;
  @ApiProperty({ maxLength: 120 }) @apply(...Text(120, 'name')) name: string;
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  @Matches(MULTILINE, { message: 'description must not contain control characters' })
  description?: string;
  @ApiProperty({ minimum: 5, maximum: 1440, example: 60 }) @IsInt() @Min(5) @Max(1440) duration_minutes: number;
  @ApiProperty({ minimum: 0, maximum: MINOR_MAX, description: 'In minor units of the shop’s currency', example: 49900 })
  @IsInt()
  @Min(0)
  @Max(MINOR_MAX)
  base_price_minor: number;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
}

export class UpdateServiceDto {
  @ApiPropertyOptional({ format: 'uuid' }) @NotNullIfPresent() @IsUUID() category_id?: string;
  @ApiPropertyOptional({ maxLength: 120 }) @NotNullIfPresent() @apply(...Text(120, 'name')) name?: string;
  @ApiPropertyOptional({ maxLength: 1000 })
  @NotNullIfPresent()
  @Trim()
  @IsString()
  @MaxLength(1000)
  @Matches(MULTILINE, { message: 'description must not contain control characters' })
  description?: string;
  @ApiPropertyOptional({ minimum: 5, maximum: 1440 }) @NotNullIfPresent() @IsInt() @Min(5) @Max(1440) duration_minutes?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: MINOR_MAX }) @NotNullIfPresent() @IsInt() @Min(0) @Max(MINOR_MAX) base_price_minor?: number;
  @ApiPropertyOptional() @NotNullIfPresent() @IsBoolean() active?: boolean;
}

export class SetModelPriceDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() vehicle_model_id: string;
  @ApiProperty({ minimum: 0, maximum: MINOR_MAX }) @IsInt() @Min(0) @Max(MINOR_MAX) price_minor: number;
}

export class ModelPriceQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() vehicle_model_id: string;
}

// ---------------------------------------------------------------- bookings

export class CreateBookingDto {
  @ApiProperty({ format: 'uuid', description: 'The repair shop' }) @IsUUID() shop_id: string;
  @ApiProperty({ maxLength: 120, example: 'John Doe' }) @apply(...Text(120, 'customer_name')) customer_name: string;
  @ApiProperty({ example: '9876543210', description: 'E.164, or a national number of the shop’s country; stored in E.164' })
  @IsString()
  @Matches(PHONE_INPUT, { message: 'customer_phone must be a phone number' })
  customer_phone: string;
  @ApiPropertyOptional({ format: 'email', nullable: true, type: String })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  customer_email?: string | null;
  @ApiProperty({ format: 'uuid' }) @IsUUID() vehicle_model_id: string;
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SERVICES)
  @IsUUID('all', { each: true })
  service_ids: string[];
  @ApiProperty({ enum: SERVICE_LOCATIONS }) @IsIn(SERVICE_LOCATIONS) service_location: ServiceLocation;
  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String, description: 'Required for home service' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  @Matches(MULTILINE, { message: 'address must not contain control characters' })
  address?: string | null;
  @ApiProperty({ format: 'date', example: '2026-11-01' })
  @IsString()
  @Matches(DATE, { message: 'appointment_date must be YYYY-MM-DD' })
  appointment_date: string;
  @ApiProperty({ example: '10:00:00', description: 'Wall-clock time in the shop’s time zone, one of the availability’s start times' })
  @IsString()
  @Matches(TIME, { message: 'appointment_time must be HH:MM or HH:MM:00' })
  appointment_time: string;
  @ApiProperty({ enum: PAYMENT_METHODS, description: 'cash now; razorpay and stripe are refused until online payment is available' })
  @IsIn(PAYMENT_METHODS)
  payment_method: PaymentMethod;
  @ApiPropertyOptional({ maxLength: 1000, nullable: true, type: String })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  @Matches(MULTILINE, { message: 'notes must not contain control characters' })
  notes?: string | null;
}

export class CreateGuestBookingDto extends CreateBookingDto {
  @ApiProperty({ example: '123456', description: 'The verification code sent to customer_phone (POST /auth/phone/request-otp, purpose verification)' })
  @IsString()
  @Matches(OTP, { message: 'otp_code must be six digits' })
  otp_code: string;
}

export class PhoneProofDto {
  @ApiProperty({ example: '+919876543210', description: 'E.164, the number the booking was made with' })
  @IsString()
  @Matches(/^\+[1-9]\d{7,14}$/, { message: 'customer_phone must be in E.164 format' })
  customer_phone: string;
  @ApiProperty({ example: '123456' }) @IsString() @Matches(OTP, { message: 'otp_code must be six digits' }) otp_code: string;
}

export class LookupBookingsDto extends PhoneProofDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 }) @IsOptional() @IsInt() @Min(1) @Max(1_000_000) page?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @IsInt() @Min(1) @Max(100) limit?: number;
}

export class CancelBookingDto {
  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  @Matches(MULTILINE, { message: 'reason must not contain control characters' })
  reason?: string | null;
}

export class GuestCancelBookingDto extends PhoneProofDto {
  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  @Matches(MULTILINE, { message: 'reason must not contain control characters' })
  reason?: string | null;
}

export class RescheduleBookingDto {
  @ApiProperty({ format: 'date' }) @IsString() @Matches(DATE, { message: 'appointment_date must be YYYY-MM-DD' }) appointment_date: string;
  @ApiProperty({ example: '11:30' }) @IsString() @Matches(TIME, { message: 'appointment_time must be HH:MM or HH:MM:00' }) appointment_time: string;
}

export class GuestRescheduleBookingDto extends PhoneProofDto {
  @ApiProperty({ format: 'date' }) @IsString() @Matches(DATE, { message: 'appointment_date must be YYYY-MM-DD' }) appointment_date: string;
  @ApiProperty({ example: '11:30' }) @IsString() @Matches(TIME, { message: 'appointment_time must be HH:MM or HH:MM:00' }) appointment_time: string;
}

// ---------------------------------------------------------------- staff portal

export class StaffBookingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: BOOKING_STATUSES }) @IsOptional() @IsIn(BOOKING_STATUSES) status?: BookingStatus;
  @ApiPropertyOptional({ format: 'date', description: 'Bookings starting on this date of the shop’s calendar' })
  @IsOptional()
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  date?: string;
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the customer’s name, phone or e-mail' })
  @IsOptional()
  @apply(...Text(100, 'search'))
  search?: string;
}

export class StatsQueryDto {
  @ApiProperty({ format: 'date' }) @Matches(DATE, { message: 'from must be YYYY-MM-DD' }) from: string;
  @ApiProperty({ format: 'date' }) @Matches(DATE, { message: 'to must be YYYY-MM-DD' }) to: string;
}

export class UpdateStatusDto {
  @ApiProperty({ enum: BOOKING_STATUSES }) @IsIn(BOOKING_STATUSES) status: BookingStatus;
  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String, description: 'Required to cancel' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  @Matches(MULTILINE, { message: 'reason must not contain control characters' })
  reason?: string | null;
}
