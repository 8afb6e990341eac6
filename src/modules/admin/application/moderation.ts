import { Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../platform/kernel';
import { ListingAppeal, ListingAppealStatus, MarketplaceApi, ModeratedListing, ModerationVerdict } from '../../marketplace';
import { requirePlatformAdmin } from './access';

/** The moderation queue of the console: the marketplace decides (and audits, through OrganizationsApi.recordAudit). */
@Injectable()
export class AdminModeration {
  constructor(private readonly marketplace: MarketplaceApi) {}

  queue(ctx: RequestContext, page: PageRequest): Promise<Page<ModeratedListing>> {
    requirePlatformAdmin(ctx);
    return this.marketplace.moderationQueue(ctx, page);
  }

  listing(ctx: RequestContext, listingId: string): Promise<{ listing: ModeratedListing; verdicts: ModerationVerdict[] }> {
    requirePlatformAdmin(ctx);
    return this.marketplace.listingForModeration(ctx, listingId);
  }

  /** Appeals of rejections with each listing's verdicts; decided like any listing waiting for a human (decide). */
  appeals(ctx: RequestContext, filter: { status?: ListingAppealStatus }, page: PageRequest): Promise<Page<ListingAppeal>> {
    requirePlatformAdmin(ctx);
    return this.marketplace.appeals(ctx, filter, page);
  }

  decide(ctx: RequestContext, input: { listingId: string; verdict: 'approved' | 'rejected'; reason: string }): Promise<ModeratedListing> {
    requirePlatformAdmin(ctx);
    return this.marketplace.decideListing(ctx, input);
  }
}
