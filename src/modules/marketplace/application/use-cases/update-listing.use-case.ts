import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { ListingChanges, ListingDetails, ListingKind, ListingState, MarketplaceErrors } from '../../domain';
import { requireRoleIn } from '../access';
import { saveMoves } from '../events';
import { MARKETPLACE_UNIT_OF_WORK, MarketplaceUnitOfWork } from '../ports';

/** Edits a listing; a published tune whose file or declared changes change goes back to review. */
@Injectable()
export class UpdateListingUseCase {
  constructor(@Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork) {}

  async execute(
    ctx: RequestContext,
    input: { orgId: string; listingId: string; changes: ListingChanges | ((kind: ListingKind, details: ListingDetails) => ListingChanges) },
  ): Promise<ListingState> {
    requireRoleIn(ctx, input.orgId, 'staff');
    // Back to review raises marketplace.listing.submitted, whose handler enqueues the safety gate's job.
    return this.uow.run(async (repos, events) => {
      const listing = await repos.listings.findInOrg(input.orgId, input.listingId, true);
      if (!listing) throw MarketplaceErrors.notFound();
      const changes = typeof input.changes === 'function' ? input.changes(listing.kind, listing.details) : input.changes;
      listing.update(changes, new Date());
      await saveMoves(repos, events, ctx, listing);
      return listing.snapshot();
    });
  }
}
