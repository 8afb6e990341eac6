import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Page, PageRequest, RequestContext, pageOffset, toPage } from '../../../../platform/kernel';
import { ListingState, MarketplaceErrors } from '../../domain';
import { requirePlatformAdmin, requireRoleIn, requireUserId } from '../access';
import type { ReviewCreatedPayload } from '../events';
import {
  AUDIT_LOG,
  AnalyticsReport,
  AuditLog,
  FeaturedSlot,
  MARKETPLACE_UNIT_OF_WORK,
  MarketplaceUnitOfWork,
  ReviewRecord,
  SearchFilter,
  SearchPage,
} from '../ports';

export const REVIEW_ERRORS = {
  notVerified: () => MarketplaceErrors.forbidden('Only verified buyers of this listing may review it.'),
  duplicate: () => MarketplaceErrors.invalidTransition('reviewed', 'reviewed'),
};

/** The public search (published listings, featured first on the first page). */
@Injectable()
export class SearchListingsQuery {
  constructor(@Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork) {}

  execute(_ctx: RequestContext, filter: SearchFilter): Promise<SearchPage> {
    return this.uow.repos.search.search(filter);
  }
}

/** Reviews: 1–5 stars from verified buyers, one per buyer and listing; the listing's sum and count move in the same transaction. */
@Injectable()
export class ReviewsUseCases {
  constructor(
    @Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async create(ctx: RequestContext, input: { listingId: string; rating: number; body: string }): Promise<ReviewRecord> {
    const userId = requireUserId(ctx);
    if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw MarketplaceErrors.validation({ rating: ['rating must be 1 to 5'] });
    const listing = await this.uow.repos.listings.findAny(input.listingId);
    if (!listing || (listing.status !== 'published' && listing.status !== 'archived')) throw MarketplaceErrors.notFound();
    if (!(await this.uow.repos.purchases.isVerifiedBuyer(listing.id, userId))) throw REVIEW_ERRORS.notVerified();
    const review: ReviewRecord = {
      id: randomUUID(),
      listingId: listing.id,
      orgId: listing.orgId,
      authorUserId: userId,
      rating: input.rating,
      body: input.body,
      sellerReply: null,
      repliedAt: null,
      hiddenAt: null,
      createdAt: new Date(),
    };
    await this.uow.run(async (repos, events) => {
      if (!(await repos.engagement.insertReview(review))) throw MarketplaceErrors.invalidTransition('reviewed', 'reviewed');
      const payload: ReviewCreatedPayload = { listingId: review.listingId, reviewId: review.id, orgId: review.orgId, authorUserId: userId };
      events.publish(ctx, { type: 'marketplace.review.created', orgId: review.orgId, payload });
    });
    return review;
  }

  async reply(ctx: RequestContext, input: { orgId: string; reviewId: string; text: string }): Promise<ReviewRecord> {
    requireRoleIn(ctx, input.orgId, 'staff');
    return this.uow.run(async (repos) => {
      const review = await repos.engagement.findReview(input.reviewId, true);
      if (!review || review.orgId !== input.orgId) throw MarketplaceErrors.notFound();
      if (!(await repos.engagement.reply(input.orgId, input.reviewId, input.text))) throw MarketplaceErrors.invalidTransition('replied', 'replied');
      return (await repos.engagement.findReview(input.reviewId))!;
    });
  }

  async hide(ctx: RequestContext, input: { reviewId: string; reason: string }): Promise<void> {
    requirePlatformAdmin(ctx);
    const hidden = await this.uow.run(async (repos) => {
      const review = await repos.engagement.findReview(input.reviewId, true);
      if (!review) throw MarketplaceErrors.notFound();
      return repos.engagement.hide(input.reviewId, input.reason);
    });
    if (hidden)
      await this.audit.record(ctx, {
        orgId: hidden.orgId,
        action: 'marketplace.review_hidden',
        targetType: 'review',
        targetId: hidden.id,
        metadata: { reason: input.reason },
      });
  }

  /** Shows a hidden review again (platform admins; idempotent; audited as marketplace.review_restored when it was hidden). */
  async restore(ctx: RequestContext, input: { reviewId: string; reason: string }): Promise<void> {
    requirePlatformAdmin(ctx);
    const shown = await this.uow.run(async (repos) => {
      const review = await repos.engagement.findReview(input.reviewId, true);
      if (!review) throw MarketplaceErrors.notFound();
      return repos.engagement.unhide(input.reviewId);
    });
    if (shown)
      await this.audit.record(ctx, {
        orgId: shown.orgId,
        action: 'marketplace.review_restored',
        targetType: 'review',
        targetId: shown.id,
        metadata: { reason: input.reason },
      });
  }

  /** Any review, hidden ones included (moderation); undefined when there is none. */
  find(_ctx: RequestContext, reviewId: string): Promise<ReviewRecord | undefined> {
    return this.uow.repos.engagement.findReview(reviewId);
  }

  async list(_ctx: RequestContext, listingId: string, page: PageRequest): Promise<Page<ReviewRecord> & { rating: { sum: number; count: number } }> {
    const listing = await this.uow.repos.listings.findAny(listingId);
    if (!listing || listing.status !== 'published') throw MarketplaceErrors.notFound();
    const [{ rows, total }, rating] = await Promise.all([
      this.uow.repos.engagement.visibleReviews(listingId, page.limit, pageOffset(page)),
      this.uow.repos.engagement.rating(listingId),
    ]);
    return { ...toPage(rows, total, page), rating };
  }
}

/** Saved listings per user; a save counts in the seller's analytics. */
@Injectable()
export class FavouritesUseCases {
  constructor(@Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork) {}

