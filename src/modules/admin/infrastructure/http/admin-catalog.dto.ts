import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { Page } from '../../../../platform/kernel';
import type { CatalogListStatus, CatalogRef, VehicleBrandView, VehicleModelView, VehicleTypeView } from '../../../catalog';

/**
 * Request and response shapes of /admin/catalog/... The catalog's use cases check names, slugs, years and engine
 * sizes (CATALOG.VALIDATION_FAILED with field messages); these DTOs check types and bounds first.
 */
const NAME_MAX = 80;
const SLUG_MAX = 80;
const SEARCH_MAX = 100;
const TYPES_PER_BRAND_MAX = 10;
const NO_CONTROLS = /^[^\p{Cc}\p{Cf}]*$/u;
const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
/** Present or absent, never null: for fields a PATCH may leave out but not clear. */
const NotNullIfPresent = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
const STATUSES: CatalogListStatus[] = ['active', 'retired', 'all'];

export class AdminCatalogListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: SEARCH_MAX, description: 'Name search, ignoring case, accents, spaces and punctuation' })
  @IsOptional()
  @trim
  @IsString()
  @MaxLength(SEARCH_MAX)
  @Matches(NO_CONTROLS, { message: 'q must not contain control characters' })
  q?: string;

  @ApiPropertyOptional({ enum: STATUSES, default: 'active', description: 'Active entries (default), retired ones, or all' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: CatalogListStatus;
}

export class AdminBrandListQueryDto extends AdminCatalogListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only brands making this vehicle type' })
  @IsOptional()
  @IsUUID()
  vehicle_type?: string;
}

export class AdminModelListQueryDto extends AdminCatalogListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only models of this brand' })
  @IsOptional()
  @IsUUID()
  vehicle_brand?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only models of this vehicle type' })
  @IsOptional()
  @IsUUID()
  vehicle_type?: string;
}

export class AdminCreateVehicleTypeDto {
  @ApiProperty({ maxLength: NAME_MAX, example: 'Quad bike' })
  @trim
  @IsString()
  @MaxLength(NAME_MAX)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: SLUG_MAX, example: 'quad-bike', description: 'Derived from the name when omitted or null' })
  @IsOptional()
  @IsString()
  @MaxLength(SLUG_MAX)
  slug?: string | null;
}

export class AdminUpdateVehicleTypeDto {
  @ApiPropertyOptional({ maxLength: NAME_MAX })
  @NotNullIfPresent()
  @trim
  @IsString()
  @MaxLength(NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ maxLength: SLUG_MAX, description: 'Changing a slug breaks links that use the old one' })
  @NotNullIfPresent()
  @IsString()
  @MaxLength(SLUG_MAX)
  slug?: string;
}

export class AdminCreateVehicleBrandDto extends AdminCreateVehicleTypeDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: TYPES_PER_BRAND_MAX, description: 'The vehicle types the brand makes' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TYPES_PER_BRAND_MAX)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  vehicle_type_ids: string[];
}

export class AdminUpdateVehicleBrandDto extends AdminUpdateVehicleTypeDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: TYPES_PER_BRAND_MAX,
    description: 'Replaces the brand’s types; a type its models still have cannot be removed (409)',
  })
  @NotNullIfPresent()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TYPES_PER_BRAND_MAX)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  vehicle_type_ids?: string[];
}

export class AdminCreateVehicleModelDto extends AdminCreateVehicleTypeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  vehicle_brand_id: string;

  @ApiProperty({ format: 'uuid', description: 'One of the brand’s vehicle types' })
  @IsUUID()
  vehicle_type_id: string;

  @ApiProperty({ example: 2019, description: 'First model year' })
  @Type(() => Number)
  @IsInt()
  first_year: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Last model year; null or absent while still made' })
  @IsOptional()
  @IsInt()
  last_year?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 689, description: 'Engine displacement in cc; null for electric' })
  @IsOptional()
  @IsInt()
  engine_cc?: number | null;
}

