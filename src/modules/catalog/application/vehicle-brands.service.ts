import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../platform/kernel';
import { CatalogErrors } from '../domain/catalog-errors';
import type { VehicleBrandView } from '../domain/vehicle-catalog';
import { checkedName, defined, resolveSlug } from './catalog-input';
import {
  BrandListFilter,
  CATALOG_AUDIT_LOG,
  CATALOG_CHANGES,
  CatalogAuditLog,
  CatalogChangeNotifier,
  VEHICLE_BRAND_REPOSITORY,
  VEHICLE_TYPE_REPOSITORY,
  VehicleBrandRepository,
  VehicleTypeRepository,
} from './ports';

export interface CreateVehicleBrandInput {
  name: string;
  slug?: string;
  vehicleTypeIds: string[];
}

export type UpdateVehicleBrandInput = Partial<CreateVehicleBrandInput>;

/** Vehicle brands and the types of vehicle each makes. */
@Injectable()
export class VehicleBrandsService {
  private readonly logger = new Logger('Catalog');

  constructor(
    @Inject(VEHICLE_BRAND_REPOSITORY) private readonly brands: VehicleBrandRepository,
    @Inject(VEHICLE_TYPE_REPOSITORY) private readonly types: VehicleTypeRepository,
    @Inject(CATALOG_CHANGES) private readonly changes: CatalogChangeNotifier,
    @Inject(CATALOG_AUDIT_LOG) private readonly audit: CatalogAuditLog,
  ) {}

  list(_ctx: RequestContext, filter: BrandListFilter, page: PageRequest): Promise<Page<VehicleBrandView>> {
    return this.brands.list(filter, page);
  }

  async get(_ctx: RequestContext, id: string): Promise<VehicleBrandView> {
    return (await this.brands.find(id)) ?? throwNotFound();
  }

  async create(ctx: RequestContext, input: CreateVehicleBrandInput): Promise<VehicleBrandView> {
    const name = checkedName(input.name);
    const vehicleTypeIds = await this.checkedTypes(input.vehicleTypeIds, []);
    const created = await this.brands.insert({ name, slug: resolveSlug(input.slug, name), vehicleTypeIds });
    await this.changed(ctx, 'vehicle brand created', created.id, 'catalog.vehicle_brand_created', {
      name: created.name,
      slug: created.slug,
      vehicle_type_ids: created.vehicleTypeIds,
    });
    return created;
  }

  async update(ctx: RequestContext, id: string, input: UpdateVehicleBrandInput): Promise<VehicleBrandView> {
    const current = (await this.brands.find(id)) ?? throwNotFound();
    const changes = {
      name: input.name === undefined ? undefined : checkedName(input.name),
      slug: input.slug === undefined ? undefined : resolveSlug(input.slug, ''),
      vehicleTypeIds: input.vehicleTypeIds === undefined ? undefined : await this.checkedTypes(input.vehicleTypeIds, current.vehicleTypeIds),
    };
    const updated = (await this.brands.update(id, changes)) ?? throwNotFound();
    await this.changed(ctx, 'vehicle brand updated', id, 'catalog.vehicle_brand_updated', {
      changes: defined({ name: changes.name, slug: changes.slug, vehicle_type_ids: changes.vehicleTypeIds }),
    });
    return updated;
  }

  async retire(ctx: RequestContext, id: string): Promise<VehicleBrandView> {
    const retired = (await this.brands.retire(id)) ?? throwNotFound();
    await this.changed(ctx, 'vehicle brand retired', id, 'catalog.vehicle_brand_retired', {});
    return retired;
  }

  /** A brand needs at least one type; types it newly takes on must exist and be active (ones it already had may be retired since). */
  private async checkedTypes(ids: string[], alreadyLinked: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) throw CatalogErrors.validation({ vehicle_type_ids: ['vehicle_type_ids must name at least one vehicle type'] });
    const found = new Map((await this.types.findMany(unique)).map((type) => [type.id, type]));
    for (const id of unique) {
      const type = found.get(id);
      if (!type) throw CatalogErrors.unknownVehicleType('vehicle_type_ids');
      if (type.retiredAt && !alreadyLinked.includes(id)) throw CatalogErrors.vehicleTypeRetired('vehicle_type_ids');
    }
    return unique;
  }

  private async changed(ctx: RequestContext, msg: string, id: string, action: `catalog.${string}`, metadata: Record<string, unknown>): Promise<void> {
    await this.changes.changed();
    await this.audit.record(ctx, { action, targetType: 'vehicle_brand', targetId: id, metadata });
    this.logger.log({ msg, vehicle_brand_id: id, by: ctx.userId });
  }
}

function throwNotFound(): never {
  throw CatalogErrors.vehicleBrandNotFound();
}
