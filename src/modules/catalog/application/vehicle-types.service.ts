import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../platform/kernel';
import { CatalogErrors } from '../domain/catalog-errors';
import type { VehicleTypeView } from '../domain/vehicle-catalog';
import { checkedName, defined, resolveSlug } from './catalog-input';
import {
  CATALOG_AUDIT_LOG,
  CATALOG_CHANGES,
  CatalogAuditLog,
  CatalogChangeNotifier,
  TypeListFilter,
  VEHICLE_TYPE_REPOSITORY,
  VehicleTypeRepository,
} from './ports';

export interface CreateVehicleTypeInput {
  name: string;
  slug?: string;
}

export type UpdateVehicleTypeInput = Partial<CreateVehicleTypeInput>;

/** Vehicle types (scooter, motorcycle, car…): reads for everyone, writes for platform admins (checked on the route). */
@Injectable()
export class VehicleTypesService {
  private readonly logger = new Logger('Catalog');

  constructor(
    @Inject(VEHICLE_TYPE_REPOSITORY) private readonly types: VehicleTypeRepository,
    @Inject(CATALOG_CHANGES) private readonly changes: CatalogChangeNotifier,
    @Inject(CATALOG_AUDIT_LOG) private readonly audit: CatalogAuditLog,
  ) {}

  list(_ctx: RequestContext, filter: TypeListFilter, page: PageRequest): Promise<Page<VehicleTypeView>> {
    return this.types.list(filter, page);
  }

  async get(_ctx: RequestContext, id: string): Promise<VehicleTypeView> {
    return (await this.types.find(id)) ?? throwNotFound();
  }

  async create(ctx: RequestContext, input: CreateVehicleTypeInput): Promise<VehicleTypeView> {
    const name = checkedName(input.name);
    const created = await this.types.insert({ name, slug: resolveSlug(input.slug, name) });
    await this.changed(ctx, 'vehicle type created', created.id, 'catalog.vehicle_type_created', { name: created.name, slug: created.slug });
    return created;
  }

  async update(ctx: RequestContext, id: string, input: UpdateVehicleTypeInput): Promise<VehicleTypeView> {
    const name = input.name === undefined ? undefined : checkedName(input.name);
    const slug = input.slug === undefined ? undefined : resolveSlug(input.slug, '');
    const updated = (await this.types.update(id, { name, slug })) ?? throwNotFound();
    await this.changed(ctx, 'vehicle type updated', id, 'catalog.vehicle_type_updated', { changes: defined({ name, slug }) });
    return updated;
  }

  /** Idempotent: retiring a retired type keeps its first retirement date. */
  async retire(ctx: RequestContext, id: string): Promise<VehicleTypeView> {
    const retired = (await this.types.retire(id)) ?? throwNotFound();
    await this.changed(ctx, 'vehicle type retired', id, 'catalog.vehicle_type_retired', {});
    return retired;
  }

  private async changed(ctx: RequestContext, msg: string, id: string, action: `catalog.${string}`, metadata: Record<string, unknown>): Promise<void> {
    await this.changes.changed();
    await this.audit.record(ctx, { action, targetType: 'vehicle_type', targetId: id, metadata });
    this.logger.log({ msg, vehicle_type_id: id, by: ctx.userId });
  }
}

function throwNotFound(): never {
  throw CatalogErrors.vehicleTypeNotFound();
}