export class AdminUpdateVehicleModelDto extends AdminUpdateVehicleTypeDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One of the brand’s vehicle types (the brand itself cannot change)' })
  @NotNullIfPresent()
  @IsUUID()
  vehicle_type_id?: string;

  @ApiPropertyOptional()
  @NotNullIfPresent()
  @IsInt()
  first_year?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: still made' })
  @IsOptional()
  @IsInt()
  last_year?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: not applicable (electric)' })
  @IsOptional()
  @IsInt()
  engine_cc?: number | null;
}

function lifecycle(view: { retiredAt: Date | null; createdAt: Date; updatedAt: Date }) {
  return {
    status: view.retiredAt ? ('retired' as const) : ('active' as const),
    retired_at: view.retiredAt?.toISOString() ?? null,
    created_at: view.createdAt.toISOString(),
    updated_at: view.updatedAt.toISOString(),
  };
}

export class AdminVehicleTypeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['active', 'retired'] }) status: 'active' | 'retired';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) retired_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(view: VehicleTypeView): AdminVehicleTypeDto {
    return { id: view.id, slug: view.slug, name: view.name, ...lifecycle(view) };
  }
}

export class AdminVehicleBrandDto extends AdminVehicleTypeDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The vehicle types the brand makes' }) vehicle_type_ids: string[];

  static fromBrand(view: VehicleBrandView): AdminVehicleBrandDto {
    return { ...AdminVehicleTypeDto.from(view), vehicle_type_ids: view.vehicleTypeIds };
  }
}

export class AdminCatalogRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;

  static from(ref: CatalogRef): AdminCatalogRefDto {
    return { id: ref.id, slug: ref.slug, name: ref.name };
  }
}

export class AdminVehicleModelDto extends AdminVehicleTypeDto {
  @ApiProperty({ format: 'uuid' }) vehicle_brand_id: string;
  @ApiProperty({ format: 'uuid' }) vehicle_type_id: string;
  @ApiProperty({ type: AdminCatalogRefDto }) vehicle_brand: AdminCatalogRefDto;
  @ApiProperty({ type: AdminCatalogRefDto }) vehicle_type: AdminCatalogRefDto;
  @ApiProperty() first_year: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null while still made' }) last_year: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'cc; null where it does not apply (electric)' }) engine_cc: number | null;

  static fromModel(view: VehicleModelView): AdminVehicleModelDto {
    return {
      ...AdminVehicleTypeDto.from(view),
      vehicle_brand_id: view.brand.id,
      vehicle_type_id: view.type.id,
      vehicle_brand: AdminCatalogRefDto.from(view.brand),
      vehicle_type: AdminCatalogRefDto.from(view.type),
      first_year: view.firstYear,
      last_year: view.lastYear,
      engine_cc: view.engineCc,
    };
  }
}

export class AdminVehicleTypePageDto {
  @ApiProperty({ type: [AdminVehicleTypeDto] }) data: AdminVehicleTypeDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<VehicleTypeView>): AdminVehicleTypePageDto {
    return { data: page.data.map((view) => AdminVehicleTypeDto.from(view)), meta: page.meta };
  }
}

export class AdminVehicleBrandPageDto {
  @ApiProperty({ type: [AdminVehicleBrandDto] }) data: AdminVehicleBrandDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<VehicleBrandView>): AdminVehicleBrandPageDto {
    return { data: page.data.map((view) => AdminVehicleBrandDto.fromBrand(view)), meta: page.meta };
  }
}

export class AdminVehicleModelPageDto {
  @ApiProperty({ type: [AdminVehicleModelDto] }) data: AdminVehicleModelDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<VehicleModelView>): AdminVehicleModelPageDto {
    return { data: page.data.map((view) => AdminVehicleModelDto.fromModel(view)), meta: page.meta };
  }
}
