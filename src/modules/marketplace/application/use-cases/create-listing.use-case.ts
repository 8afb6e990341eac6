import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../../platform/kernel';
import { KINDS_BY_ORGANIZATION, Listing, listingModelIds, ListingDetails, ListingKind, ListingState, MarketplaceErrors } from '../../domain';
import { requireRoleIn } from '../access';
import { saveMoves } from '../events';
import { MARKETPLACE_UNIT_OF_WORK, MarketplaceUnitOfWork, SELLER_DIRECTORY, SellerDirectory, VEHICLE_TAXONOMY, VehicleTaxonomy } from '../ports';

export interface CreateListingInput {
  orgId: string;
  kind: ListingKind;
  title: string;
  description: string;
  priceMinor: number;
  currency: string;
  stock?: number;
  details: ListingDetails;
}

/** A member (staff or above) drafts a listing of a kind its organization sells. */
@Injectable()
export class CreateListingUseCase {
  constructor(
    @Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork,
    @Inject(SELLER_DIRECTORY) private readonly sellers: SellerDirectory,
    @Inject(VEHICLE_TAXONOMY) private readonly taxonomy: VehicleTaxonomy,
  ) {}

  async execute(ctx: RequestContext, input: CreateListingInput): Promise<ListingState> {
    requireRoleIn(ctx, input.orgId, 'staff');
    const orgKind = await this.sellers.kindOf(ctx, input.orgId);
    if (!orgKind) throw MarketplaceErrors.notFound();
    if (!(KINDS_BY_ORGANIZATION[orgKind] ?? []).includes(input.kind)) throw MarketplaceErrors.kindNotAllowed(input.kind, orgKind);
    const listing = Listing.create({ ...input, id: randomUUID(), now: new Date() });
    // The models' brands and vehicle types are copied onto the listing for search (read before the transaction).
    const taxonomy = await this.taxonomy.of(ctx, listingModelIds(listing.details));
    await this.uow.run(async (repos, events) => {
      await saveMoves(repos, events, ctx, listing, { insert: true });
      await repos.listings.setTaxonomy(listing.orgId, listing.id, taxonomy);
    });
    return listing.snapshot();
  }
}
