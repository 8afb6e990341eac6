import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import type { CatalogListing, MarketplaceListings } from '../../../ai';
import { MarketplaceApi } from '../../application/marketplace.api';

/**
 * The ai context's MARKETPLACE_LISTINGS port, served here: listings as the facade shows them. The ai
 * context never reads the marketplace's tables, and never imports this context (marketplace depends on ai).
 */
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

  async publishedOf(ctx: RequestContext, orgId: string, limit: number): Promise<CatalogListing[]> {
    const listings = await this.marketplace.publishedListingsOf(ctx, orgId, limit);
    return listings.map((l) => ({ listingId: l.id, orgId: l.orgId, kind: l.kind, title: l.title, priceMinor: l.priceMinor, currency: l.currency }));
  }
}
