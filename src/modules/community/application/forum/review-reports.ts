import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../../platform/kernel';
import { CommunityErrors, FlagReason } from '../../domain';
import { requireUser } from '../access';
import { COMMUNITY_UNIT_OF_WORK, CommunityUnitOfWork } from '../ports';
import type { Flag } from './forum.ports';

/** A marketplace review as the moderation needs it (read and acted on through the marketplace's facade). */
export interface ReportedReview {
  id: string;
  listingId: string;
  orgId: string;
  authorUserId: string;
  rating: number;
  body: string;
  hiddenAt: Date | null;
  createdAt: Date;
}

/** The marketplace's reviews (MarketplaceApi): hiding and showing again are its use cases (audited there). */
export const MARKETPLACE_REVIEWS = Symbol('MARKETPLACE_REVIEWS');
export interface MarketplaceReviews {
  /** Any review, hidden ones included; undefined when there is none. */
  find(ctx: RequestContext, reviewId: string): Promise<ReportedReview | undefined>;
  hide(ctx: RequestContext, reviewId: string, reason: string): Promise<void>;
  restore(ctx: RequestContext, reviewId: string, reason: string): Promise<void>;
}

/**
 * A signed-in person reports a marketplace review (spam, abuse…): it enters the same moderation queue as flagged
 * posts and comments (target_type `review`, no organization: only platform admins decide it). Reviews are not hidden
 * automatically by reports; an operator decides. One report per person and review (COMMUNITY.ALREADY_FLAGGED).
 */
@Injectable()
export class ReportReviewUseCase {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(MARKETPLACE_REVIEWS) private readonly reviews: MarketplaceReviews,
  ) {}

  async execute(ctx: RequestContext, input: { reviewId: string; reason: FlagReason; note?: string }): Promise<Flag> {
    const userId = requireUser(ctx);
    // Read through the marketplace before the transaction (never call another context inside one).
    const review = await this.reviews.find(ctx, input.reviewId);
    if (!review || review.hiddenAt) throw CommunityErrors.targetNotFound();
    const flag: Flag = {
      id: randomUUID(),
      targetType: 'review',
      targetId: review.id,
      orgId: null,
      flaggedBy: userId,
      reason: input.reason,
      note: input.note ?? null,
      status: 'open',
      resolvedBy: null,
      resolvedAt: null,
      decision: null,
      decisionReason: null,
      createdAt: new Date(),
    };
    await this.uow.run((repos) => repos.flags.insert(flag));
    return flag;
  }
}