  async add(ctx: RequestContext, listingId: string): Promise<void> {
    const userId = requireUserId(ctx);
    const listing = await this.uow.repos.listings.findAny(listingId);
    if (!listing || listing.status !== 'published') throw MarketplaceErrors.notFound();
    await this.uow.run(async (repos) => {
      if (await repos.engagement.addFavourite(userId, listingId)) await repos.engagement.count(listing.orgId, listingId, 'saves');
    });
  }

  async remove(ctx: RequestContext, listingId: string): Promise<void> {
    await this.uow.repos.engagement.removeFavourite(requireUserId(ctx), listingId);
  }

  async list(ctx: RequestContext, page: PageRequest): Promise<Page<ListingState>> {
    const { ids, total } = await this.uow.repos.engagement.favourites(requireUserId(ctx), page.limit, pageOffset(page));
    const listings = await Promise.all(ids.map((id) => this.uow.repos.listings.findAny(id)));
    return toPage(
      listings.filter((l) => l !== undefined).map((l) => l!.snapshot()),
      total,
      page,
    );
  }
}

/** Featured placement: a window and a rank, set by platform admins (audited); it ends by itself. */
@Injectable()
export class FeatureListingUseCase {
  constructor(
    @Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(ctx: RequestContext, input: { listingId: string; startsAt: Date; endsAt: Date; rank: number }): Promise<FeaturedSlot> {
    requirePlatformAdmin(ctx);
    if (!(input.endsAt > input.startsAt)) throw MarketplaceErrors.validation({ ends_at: ['ends_at must be after starts_at'] });
    const listing = await this.uow.repos.listings.findAny(input.listingId);
    if (!listing || listing.status !== 'published') throw MarketplaceErrors.notFound();
    const slot: FeaturedSlot = {
      id: randomUUID(),
      listingId: listing.id,
      orgId: listing.orgId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      rank: input.rank,
      createdBy: ctx.userId ?? null,
    };
    await this.uow.run((repos) => repos.engagement.feature(slot));
    await this.audit.record(ctx, {
      orgId: slot.orgId,
      action: 'marketplace.listing_featured',
      targetType: 'listing',
      targetId: slot.listingId,
      metadata: { starts_at: slot.startsAt.toISOString(), ends_at: slot.endsAt.toISOString(), rank: slot.rank },
    });
    return slot;
  }

  async end(ctx: RequestContext, featureId: string): Promise<void> {
    requirePlatformAdmin(ctx);
    const ended = await this.uow.run((repos) => repos.engagement.endFeature(featureId));
    if (!ended) throw MarketplaceErrors.notFound();
  }
}

const MAX_ANALYTICS_DAYS = 366;

/** Creator analytics: views, saves and purchases per listing and day, per day for the organization, per listing, and conversion. */
@Injectable()
export class AnalyticsQuery {
  constructor(@Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork) {}

  async execute(ctx: RequestContext, input: { orgId: string; from: string; to: string; listingId?: string }): Promise<AnalyticsReport> {
    requireRoleIn(ctx, input.orgId, 'staff');
    const from = Date.parse(`${input.from}T00:00:00Z`);
    const to = Date.parse(`${input.to}T00:00:00Z`);
    const real = (ms: number, day: string) => !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
    if (!real(from, input.from) || !real(to, input.to) || to < from || to - from > MAX_ANALYTICS_DAYS * 86_400_000)
      throw MarketplaceErrors.validation({ to: [`from and to must be real dates, to not before from, at most ${MAX_ANALYTICS_DAYS} days apart`] });
    return this.uow.repos.engagement.report(input.orgId, input.from, input.to, input.listingId);
  }

  /** A public view of a published listing (best effort: analytics never fail a read). */
  async view(listing: ListingState): Promise<void> {
    await this.uow.repos.engagement.count(listing.orgId, listing.id, 'views').catch(() => undefined);
  }
}
