import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { CatalogApi } from '../../../catalog';
import type { VehicleModels } from '../../application/ports';

/** Vehicle models through the catalog's facade. */
@Injectable()
export class CatalogVehicleModels implements VehicleModels {
  constructor(private readonly catalog: CatalogApi) {}

  async find(ctx: RequestContext, id: string): Promise<{ id: string; name: string; brandName: string; typeId: string; retired: boolean } | undefined> {
    const model = await this.catalog.vehicleModel(ctx, id);
    return model && { id: model.id, name: model.name, brandName: model.brand.name, typeId: model.type.id, retired: model.retiredAt !== null };
  }
}
