import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
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
} from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import { ENGINE_CC_MAX, MODEL_YEAR_MIN, NAME_MAX_LENGTH, SEARCH_MAX_LENGTH, SLUG_MAX_LENGTH, SLUG_PATTERN } from '../../domain/catalog-rules';
import { IsModelYear, IsSearchable } from './catalog-http';

/** Vehicle types a brand may make; more than this is a mistake, not a brand. */
const MAX_TYPES_PER_BRAND = 10;

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Present or absent, never null: for fields a PATCH may leave out but not clear. */
const NotNullIfPresent = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

const Name = (): PropertyDecorator =>
  applyDecorators(
    trim,
    IsString(),
    Length(1, NAME_MAX_LENGTH),
    Matches(/^[^\p{Cc}\p{Cf}]+$/u, { message: 'name must not contain control characters' }),
  ) as PropertyDecorator;

const Slug = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    MaxLength(SLUG_MAX_LENGTH),
    Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters and digits in hyphen-separated words' }),
  ) as PropertyDecorator;

const SLUG_DESCRIPTION = 'Stable identifier for URLs; derived from the name when omitted. Lower-case letters and digits in hyphen-separated words.';
const Q_DESCRIPTION = 'Name search, ignoring case, accents, spaces and punctuation ("tenere" finds "Ténéré 700", "mt07" finds "MT-07")';

// ---------------------------------------------------------------- list queries

export class ListVehicleTypesQueryDto extends PageQueryDto {}

export class ListVehicleBrandsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only brands making this vehicle type' })
  @IsOptional()
  @IsUUID()
  vehicle_type?: string;

  @ApiPropertyOptional({ maxLength: SEARCH_MAX_LENGTH, description: Q_DESCRIPTION })
  @IsOptional()
  @trim
  @IsString()
  @MaxLength(SEARCH_MAX_LENGTH)
  @IsSearchable()
  q?: string;
}

export class ListVehicleModelsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only models of this brand' })
  @IsOptional()
  @IsUUID()
  vehicle_brand?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only models of this vehicle type' })
  @IsOptional()
  @IsUUID()
  vehicle_type?: string;

  @ApiPropertyOptional({ minimum: MODEL_YEAR_MIN, description: 'Only models made in this model year (first_year <= year <= last_year, or still made)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @IsModelYear()
  year?: number;

  @ApiPropertyOptional({ maxLength: SEARCH_MAX_LENGTH, description: Q_DESCRIPTION })
  @IsOptional()
  @trim
  @IsString()
  @MaxLength(SEARCH_MAX_LENGTH)
  @IsSearchable()
  q?: string;
}

// ---------------------------------------------------------------- writes

export class CreateVehicleTypeDto {
  @ApiProperty({ maxLength: NAME_MAX_LENGTH, example: 'Motorcycle' })
  @Name()
  name: string;

  @ApiPropertyOptional({ maxLength: SLUG_MAX_LENGTH, example: 'motorcycle', description: SLUG_DESCRIPTION })
  @IsOptional()
  @Slug()
  slug?: string;
}

export class UpdateVehicleTypeDto {
  @ApiPropertyOptional({ maxLength: NAME_MAX_LENGTH })
  @NotNullIfPresent()
  @Name()
  name?: string;

  @ApiPropertyOptional({ maxLength: SLUG_MAX_LENGTH, description: 'Changing a slug breaks links that use the old one' })
  @NotNullIfPresent()
  @Slug()
  slug?: string;
}

export class CreateVehicleBrandDto {
  @ApiProperty({ maxLength: NAME_MAX_LENGTH, example: 'Royal Enfield' })
  @Name()
  name: string;

  @ApiPropertyOptional({ maxLength: SLUG_MAX_LENGTH, example: 'royal-enfield', description: SLUG_DESCRIPTION })
  @IsOptional()
  @Slug()
  slug?: string;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_TYPES_PER_BRAND, description: 'The vehicle types the brand makes' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TYPES_PER_BRAND)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  vehicle_type_ids: string[];
}

export class UpdateVehicleBrandDto {
  @ApiPropertyOptional({ maxLength: NAME_MAX_LENGTH })
  @NotNullIfPresent()
  @Name()
  name?: string;

  @ApiPropertyOptional({ maxLength: SLUG_MAX_LENGTH, description: 'Changing a slug breaks links that use the old one' })
  @NotNullIfPresent()
  @Slug()
  slug?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_TYPES_PER_BRAND,
    description: 'Replaces the brand’s types; a type its models (retired ones too) still have cannot be removed (409)',
  })
  @NotNullIfPresent()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TYPES_PER_BRAND)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  vehicle_type_ids?: string[];
}

export class CreateVehicleModelDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  vehicle_brand_id: string;

  @ApiProperty({ format: 'uuid', description: 'One of the brand’s vehicle types' })
  @IsUUID()
  vehicle_type_id: string;

  @ApiProperty({ maxLength: NAME_MAX_LENGTH, example: 'Ténéré 700' })
  @Name()
  name: string;

  @ApiPropertyOptional({ maxLength: SLUG_MAX_LENGTH, example: 'tenere-700', description: `${SLUG_DESCRIPTION} Unique within the brand.` })
  @IsOptional()
  @Slug()
  slug?: string;

  @ApiProperty({ minimum: MODEL_YEAR_MIN, example: 2019, description: 'First model year' })
  @IsInt()
  @IsModelYear()
  first_year: number;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: MODEL_YEAR_MIN, description: 'Last model year; null or absent while still made' })
  @IsOptional()
  @IsInt()
  @IsModelYear()
  last_year?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: ENGINE_CC_MAX,
    example: 689,
    description: 'Engine displacement in cc; null for electric',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ENGINE_CC_MAX)
  engine_cc?: number | null;
}

export class UpdateVehicleModelDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One of the brand’s vehicle types (the brand itself cannot change)' })
  @NotNullIfPresent()
  @IsUUID()
  vehicle_type_id?: string;

  @ApiPropertyOptional({ maxLength: NAME_MAX_LENGTH })
  @NotNullIfPresent()
  @Name()
  name?: string;

  @ApiPropertyOptional({ maxLength: SLUG_MAX_LENGTH, description: 'Changing a slug breaks links that use the old one' })
  @NotNullIfPresent()
  @Slug()
  slug?: string;

  @ApiPropertyOptional({ minimum: MODEL_YEAR_MIN })
  @NotNullIfPresent()
  @IsInt()
  @IsModelYear()
  first_year?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: MODEL_YEAR_MIN, description: 'null: still made' })
  @IsOptional()
  @IsInt()
  @IsModelYear()
  last_year?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: ENGINE_CC_MAX, description: 'null: not applicable (electric)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ENGINE_CC_MAX)
  engine_cc?: number | null;
}
