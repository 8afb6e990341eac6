import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../../platform/http/pagination.dto';
import type { Page } from '../../../../platform/kernel';
import { CatalogRef, catalogStatus, CatalogStatus, VehicleBrandView, VehicleModelView, VehicleTypeView } from '../../domain/vehicle-catalog';

const STATUS = { enum: ['active', 'retired'], description: 'Retired entries are left out of lists but still resolve by id' };
const RETIRED_AT = { type: String, format: 'date-time', nullable: true };

function lifecycle(view: { retiredAt: Date | null; createdAt: Date; updatedAt: Date }) {
  return {
    status: catalogStatus(view),
    retired_at: view.retiredAt?.toISOString() ?? null,
    created_at: view.createdAt.toISOString(),
    updated_at: view.updatedAt.toISOString(),
  };
}

export class CatalogRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;

  static from(ref: CatalogRef): CatalogRefDto {
    return { id: ref.id, slug: ref.slug, name: ref.name };
  }
}

export class VehicleTypeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'motorcycle' }) slug: string;
  @ApiProperty({ example: 'Motorcycle' }) name: string;
  @ApiProperty(STATUS) status: CatalogStatus;
  @ApiProperty(RETIRED_AT) retired_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(view: VehicleTypeView): VehicleTypeDto {
    return { id: view.id, slug: view.slug, name: view.name, ...lifecycle(view) };
  }
}

export class VehicleBrandDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'royal-enfield' }) slug: string;
  @ApiProperty({ example: 'Royal Enfield' }) name: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The vehicle types the brand makes' }) vehicle_type_ids: string[];
  @ApiProperty(STATUS) status: CatalogStatus;
  @ApiProperty(RETIRED_AT) retired_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(view: VehicleBrandView): VehicleBrandDto {
    return { id: view.id, slug: view.slug, name: view.name, vehicle_type_ids: view.vehicleTypeIds, ...lifecycle(view) };
  }
}

export class VehicleModelDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'tenere-700', description: 'Unique within the brand' }) slug: string;
  @ApiProperty({ example: 'Ténéré 700' }) name: string;
  @ApiProperty({ type: CatalogRefDto }) vehicle_brand: CatalogRefDto;
  @ApiProperty({ type: CatalogRefDto }) vehicle_type: CatalogRefDto;
  @ApiProperty({ example: 2019, description: 'First model year' }) first_year: number;
  @ApiProperty({ type: Number, nullable: true, example: null, description: 'Last model year; null while still made' }) last_year: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 689, description: 'Engine displacement in cc; null where it does not apply (electric)' })
  engine_cc: number | null;
  @ApiProperty(STATUS) status: CatalogStatus;
  @ApiProperty(RETIRED_AT) retired_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(view: VehicleModelView): VehicleModelDto {
    return {
      id: view.id,
      slug: view.slug,
      name: view.name,
      vehicle_brand: CatalogRefDto.from(view.brand),
      vehicle_type: CatalogRefDto.from(view.type),
      first_year: view.firstYear,
      last_year: view.lastYear,
      engine_cc: view.engineCc,
      ...lifecycle(view),
    };
  }
}

export class VehicleTypePageDto {
  @ApiProperty({ type: [VehicleTypeDto] }) data: VehicleTypeDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<VehicleTypeView>): VehicleTypePageDto {
    return { data: page.data.map((view) => VehicleTypeDto.from(view)), meta: page.meta };
  }
}

export class VehicleBrandPageDto {
  @ApiProperty({ type: [VehicleBrandDto] }) data: VehicleBrandDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<VehicleBrandView>): VehicleBrandPageDto {
    return { data: page.data.map((view) => VehicleBrandDto.from(view)), meta: page.meta };
  }
}

export class VehicleModelPageDto {
  @ApiProperty({ type: [VehicleModelDto] }) data: VehicleModelDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<VehicleModelView>): VehicleModelPageDto {
    return { data: page.data.map((view) => VehicleModelDto.from(view)), meta: page.meta };
  }
}
