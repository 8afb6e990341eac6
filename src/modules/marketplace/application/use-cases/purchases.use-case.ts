import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import type { OrderPaidPayload, OrderRefundedPayload } from '../events';
import { MARKETPLACE_UNIT_OF_WORK, MarketplaceUnitOfWork } from '../ports';

/** A paid order: the buyer becomes a verified buyer of each listing, and is entitled to download each tune. Idempotent by order and listing. */
@Injectable()
export class RecordPurchaseUseCase {
  constructor(@Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork) {}

  async execute(_ctx: RequestContext, order: OrderPaidPayload): Promise<number> {
    const listings = await this.uow.repos.listings.forSale(order.lines.map((line) => line.listingId));
    const byId = new Map(listings.map((listing) => [listing.id, listing]));
    return this.uow.run(async (repos) => {
      let recorded = 0;
      for (const line of order.lines) {
        const listing = byId.get(line.listingId);
        if (!listing) continue;
        await repos.purchases.record({
          orderId: order.orderId,
          listingId: listing.id,
          orgId: listing.orgId,
          buyerUserId: order.buyerUserId,
          kind: listing.kind,
          quantity: line.quantity,
          entitled: listing.kind === 'tune',
        });
        recorded += 1;
      }
      return recorded;
    });
  }
}

/** A full refund revokes the order's entitlements; a partial one those of the refunded listings. */
@Injectable()
export class RevokePurchaseUseCase {
  constructor(@Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork) {}

  async execute(_ctx: RequestContext, refund: OrderRefundedPayload): Promise<number> {
    if (!refund.full && refund.listingIds.length === 0) return 0;
    return this.uow.run((repos) => repos.purchases.revoke(refund.orderId, refund.full ? null : refund.listingIds));
  }
}
