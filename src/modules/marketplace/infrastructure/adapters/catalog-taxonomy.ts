import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { CatalogApi } from '../../../catalog';
import type { ListingTaxonomy, VehicleTaxonomy } from '../../application/ports';

/** Brands and vehicle types of catalog models, read through the catalog's facade (retired models still resolve). */
@Injectable()
export class CatalogVehicleTaxonomy implements VehicleTaxonomy {
  constructor(private readonly catalog: CatalogApi) {}

  async of(ctx: RequestContext, modelIds: string[]): Promise<ListingTaxonomy> {
    const models = await Promise.all([...new Set(modelIds)].map((id) => this.catalog.vehicleModel(ctx, id)));
    const brandIds = new Set<string>();
    const vehicleTypeIds = new Set<string>();
    for (const model of models) {
      if (!model) continue;
      brandIds.add(model.brand.id);
      vehicleTypeIds.add(model.type.id);
    }
    return { brandIds: [...brandIds].sort(), vehicleTypeIds: [...vehicleTypeIds].sort() };
  }
}
