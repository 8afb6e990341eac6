import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import type { CatalogListing, MarketplaceListings } from '../../../ai';
import { type ListingForRecommendation, MarketplaceApi } from '../../application/marketplace.api';

/**
 * The ai context's MARKETPLACE_LISTINGS port, served here: listings as the facade shows them. The ai
 * context never reads the marketplace's tables, and never imports this context (marketplace depends on ai).
 */
@Injectable()
export class MarketplaceFacadeListings implements MarketplaceListings {
  constructor(private readonly marketplace: MarketplaceApi) {}

  async get(ctx: RequestContext, listingId: string): Promise<(CatalogListing & { status: string }) | undefined> {
    const [listing] = await this.marketplace.listingsForRecommendation(ctx, [listingId]);
    return listing && { ...toCatalog(listing), status: listing.status };
  }

  async publishedOf(ctx: RequestContext, orgId: string, limit: number): Promise<CatalogListing[]> {
    const listings = await this.marketplace.publishedListingsOf(ctx, orgId, limit);
    const full = await this.marketplace.listingsForRecommendation(
      ctx,
      listings.map((l) => l.id),
    );
    const byId = new Map(full.map((l) => [l.id, l]));
    return listings.flatMap((l) => {
      const listing = byId.get(l.id);
      return listing ? [toCatalog(listing)] : [];
    });
  }
}

function toCatalog(l: ListingForRecommendation): CatalogListing {
  return {
    listingId: l.id,
    orgId: l.orgId,
    kind: l.kind,
    title: l.title,
    description: l.description,
    modelIds: l.modelIds,
    priceMinor: l.priceMinor,
    currency: l.currency,
  };
}
