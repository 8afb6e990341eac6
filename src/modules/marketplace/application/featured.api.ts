import { Inject, Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext, SortOrder } from '../../../platform/kernel';
import { MarketplaceErrors } from '../domain';
import { requirePlatformAdmin } from './access';
import { FEATURED_SORTS, FeaturedFilter, FeaturedPlacement, MARKETPLACE_UNIT_OF_WORK, MarketplaceUnitOfWork } from './ports';
import { FeatureListingUseCase } from './use-cases/engagement.use-case';

export { FEATURED_SORTS };
export type { FeaturedFilter, FeaturedPlacement };
export type FeaturedSort = SortOrder<(typeof FEATURED_SORTS)[number]>;

/**
 * Featured placements for the operators' console: the list, and creating or ending one through the marketplace's
 * own use case (FeatureListingUseCase: published listings only, audited as marketplace.listing_featured).
 */
@Injectable()
export class MarketplaceFeaturedApi {
  constructor(
    @Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork,
    private readonly feature: FeatureListingUseCase,
  ) {}

  list(ctx: RequestContext, filter: FeaturedFilter, sort: FeaturedSort, page: PageRequest): Promise<Page<FeaturedPlacement>> {
    requirePlatformAdmin(ctx);
    return this.uow.repos.engagement.listFeatured(filter, sort, page);
  }

  async get(ctx: RequestContext, id: string): Promise<FeaturedPlacement> {
    requirePlatformAdmin(ctx);
    const placement = await this.uow.repos.engagement.findFeatured(id);
    if (!placement) throw MarketplaceErrors.notFound();
    return placement;
  }

  /** MARKETPLACE.VALIDATION_FAILED when the window ends before it starts; not found unless the listing is published. */
  async create(ctx: RequestContext, input: { listingId: string; startsAt: Date; endsAt: Date; rank: number }): Promise<FeaturedPlacement> {
    const slot = await this.feature.execute(ctx, input);
    return this.get(ctx, slot.id);
  }

  /** Ends a scheduled or running placement now; not found when there is none such (ended already). */
  async end(ctx: RequestContext, id: string): Promise<FeaturedPlacement> {
    await this.feature.end(ctx, id);
    return this.get(ctx, id);
  }
}
