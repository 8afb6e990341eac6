import { Injectable } from '@nestjs/common';
import { DomainError, type RequestContext } from '../../../../platform/kernel';
import { MARKETPLACE_ERRORS, MarketplaceApi } from '../../../marketplace';
import { CommerceErrors } from '../../domain';
import type { Purchasable, Purchasables } from '../../application/ports';

/** What is bought, from the marketplace context through its facade (MarketplaceApi). */
@Injectable()
export class MarketplacePurchasables implements Purchasables {
  constructor(private readonly marketplace: MarketplaceApi) {}

  async forSale(ctx: RequestContext, ids: string[]): Promise<Purchasable[]> {
    return this.marketplace.listingsForSale(ctx, ids);
  }

  async reserve(ctx: RequestContext, reservationId: string, items: Array<{ listingId: string; quantity: number }>): Promise<void> {
    try {
      await this.marketplace.reserveStock(ctx, reservationId, items);
    } catch (error) {
      // The marketplace's refusal becomes ours: the buyer sees a commerce error whatever the context behind it.
      if (error instanceof DomainError && error.code === MARKETPLACE_ERRORS.outOfStock) throw CommerceErrors.outOfStock();
      if (error instanceof DomainError && error.kind === 'not_found') throw CommerceErrors.listingUnavailable(items[0]?.listingId ?? '');
      throw error;
    }
  }

  async release(ctx: RequestContext, reservationId: string): Promise<void> {
    await this.marketplace.releaseStock(ctx, reservationId);
  }
}
