import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { MarketplaceApi } from '../../../marketplace';
import type { MarketplaceReviews, ReportedReview } from '../../application/forum/review-reports';

/** Reviews through the marketplace's facade: its moderation use cases hide and restore them (and audit). */
@Injectable()
export class FacadeMarketplaceReviews implements MarketplaceReviews {
  constructor(private readonly marketplace: MarketplaceApi) {}

  find(ctx: RequestContext, reviewId: string): Promise<ReportedReview | undefined> {
    return this.marketplace.reviewForModeration(ctx, reviewId);
  }

  hide(ctx: RequestContext, reviewId: string, reason: string): Promise<void> {
    return this.marketplace.hideReview(ctx, { reviewId, reason });
  }

  restore(ctx: RequestContext, reviewId: string, reason: string): Promise<void> {
    return this.marketplace.restoreReview(ctx, { reviewId, reason });
  }
}
