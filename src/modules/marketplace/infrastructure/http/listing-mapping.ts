import type { DeclaredChanges, ListingChanges, ListingDetails, ListingKind, TuneDetails } from '../../domain';
import { MarketplaceErrors } from '../../domain';
import type { DeclaredChangesDto, ListingFieldsDto } from './listings.request.dto';

const NO_CHANGES: DeclaredChanges = {
  revLimitRpm: null,
  ignitionAdvanceDeg: null,
  afrMin: null,
  afrMax: null,
  fuelMapChangePct: null,
  speedLimiterRemoved: false,
  catalyticConverterDelete: false,
  o2SensorOff: false,
  egrOff: false,
  secondaryAirOff: false,
};

export function declaredChanges(dto: DeclaredChangesDto | undefined, base: DeclaredChanges = NO_CHANGES): DeclaredChanges {
  if (!dto) return base;
  const pick = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);
  return {
    revLimitRpm: pick(dto.rev_limit_rpm, base.revLimitRpm),
    ignitionAdvanceDeg: pick(dto.ignition_advance_deg, base.ignitionAdvanceDeg),
    afrMin: pick(dto.afr_min, base.afrMin),
    afrMax: pick(dto.afr_max, base.afrMax),
    fuelMapChangePct: pick(dto.fuel_map_change_pct, base.fuelMapChangePct),
    speedLimiterRemoved: pick(dto.speed_limiter_removed, base.speedLimiterRemoved),
    catalyticConverterDelete: pick(dto.catalytic_converter_delete, base.catalyticConverterDelete),
    o2SensorOff: pick(dto.o2_sensor_off, base.o2SensorOff),
    egrOff: pick(dto.egr_off, base.egrOff),
    secondaryAirOff: pick(dto.secondary_air_off, base.secondaryAirOff),
  };
}

function onlyFieldsOf(kind: ListingKind, dto: ListingFieldsDto): void {
  const other = (['tune', 'vehicle', 'part'] as const).filter((k) => k !== kind && dto[k] !== undefined);
  if (other.length > 0) throw MarketplaceErrors.validation(Object.fromEntries(other.map((k) => [k, [`a ${kind} listing has no ${k} fields`]])));
}

/** The kind-specific fields of a new listing. */
export function detailsForCreate(kind: ListingKind, dto: ListingFieldsDto): ListingDetails {
  onlyFieldsOf(kind, dto);
  if (kind === 'tune') {
    const t = dto.tune ?? {};
    return {
      kind,
      modelIds: t.model_ids ?? [],
      ecuFamily: t.ecu_family ?? '',
      stage: t.stage ?? 'stage1',
      declaredChanges: declaredChanges(t.declared_changes),
      file: null,
    };
  }
  if (kind === 'vehicle') {
    const v = dto.vehicle ?? {};
    const missing = (['model_id', 'year', 'mileage_km', 'condition', 'vin'] as const).filter((f) => v[f] === undefined);
    if (missing.length > 0) throw MarketplaceErrors.validation(Object.fromEntries(missing.map((f) => [`vehicle.${f}`, [`vehicle.${f} is required`]])));
    return {
      kind,
      modelId: v.model_id!,
      year: v.year!,
      mileageKm: v.mileage_km!,
      condition: v.condition!,
      vin: v.vin!,
      colour: v.colour ?? null,
      location: v.location ?? null,
      photos: [],
    };
  }
  const p = dto.part ?? {};
  return { kind, modelIds: p.model_ids ?? [], partNumber: p.part_number ?? '', condition: p.condition ?? 'new', photos: [] };
}

/** What an update changes (the kind-specific fields merged by the domain). */
export function changesForUpdate(
  kind: ListingKind,
  current: ListingDetails,
  dto: ListingFieldsDto & { title?: string; price_minor?: number; currency?: string },
): ListingChanges {
  onlyFieldsOf(kind, dto);
  const changes: ListingChanges = { title: dto.title, description: dto.description, priceMinor: dto.price_minor, currency: dto.currency, stock: dto.stock };
  if (kind === 'tune' && dto.tune) {
    const t = dto.tune;
    changes.details = {
      ...(t.model_ids !== undefined && { modelIds: t.model_ids }),
      ...(t.ecu_family !== undefined && { ecuFamily: t.ecu_family }),
      ...(t.stage !== undefined && { stage: t.stage }),
      ...(t.declared_changes !== undefined && { declaredChanges: declaredChanges(t.declared_changes, (current as TuneDetails).declaredChanges) }),
    };
  }
  if (kind === 'vehicle' && dto.vehicle) {
    const v = dto.vehicle;
    changes.details = {
      ...(v.model_id !== undefined && { modelId: v.model_id }),
      ...(v.year !== undefined && { year: v.year }),
      ...(v.mileage_km !== undefined && { mileageKm: v.mileage_km }),
      ...(v.condition !== undefined && { condition: v.condition }),
      ...(v.vin !== undefined && { vin: v.vin }),
      ...(v.colour !== undefined && { colour: v.colour }),
      ...(v.location !== undefined && { location: v.location }),
    };
  }
  if (kind === 'part' && dto.part) {
    const p = dto.part;
    changes.details = {
      ...(p.model_ids !== undefined && { modelIds: p.model_ids }),
      ...(p.part_number !== undefined && { partNumber: p.part_number }),
      ...(p.condition !== undefined && { condition: p.condition }),
    };
  }
  return changes;
}
