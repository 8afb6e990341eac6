import { Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../platform/kernel';
import { FeaturedFilter, FeaturedPlacement, FeaturedSort, MarketplaceFeaturedApi } from '../../marketplace';
import { OrganizationsApi } from '../../organizations';
import { requirePlatformAdmin } from './access';

/**
 * Featured placements in the console: the marketplace's use case creates one (and audits it as
 * marketplace.listing_featured); ending one early is audited here as admin.featured_placement_ended, with the reason.
 */
@Injectable()
export class AdminFeatured {
  constructor(
    private readonly featured: MarketplaceFeaturedApi,
    private readonly organizations: OrganizationsApi,
  ) {}

  list(ctx: RequestContext, filter: FeaturedFilter, sort: FeaturedSort, page: PageRequest): Promise<Page<FeaturedPlacement>> {
    requirePlatformAdmin(ctx);
    return this.featured.list(ctx, filter, sort, page);
  }

  get(ctx: RequestContext, id: string): Promise<FeaturedPlacement> {
    requirePlatformAdmin(ctx);
    return this.featured.get(ctx, id);
  }

  create(ctx: RequestContext, input: { listingId: string; startsAt: Date; endsAt: Date; rank: number }): Promise<FeaturedPlacement> {
    requirePlatformAdmin(ctx);
    return this.featured.create(ctx, input);
  }

  async end(ctx: RequestContext, id: string, reason: string | undefined): Promise<FeaturedPlacement> {
    requirePlatformAdmin(ctx);
    const placement = await this.featured.end(ctx, id);
    await this.organizations.recordAudit(ctx, {
      orgId: placement.orgId,
      action: 'admin.featured_placement_ended',
      targetType: 'listing',
      targetId: placement.listingId,
      metadata: { featured_placement_id: placement.id, ends_at: placement.endsAt.toISOString(), ...(reason ? { reason } : {}) },
    });
    return placement;
  }
}
