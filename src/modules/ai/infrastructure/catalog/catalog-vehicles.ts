import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { CatalogApi } from '../../../catalog';
import type { VehicleCatalog, VehicleSummary } from '../../application/ports';

/** Vehicle models as the catalog's facade shows them: this context never reads the catalog's tables. */
@Injectable()
export class CatalogVehicles implements VehicleCatalog {
  constructor(private readonly catalog: CatalogApi) {}

  async models(ctx: RequestContext, ids: string[]): Promise<Map<string, VehicleSummary>> {
    const found = await Promise.all([...new Set(ids)].map((id) => this.catalog.vehicleModel(ctx, id)));
    const models = new Map<string, VehicleSummary>();
    for (const model of found) {
      if (model) models.set(model.id, { id: model.id, name: model.name, brand: model.brand.name, type: model.type.name, retired: model.retiredAt !== null });
    }
    return models;
  }
}
