import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMetaDto } from '../../../../platform/http/pagination.dto';
import type { Page } from '../../../../platform/kernel';
import type { ListingView } from '../../application/queries/listing.queries';
import type { VerdictRecord } from '../../application/ports';
import { photoPath } from '../../application/use-cases/files.use-case';
import {
  LISTING_KINDS,
  LISTING_STATUSES,
  ListingKind,
  ListingStatus,
  ListingTransition,
  PART_CONDITIONS,
  StoredFile,
  TUNE_STAGES,
  VEHICLE_CONDITIONS,
  maskVin,
} from '../../domain';

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

export class DeclaredChangesViewDto {
  @ApiProperty({ nullable: true, type: Number }) rev_limit_rpm: number | null;
  @ApiProperty({ nullable: true, type: Number }) ignition_advance_deg: number | null;
  @ApiProperty({ nullable: true, type: Number }) afr_min: number | null;
  @ApiProperty({ nullable: true, type: Number }) afr_max: number | null;
  @ApiProperty({ nullable: true, type: Number }) fuel_map_change_pct: number | null;
  @ApiProperty() speed_limiter_removed: boolean;
  @ApiProperty() catalytic_converter_delete: boolean;
  @ApiProperty() o2_sensor_off: boolean;
  @ApiProperty() egr_off: boolean;
  @ApiProperty() secondary_air_off: boolean;
}

export class FileViewDto {
  @ApiProperty() file_name: string;
  @ApiProperty() content_type: string;
  @ApiProperty() size_bytes: number;
  @ApiProperty({ description: 'SHA-256 of the bytes, hex' }) sha256: string;

  static from(file: StoredFile): FileViewDto {
    return { file_name: file.fileName, content_type: file.contentType, size_bytes: file.sizeBytes, sha256: file.sha256 };
  }
}

export class PhotoViewDto extends FileViewDto {
  @ApiProperty({ description: 'Redirects (302) to a short-lived signed link to the image' }) url: string;

  static fromPhoto(file: StoredFile, url: string): PhotoViewDto {
    return { ...FileViewDto.from(file), url };
  }
}

export class TuneViewDto {
  @ApiProperty({ type: [String] }) model_ids: string[];
  @ApiProperty() ecu_family: string;
  @ApiProperty({ enum: TUNE_STAGES }) stage: string;
  @ApiProperty({ type: DeclaredChangesViewDto }) declared_changes: DeclaredChangesViewDto;
  @ApiProperty({ type: FileViewDto, nullable: true, description: 'The tune file (downloaded through a signed link by the owner, admins and entitled buyers)' })
  file: FileViewDto | null;
}

export class VehicleViewDto {
  @ApiProperty({ format: 'uuid' }) model_id: string;
  @ApiProperty() year: number;
  @ApiProperty() mileage_km: number;
  @ApiProperty({ enum: VEHICLE_CONDITIONS }) condition: string;
  @ApiProperty({ description: 'Masked (last four characters) for everyone but the owner' }) vin: string;
  @ApiProperty({ nullable: true, type: String }) colour: string | null;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ type: [PhotoViewDto] }) photos: PhotoViewDto[];
}

export class PartViewDto {
  @ApiProperty({ type: [String] }) model_ids: string[];
  @ApiProperty() part_number: string;
  @ApiProperty({ enum: PART_CONDITIONS }) condition: string;
  @ApiProperty({ type: [PhotoViewDto] }) photos: PhotoViewDto[];
}

