import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { ListingChanges, ListingDetails, ListingKind, ListingState, MarketplaceErrors, listingModelIds } from '../../domain';
import { requireRoleIn } from '../access';
import { LISTING_UPDATED, type ListingUpdatedPayload, saveMoves } from '../events';
import { MARKETPLACE_UNIT_OF_WORK, MarketplaceUnitOfWork, VEHICLE_TAXONOMY, VehicleTaxonomy } from '../ports';

/** Edits a listing; a published tune whose file or declared changes change goes back to review. */
@Injectable()
export class UpdateListingUseCase {
  constructor(
    @Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork,
    @Inject(VEHICLE_TAXONOMY) private readonly taxonomy: VehicleTaxonomy,
  ) {}

  async execute(
    ctx: RequestContext,
    input: { orgId: string; listingId: string; changes: ListingChanges | ((kind: ListingKind, details: ListingDetails) => ListingChanges) },
  ): Promise<ListingState> {
    requireRoleIn(ctx, input.orgId, 'staff');
    // Back to review raises marketplace.listing.submitted, whose handler enqueues the safety gate's job.
    const saved = await this.uow.run(async (repos, events) => {
      const listing = await repos.listings.findInOrg(input.orgId, input.listingId, true);
      if (!listing) throw MarketplaceErrors.notFound();
      const models = listingModelIds(listing.details).join();
      const changes = typeof input.changes === 'function' ? input.changes(listing.kind, listing.details) : input.changes;
      listing.update(changes, new Date());
      const moves = await saveMoves(repos, events, ctx, listing);
      // Still published after the edit: readers of published listings (the ai context's read model) refresh their copy.
      if (moves.length === 0 && listing.snapshot().status === 'published') {
        const payload: ListingUpdatedPayload = { listingId: listing.id, orgId: listing.orgId, kind: listing.kind };
        events.publish(ctx, { type: LISTING_UPDATED, orgId: listing.orgId, payload });
      }
      return { state: listing.snapshot(), modelsChanged: listingModelIds(listing.details).join() !== models };
    });
    // Other contexts are never called inside a transaction: the models' brands and types are copied after the commit.
    if (saved.modelsChanged) {
      const taxonomy = await this.taxonomy.of(ctx, listingModelIds(saved.state.details));
      await this.uow.repos.listings.setTaxonomy(saved.state.orgId, saved.state.id, taxonomy);
    }
    return saved.state;
  }
}
