import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../platform/kernel';
import { CatalogErrors } from '../domain/catalog-errors';
import { ENGINE_CC_MAX, modelYearErrors } from '../domain/catalog-rules';
import type { VehicleBrandView, VehicleModelView } from '../domain/vehicle-catalog';
import { checkedName, defined, resolveSlug } from './catalog-input';
import {
  CATALOG_AUDIT_LOG,
  CATALOG_CHANGES,
  CatalogAuditLog,
  CatalogChangeNotifier,
  ModelListFilter,
  VEHICLE_BRAND_REPOSITORY,
  VEHICLE_MODEL_REPOSITORY,
  VEHICLE_TYPE_REPOSITORY,
  VehicleBrandRepository,
  VehicleModelRepository,
  VehicleTypeRepository,
} from './ports';

export interface CreateVehicleModelInput {
  brandId: string;
  typeId: string;
  name: string;
  slug?: string;
  firstYear: number;
  lastYear?: number | null;
  engineCc?: number | null;
}

/** `undefined` leaves a field as it is; `null` clears last_year (still made) or engine_cc (not applicable). */
export type UpdateVehicleModelInput = Partial<Omit<CreateVehicleModelInput, 'brandId'>>;

/** Vehicle models: what bookings price services for and listings describe. */
@Injectable()
export class VehicleModelsService {
  private readonly logger = new Logger('Catalog');

  constructor(
    @Inject(VEHICLE_MODEL_REPOSITORY) private readonly models: VehicleModelRepository,
    @Inject(VEHICLE_BRAND_REPOSITORY) private readonly brands: VehicleBrandRepository,
    @Inject(VEHICLE_TYPE_REPOSITORY) private readonly types: VehicleTypeRepository,
    @Inject(CATALOG_CHANGES) private readonly changes: CatalogChangeNotifier,
    @Inject(CATALOG_AUDIT_LOG) private readonly audit: CatalogAuditLog,
  ) {}

  list(_ctx: RequestContext, filter: ModelListFilter, page: PageRequest): Promise<Page<VehicleModelView>> {
    return this.models.list(filter, page);
  }

  async get(_ctx: RequestContext, id: string): Promise<VehicleModelView> {
    return (await this.models.find(id)) ?? throwNotFound();
  }

  async create(ctx: RequestContext, input: CreateVehicleModelInput): Promise<VehicleModelView> {
    const name = checkedName(input.name);
    const years = checkedYears(input.firstYear, input.lastYear ?? null);
    const engineCc = checkedEngineCc(input.engineCc ?? null);
    const brand = await this.brands.find(input.brandId);
    if (!brand) throw CatalogErrors.unknownVehicleBrand('vehicle_brand_id');
    if (brand.retiredAt) throw CatalogErrors.vehicleBrandRetired('vehicle_brand_id');
    await this.checkType(brand, input.typeId);
    const created = await this.models.insert({ brandId: brand.id, typeId: input.typeId, name, slug: resolveSlug(input.slug, name), ...years, engineCc });
    await this.changed(ctx, 'vehicle model created', created.id, 'catalog.vehicle_model_created', {
      name: created.name,
      slug: created.slug,
      vehicle_brand_id: created.brand.id,
      vehicle_type_id: created.type.id,
    });
    return created;
  }

  async update(ctx: RequestContext, id: string, input: UpdateVehicleModelInput): Promise<VehicleModelView> {
    const current = (await this.models.find(id)) ?? throwNotFound();
    const years: { firstYear?: number; lastYear?: number | null } =
      input.firstYear === undefined && input.lastYear === undefined
        ? {}
        : checkedYears(input.firstYear ?? current.firstYear, input.lastYear === undefined ? current.lastYear : input.lastYear);
    if (input.typeId !== undefined && input.typeId !== current.type.id) {
      const brand = (await this.brands.find(current.brand.id)) ?? throwNotFound();
      await this.checkType(brand, input.typeId);
    }
    const changes = {
      typeId: input.typeId,
      name: input.name === undefined ? undefined : checkedName(input.name),
      slug: input.slug === undefined ? undefined : resolveSlug(input.slug, ''),
      ...years,
      engineCc: input.engineCc === undefined ? undefined : checkedEngineCc(input.engineCc),
    };
    const updated = (await this.models.update(id, changes)) ?? throwNotFound();
    await this.changed(ctx, 'vehicle model updated', id, 'catalog.vehicle_model_updated', {
      changes: defined({
        name: changes.name,
        slug: changes.slug,
        vehicle_type_id: changes.typeId,
        first_year: input.firstYear,
        last_year: input.lastYear,
        engine_cc: changes.engineCc,
      }),
    });
    return updated;
  }

  async retire(ctx: RequestContext, id: string): Promise<VehicleModelView> {
    const retired = (await this.models.retire(id)) ?? throwNotFound();
    await this.changed(ctx, 'vehicle model retired', id, 'catalog.vehicle_model_retired', {});
    return retired;
  }

  /** A model's type must be one the brand makes (the schema enforces it too) and must still be active. */
  private async checkType(brand: VehicleBrandView, typeId: string): Promise<void> {
    const type = await this.types.find(typeId);
    if (!type) throw CatalogErrors.unknownVehicleType('vehicle_type_id');
    if (type.retiredAt) throw CatalogErrors.vehicleTypeRetired('vehicle_type_id');
    if (!brand.vehicleTypeIds.includes(typeId)) throw CatalogErrors.vehicleTypeNotOffered('vehicle_type_id');
  }

  private async changed(ctx: RequestContext, msg: string, id: string, action: `catalog.${string}`, metadata: Record<string, unknown>): Promise<void> {
    await this.changes.changed();
    await this.audit.record(ctx, { action, targetType: 'vehicle_model', targetId: id, metadata });
    this.logger.log({ msg, vehicle_model_id: id, by: ctx.userId });
  }
}

function checkedYears(firstYear: number, lastYear: number | null): { firstYear: number; lastYear: number | null } {
  const errors = modelYearErrors({ firstYear, lastYear }, new Date());
  if (Object.keys(errors).length > 0) throw CatalogErrors.validation(errors);
  return { firstYear, lastYear };
}

function checkedEngineCc(engineCc: number | null): number | null {
  if (engineCc !== null && (!Number.isInteger(engineCc) || engineCc < 1 || engineCc > ENGINE_CC_MAX)) {
    throw CatalogErrors.validation({ engine_cc: [`engine_cc must be a whole number of cubic centimetres between 1 and ${ENGINE_CC_MAX}`] });
  }
  return engineCc;
}

function throwNotFound(): never {
  throw CatalogErrors.vehicleModelNotFound();
}