export class ListingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty({ enum: LISTING_KINDS }) kind: ListingKind;
  @ApiProperty({ enum: LISTING_STATUSES }) status: ListingStatus;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Minor units of the currency' }) price_minor: number;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Units left (parts; a vehicle is one unit; tunes null: unlimited)' }) stock: number | null;
  @ApiProperty({ type: TuneViewDto, nullable: true }) tune: TuneViewDto | null;
  @ApiProperty({ type: VehicleViewDto, nullable: true }) vehicle: VehicleViewDto | null;
  @ApiProperty({ type: PartViewDto, nullable: true }) part: PartViewDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) published_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(view: ListingView): ListingDto {
    const l = view.listing;
    const d = l.details;
    const photos = (files: StoredFile[]) => files.map((file, i) => PhotoViewDto.fromPhoto(file, photoPath(l, i + 1, view.owner)));
    return {
      id: l.id,
      org_id: l.orgId,
      kind: l.kind,
      status: l.status,
      title: l.title,
      description: l.description,
      price_minor: l.priceMinor,
      currency: l.currency,
      stock: l.stock,
      tune:
        d.kind === 'tune'
          ? {
              model_ids: d.modelIds,
              ecu_family: d.ecuFamily,
              stage: d.stage,
              declared_changes: {
                rev_limit_rpm: d.declaredChanges.revLimitRpm,
                ignition_advance_deg: d.declaredChanges.ignitionAdvanceDeg,
                afr_min: d.declaredChanges.afrMin,
                afr_max: d.declaredChanges.afrMax,
                fuel_map_change_pct: d.declaredChanges.fuelMapChangePct,
                speed_limiter_removed: d.declaredChanges.speedLimiterRemoved,
                catalytic_converter_delete: d.declaredChanges.catalyticConverterDelete,
                o2_sensor_off: d.declaredChanges.o2SensorOff,
                egr_off: d.declaredChanges.egrOff,
                secondary_air_off: d.declaredChanges.secondaryAirOff,
              },
              file: d.file ? FileViewDto.from(d.file) : null,
            }
          : null,
      vehicle:
        d.kind === 'vehicle'
          ? {
              model_id: d.modelId,
              year: d.year,
              mileage_km: d.mileageKm,
              condition: d.condition,
              vin: view.owner ? d.vin : maskVin(d.vin),
              colour: d.colour,
              location: d.location,
              photos: photos(d.photos),
            }
          : null,
      part: d.kind === 'part' ? { model_ids: d.modelIds, part_number: d.partNumber, condition: d.condition, photos: photos(d.photos) } : null,
      published_at: iso(l.publishedAt),
      created_at: l.createdAt.toISOString(),
      updated_at: l.updatedAt.toISOString(),
    };
  }
}

export class ListingPageDto {
  @ApiProperty({ type: [ListingDto] }) data: ListingDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<ListingView>): ListingPageDto {
    return { data: page.data.map(ListingDto.from), meta: page.meta };
  }
}

export class ListingTransitionDto {
  @ApiProperty({ enum: LISTING_STATUSES, nullable: true }) from: ListingStatus | null;
  @ApiProperty({ enum: LISTING_STATUSES }) to: ListingStatus;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actor_user_id: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;

  static from(t: ListingTransition & { actorUserId: string | null }): ListingTransitionDto {
    return { from: t.from, to: t.to, reason: t.reason, actor_user_id: t.actorUserId, at: t.at.toISOString() };
  }
}

export class ListingTransitionListDto {
  @ApiProperty({ type: [ListingTransitionDto] }) data: ListingTransitionDto[];
}

export class VerdictDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['gate', 'content_check', 'override', 'appeal', 'demo'], description: 'demo: recorded by the demo data, not by a real review' })
  source: string;
  @ApiProperty({ enum: ['approved', 'rejected', 'needs_human'] }) verdict: string;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String }) legal_note: string | null;
  @ApiProperty({ type: [String], description: 'Rules and AI flags raised' }) flags: string[];
  @ApiProperty({ nullable: true, type: Number }) safety_score: number | null;
  @ApiProperty({ nullable: true, type: Number }) confidence: number | null;
  @ApiProperty({ nullable: true, type: String }) rationale: string | null;
  @ApiProperty({ nullable: true, type: String }) model: string | null;
  @ApiProperty({ nullable: true, type: String }) prompt_version: string | null;
  @ApiProperty({ nullable: true, type: String }) input_hash: string | null;
  @ApiProperty({ nullable: true, type: Number }) latency_ms: number | null;
  @ApiProperty({ nullable: true, type: Number }) prompt_tokens: number | null;
  @ApiProperty({ nullable: true, type: Number }) completion_tokens: number | null;
  @ApiProperty({ description: 'ok, not_configured, unavailable, budget_exceeded, malformed, skipped, human or demo' }) ai_status: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) appealed_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;

  static from(v: VerdictRecord): VerdictDto {
    return {
      id: v.id,
      source: v.source,
      verdict: v.verdict,
      reason: v.reason,
      legal_note: v.legalNote,
      flags: v.flags,
      safety_score: v.safetyScore,
      confidence: v.confidence,
      rationale: v.rationale,
      model: v.model,
      prompt_version: v.promptVersion,
      input_hash: v.inputHash,
      latency_ms: v.latencyMs,
      prompt_tokens: v.promptTokens,
      completion_tokens: v.completionTokens,
      ai_status: v.aiStatus,
      appealed_at: iso(v.appealedAt),
      created_at: v.createdAt.toISOString(),
    };
  }
}

export class VerdictListDto {
  @ApiProperty({ type: [VerdictDto] }) data: VerdictDto[];
}

export class DownloadLinkDto {
  @ApiProperty({ description: 'GET it before it expires' }) url: string;
  @ApiProperty({ format: 'date-time' }) expires_at: string;
  @ApiProperty() file_name: string;
  @ApiProperty() sha256: string;
  @ApiProperty() size_bytes: number;
}
