import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { Page } from '../../../../platform/kernel';
import { PageMetaDto } from '../../../../platform/http/pagination.dto';
import { DISCOUNT_REFUSALS, DiscountProps, DiscountRefusal, DiscountSettings, LISTING_KINDS, ListingKind } from '../../domain';
import type { DiscountQuote, DiscountValidation } from '../../application/use-cases/discounts.use-cases';
import { MAX_CART_LINES } from '../../application/use-cases/place-order.use-case';
import { CartItemDto } from './commerce.request.dto';

const TYPES = ['percentage', 'fixed'] as const;
const SCOPES = ['organization', 'listings', 'kinds'] as const;
const MAX_SCOPED_LISTINGS = 100;
const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;

/** Fields shared by creation and update (all optional on update; null clears a limit, a date or the description). */
class DiscountFieldsDto {
  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, description: 'type percentage: the rate in basis points (1 000 = 10 %)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  percent_bps?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'type fixed: minor units of `currency`' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount_minor?: number;

  @ApiPropertyOptional({
    pattern: '^[A-Z]{3}$',
    nullable: true,
    description: 'Required for fixed amounts and minimum orders; the code then applies to orders in it only',
  })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  currency?: string | null;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'The seller’s order subtotal must reach this (minor units of `currency`)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  min_order_minor?: number;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  starts_at?: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'Exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  ends_at?: string | null;

  @ApiPropertyOptional({ minimum: 1, nullable: true, description: 'Uses by open or paid orders, all customers together' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  max_uses?: number | null;

  @ApiPropertyOptional({ minimum: 1, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  max_uses_per_customer?: number | null;

  @ApiPropertyOptional({ enum: SCOPES, default: 'organization', description: 'All the organization’s listings, the listing_ids, or the kinds' })
  @IsOptional()
  @IsIn(SCOPES)
  scope?: (typeof SCOPES)[number];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_SCOPED_LISTINGS })
  @IsOptional()
  @ArrayMaxSize(MAX_SCOPED_LISTINGS)
  @IsUUID('all', { each: true })
  listing_ids?: string[];

  @ApiPropertyOptional({ enum: LISTING_KINDS, isArray: true })
  @IsOptional()
  @ArrayMaxSize(LISTING_KINDS.length)
  @IsIn(LISTING_KINDS, { each: true })
  kinds?: ListingKind[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateCommerceDiscountDto extends DiscountFieldsDto {
  @ApiProperty({ pattern: '^[A-Za-z0-9_-]{3,40}$', description: 'Compared case-insensitively; unique in the organization' })
  @Matches(/^[A-Za-z0-9_-]{3,40}$/)
  code: string;

  @ApiProperty({ enum: TYPES })
  @IsIn(TYPES)
  type: (typeof TYPES)[number];
}

export class UpdateCommerceDiscountDto extends DiscountFieldsDto {
  @ApiPropertyOptional({ pattern: '^[A-Za-z0-9_-]{3,40}$' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{3,40}$/)
  code?: string;

  @ApiPropertyOptional({ enum: TYPES, description: 'Changing the value: type with its percent_bps or amount_minor' })
  @IsOptional()
  @IsIn(TYPES)
  type?: (typeof TYPES)[number];
}

const date = (value: string | null | undefined): Date | null | undefined => (value === undefined ? undefined : value === null ? null : new Date(value));

function scopeOf(body: DiscountFieldsDto): DiscountSettings['scope'] | undefined {
  if (body.scope === 'listings') return { type: 'listings', listingIds: body.listing_ids ?? [] };
  if (body.scope === 'kinds') return { type: 'kinds', kinds: body.kinds ?? [] };
  if (body.scope === 'organization') return { type: 'organization' };
  return undefined;
}

function valueOf(type: 'percentage' | 'fixed', body: DiscountFieldsDto): DiscountSettings['value'] {
  return type === 'percentage' ? { type, percentBps: body.percent_bps ?? 0 } : { type, amountMinor: body.amount_minor ?? 0 };
}

export function discountSettings(body: CreateCommerceDiscountDto): DiscountSettings {
  return {
    code: body.code,
    description: body.description ?? null,
    value: valueOf(body.type, body),
    currency: body.currency ?? null,
    minOrderMinor: body.min_order_minor ?? 0,
    startsAt: date(body.starts_at) ?? null,
    endsAt: date(body.ends_at) ?? null,
    maxUses: body.max_uses ?? null,
    maxUsesPerCustomer: body.max_uses_per_customer ?? null,
    scope: scopeOf(body) ?? { type: 'organization' },
    active: body.active ?? true,
  };
}

export function discountChanges(body: UpdateCommerceDiscountDto): Partial<DiscountSettings> {
  return {
    code: body.code,
    description: body.description,
    value: body.type ? valueOf(body.type, body) : undefined,
    currency: body.currency,
    minOrderMinor: body.min_order_minor,
    startsAt: date(body.starts_at),
    endsAt: date(body.ends_at),
    maxUses: body.max_uses,
    maxUsesPerCustomer: body.max_uses_per_customer,
    scope: scopeOf(body),
    active: body.active,
  };
}

export class CommerceDiscountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: TYPES }) type: string;
  @ApiProperty({ type: Number, nullable: true }) percent_bps: number | null;
  @ApiProperty({ type: Number, nullable: true }) amount_minor: number | null;
  @ApiProperty({ type: String, nullable: true }) currency: string | null;
  @ApiProperty() min_order_minor: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) starts_at: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) ends_at: string | null;
  @ApiProperty({ type: Number, nullable: true }) max_uses: number | null;
  @ApiProperty({ type: Number, nullable: true }) max_uses_per_customer: number | null;
  @ApiProperty({ description: 'Uses held by open or paid orders' }) uses_count: number;
  @ApiProperty({ enum: SCOPES }) scope: string;
  @ApiProperty({ type: [String] }) listing_ids: string[];
  @ApiProperty({ enum: LISTING_KINDS, isArray: true }) kinds: string[];
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(d: DiscountProps): CommerceDiscountDto {
    return {
      id: d.id,
      org_id: d.orgId,
      code: d.code,
      description: d.description,
      type: d.value.type,
      percent_bps: d.value.type === 'percentage' ? d.value.percentBps : null,
      amount_minor: d.value.type === 'fixed' ? d.value.amountMinor : null,
      currency: d.currency,
      min_order_minor: d.minOrderMinor,
      starts_at: d.startsAt?.toISOString() ?? null,
      ends_at: d.endsAt?.toISOString() ?? null,
      max_uses: d.maxUses,
      max_uses_per_customer: d.maxUsesPerCustomer,
      uses_count: d.usesCount,
      scope: d.scope.type,
      listing_ids: d.scope.type === 'listings' ? d.scope.listingIds : [],
      kinds: d.scope.type === 'kinds' ? d.scope.kinds : [],
      active: d.active,
      created_at: d.createdAt.toISOString(),
      updated_at: d.updatedAt.toISOString(),
    };
  }
}

