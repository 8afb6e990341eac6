import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { MarketplaceApi } from '../../../marketplace';
import type { CatalogListing, MarketplaceListings } from '../../application/ports';

/** Listings as the marketplace's facade shows them: this context never reads the marketplace's tables. */
@Injectable()
export class MarketplaceFacadeListings implements MarketplaceListings {
  constructor(private readonly marketplace: MarketplaceApi) {}

  async get(ctx: RequestContext, listingId: string): Promise<(CatalogListing & { status: string }) | undefined> {
    const [listing] = await this.marketplace.listingsForSale(ctx, [listingId]);
    return (
      listing && {
        listingId: listing.id,
        orgId: listing.orgId,
        kind: listing.kind,
        title: listing.title,
        priceMinor: listing.priceMinor,
        currency: listing.currency,
        status: listing.status,
      }
    );
  }
}
