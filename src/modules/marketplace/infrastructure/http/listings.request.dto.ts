import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
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
import {
  DESCRIPTION_MAX_LENGTH,
  LISTING_KINDS,
  LISTING_STATUSES,
  ListingKind,
  ListingStatus,
  MAX_PRICE_MINOR,
  MAX_STOCK,
  PART_CONDITIONS,
  PartCondition,
  TITLE_MAX_LENGTH,
  TUNE_STAGES,
  TuneStage,
  VEHICLE_CONDITIONS,
  VehicleCondition,
} from '../../domain';

const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const PRINTABLE = /^[^\p{Cc}\p{Cf}]*$/u;
const MULTILINE_TEXT = /^(?:[^\p{Cc}\p{Cf}]|\r?\n)*$/u;
/** Present, absent or null (null clears it). */
const Clearable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null);

export class DeclaredChangesDto {
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'New rev limit, rpm', minimum: 0, maximum: 30000 })
  @Clearable()
  @IsInt()
  @Min(0)
  @Max(30_000)
  rev_limit_rpm?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Ignition advance delta, degrees', minimum: -45, maximum: 45 })
  @Clearable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-45)
  @Max(45)
  ignition_advance_deg?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Target AFR range, lower bound', minimum: 5, maximum: 25 })
  @Clearable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(5)
  @Max(25)
  afr_min?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Target AFR range, upper bound', minimum: 5, maximum: 25 })
  @Clearable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(5)
  @Max(25)
  afr_max?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Fuel map change, %', minimum: -100, maximum: 200 })
  @Clearable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-100)
  @Max(200)
  fuel_map_change_pct?: number | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() speed_limiter_removed?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() catalytic_converter_delete?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() o2_sensor_off?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() egr_off?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() secondary_air_off?: boolean;
}

export class TuneFieldsDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Catalog model ids the tune targets (1 to 50)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  model_ids?: string[];

  @ApiPropertyOptional({ maxLength: 80, example: 'Bosch ME17' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 80)
  @Matches(PRINTABLE)
  ecu_family?: string;

  @ApiPropertyOptional({ enum: TUNE_STAGES })
  @IsOptional()
  @IsIn(TUNE_STAGES)
  stage?: TuneStage;

  @ApiPropertyOptional({ type: DeclaredChangesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeclaredChangesDto)
  declared_changes?: DeclaredChangesDto;
}

export class VehicleFieldsDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() model_id?: string;
  @ApiPropertyOptional({ minimum: 1886, maximum: 2100 }) @IsOptional() @IsInt() @Min(1886) @Max(2100) year?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 10000000 }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) mileage_km?: number;
  @ApiPropertyOptional({ enum: VEHICLE_CONDITIONS }) @IsOptional() @IsIn(VEHICLE_CONDITIONS) condition?: VehicleCondition;

  @ApiPropertyOptional({ example: '1HGCM82633A004352', description: 'Shown masked to everyone but the owner' })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(/^[A-HJ-NPR-Z0-9]{11,17}$/, { message: 'vin must be 11 to 17 characters (no I, O or Q)' })
  vin?: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 40 }) @Clearable() @Trim() @IsString() @Length(1, 40) @Matches(PRINTABLE) colour?:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 120 }) @Clearable() @Trim() @IsString() @Length(1, 120) @Matches(PRINTABLE) location?:
    string | null;
}

export class PartFieldsDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Compatible catalog model ids' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  model_ids?: string[];

  @ApiPropertyOptional({ maxLength: 80 }) @IsOptional() @Trim() @IsString() @Length(1, 80) @Matches(PRINTABLE) part_number?: string;
  @ApiPropertyOptional({ enum: PART_CONDITIONS }) @IsOptional() @IsIn(PART_CONDITIONS) condition?: PartCondition;
}

/** The fields a create and an update share (all optional). */
export class ListingFieldsDto {
  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  @Matches(MULTILINE_TEXT, { message: 'description must not contain control characters' })
  description?: string;

  @ApiPropertyOptional({ description: 'Units in stock (parts only)', minimum: 0, maximum: MAX_STOCK })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK)
  stock?: number;

  @ApiPropertyOptional({ type: TuneFieldsDto, description: 'Tune fields (kind tune)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TuneFieldsDto)
  tune?: TuneFieldsDto;

  @ApiPropertyOptional({ type: VehicleFieldsDto, description: 'Vehicle fields (kind vehicle)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => VehicleFieldsDto)
  vehicle?: VehicleFieldsDto;

  @ApiPropertyOptional({ type: PartFieldsDto, description: 'Part fields (kind part)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PartFieldsDto)
  part?: PartFieldsDto;
}

export class UpdateListingDto extends ListingFieldsDto {
  @ApiPropertyOptional({ maxLength: TITLE_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, TITLE_MAX_LENGTH)
  @Matches(PRINTABLE, { message: 'title must not contain control characters' })
  title?: string;

  @ApiPropertyOptional({ description: 'Price in minor units of the currency', minimum: 0, maximum: MAX_PRICE_MINOR })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_MINOR)
  price_minor?: number;

  @ApiPropertyOptional({ example: 'USD', description: 'ISO 4217' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string;
}

export class CreateListingDto extends ListingFieldsDto {
  @ApiProperty({ enum: LISTING_KINDS, description: 'tune (creator studios), vehicle (dealerships), part (dealerships and repair shops)' })
  @IsIn(LISTING_KINDS)
  kind: ListingKind;

  @ApiProperty({ maxLength: TITLE_MAX_LENGTH })
  @Trim()
  @IsString()
  @Length(1, TITLE_MAX_LENGTH)
  @Matches(PRINTABLE, { message: 'title must not contain control characters' })
  title: string;

  @ApiProperty({ description: 'Price in minor units of the currency', minimum: 0, maximum: MAX_PRICE_MINOR })
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_MINOR)
  price_minor: number;

  @ApiProperty({ example: 'USD', description: 'ISO 4217' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency: string;
}

export class ArchiveListingDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 500)
  @Matches(MULTILINE_TEXT)
  reason?: string;
}

export class OrgListingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LISTING_KINDS }) @IsOptional() @IsIn(LISTING_KINDS) kind?: ListingKind;
  @ApiPropertyOptional({ enum: LISTING_STATUSES }) @IsOptional() @IsIn(LISTING_STATUSES) status?: ListingStatus;
}
