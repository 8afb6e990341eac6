import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { ListingState, MarketplaceErrors } from '../../domain';
import { requireRoleIn } from '../access';
import { saveMoves } from '../events';
import { MARKETPLACE_UNIT_OF_WORK, MarketplaceUnitOfWork } from '../ports';

/** A manager publishes an approved listing. */
@Injectable()
export class PublishListingUseCase {
  constructor(@Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork) {}

  async execute(ctx: RequestContext, input: { orgId: string; listingId: string }): Promise<ListingState> {
    requireRoleIn(ctx, input.orgId, 'manager');
    return this.uow.run(async (repos, events) => {
      const listing = await repos.listings.findInOrg(input.orgId, input.listingId, true);
      if (!listing) throw MarketplaceErrors.notFound();
      listing.publish(new Date());
      await saveMoves(repos, events, ctx, listing);
      return listing.snapshot();
    });
  }
}

/** A manager withdraws a listing for good. */
@Injectable()
export class ArchiveListingUseCase {
  constructor(@Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork) {}

  async execute(ctx: RequestContext, input: { orgId: string; listingId: string; reason?: string }): Promise<ListingState> {
    requireRoleIn(ctx, input.orgId, 'manager');
    return this.uow.run(async (repos, events) => {
      const listing = await repos.listings.findInOrg(input.orgId, input.listingId, true);
      if (!listing) throw MarketplaceErrors.notFound();
      listing.archive(new Date(), input.reason ?? null);
      await saveMoves(repos, events, ctx, listing);
      return listing.snapshot();
    });
  }
}