export class CommerceDiscountPageDto {
  @ApiProperty({ type: [CommerceDiscountDto] }) data: CommerceDiscountDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<DiscountProps>): CommerceDiscountPageDto {
    return { data: page.data.map(CommerceDiscountDto.from), meta: page.meta };
  }
}

export class ValidateCommerceDiscountDto {
  @ApiProperty({ maxLength: 40 })
  @IsString()
  @MaxLength(40)
  code: string;

  @ApiProperty({ type: [CartItemDto], minItems: 1, maxItems: MAX_CART_LINES * 2 })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CART_LINES * 2)
  @ValidateNested({ each: true })
  @Type(() => CartItemDto)
  items: CartItemDto[];
}

export class ApplyCommerceDiscountDto {
  @ApiProperty({ format: 'uuid', description: 'The caller’s order, still awaiting payment' })
  @IsUUID()
  order_id: string;

  @ApiProperty({ maxLength: 40, description: 'The seller’s code, any case' })
  @IsString()
  @MaxLength(40)
  code: string;
}

export class CommerceDiscountQuoteDto {
  @ApiProperty({ format: 'uuid' }) seller_org_id: string;
  @ApiProperty() currency: string;
  @ApiProperty() subtotal_minor: number;
  @ApiProperty() discount_minor: number;
  @ApiProperty() total_minor: number;
  @ApiProperty() applies: boolean;
  @ApiProperty({ enum: DISCOUNT_REFUSALS, nullable: true }) reason: DiscountRefusal | null;

  static from(q: DiscountQuote): CommerceDiscountQuoteDto {
    return {
      seller_org_id: q.sellerOrgId,
      currency: q.currency,
      subtotal_minor: q.subtotalMinor,
      discount_minor: q.discountMinor,
      total_minor: q.totalMinor,
      applies: q.applies,
      reason: q.reason,
    };
  }
}

export class CommerceDiscountValidationDto {
  @ApiProperty() code: string;
  @ApiProperty({ description: 'At least one seller’s order gets something off' }) valid: boolean;
  @ApiProperty({ enum: DISCOUNT_REFUSALS, nullable: true }) reason: DiscountRefusal | null;
  @ApiProperty({ type: String, nullable: true }) message: string | null;
  @ApiProperty({ description: 'Sum over the sellers (meaningful when they share a currency)' }) discount_minor: number;
  @ApiProperty({ type: [CommerceDiscountQuoteDto], description: 'One per seller in the cart' }) quotes: CommerceDiscountQuoteDto[];

  static from(v: DiscountValidation): CommerceDiscountValidationDto {
    return {
      code: v.code,
      valid: v.valid,
      reason: v.reason,
      message: v.message,
      discount_minor: v.discountMinor,
      quotes: v.quotes.map(CommerceDiscountQuoteDto.from),
    };
  }
}
