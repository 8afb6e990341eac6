import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { CommerceErrors } from '../../domain';
import type { Purchasable, Purchasables } from '../../application/ports';

/**
 * What is bought, from the marketplace context through its facade. Until the
 * marketplace context is merged this adapter has no facade to call: nothing is
 * for sale, and reservations are no-ops.
 */
@Injectable()
export class MarketplacePurchasables implements Purchasables {
  async forSale(_ctx: RequestContext, _ids: string[]): Promise<Purchasable[]> {
    return [];
  }

  async reserve(_ctx: RequestContext, _reservationId: string, items: Array<{ listingId: string; quantity: number }>): Promise<void> {
    if (items.length > 0) throw CommerceErrors.outOfStock();
  }

  async release(_ctx: RequestContext, _reservationId: string): Promise<void> {}
}
