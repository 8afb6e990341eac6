import { Inject, Injectable } from '@nestjs/common';
import { pageOffset, toPage, type Page, type PageRequest, type RequestContext } from '../../../platform/kernel';
import { ListingState, MarketplaceErrors, listingModelIds } from '../domain';
import { requirePlatformAdmin } from './access';
import { AppealStatus, ListingActivity, MARKETPLACE_UNIT_OF_WORK, MarketplaceUnitOfWork, VerdictRecord } from './ports';
import { ListingQueries } from './queries/listing.queries';
import { ReviewsUseCases } from './use-cases/engagement.use-case';
import { OverrideVerdictUseCase } from './use-cases/moderation.use-case';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What commerce needs to know to sell a listing. */
export interface ListingForSale {
  id: string;
  orgId: string;
  kind: 'tune' | 'vehicle' | 'part';
  title: string;
  priceMinor: number;
  currency: string;
  status: string;
  stock: number | null;
}

/** What the ai context's recommendations index: the listing's text and the catalog models it fits (none: any model). */
export interface ListingForRecommendation extends Omit<ListingForSale, 'stock'> {
  description: string;
  modelIds: string[];
}

/** A listing as a moderator sees it (the admin console). */
export type ModeratedListing = Pick<
  ListingState,
  'id' | 'orgId' | 'kind' | 'status' | 'title' | 'description' | 'priceMinor' | 'currency' | 'publishedAt' | 'createdAt' | 'updatedAt'
>;

/** One verdict of a listing's history: the safety gate's (AI), a human's, an appeal. */
export type ModerationVerdict = Pick<
  VerdictRecord,
  | 'id'
  | 'source'
  | 'verdict'
  | 'reason'
  | 'legalNote'
  | 'safetyScore'
  | 'confidence'
  | 'flags'
  | 'rationale'
  | 'model'
  | 'aiStatus'
  | 'actorUserId'
  | 'createdAt'
>;

export type { AppealStatus as ListingAppealStatus } from './ports';

/** A review as moderation sees it (community's reports of reviews). */
export interface ReviewForModeration {
  id: string;
  listingId: string;
  orgId: string;
  authorUserId: string;
  rating: number;
  body: string;
  hiddenAt: Date | null;
  createdAt: Date;
}

/** An owner's appeal of a rejection, with the listing and its whole verdict history (the AI gate's beside the humans'). */
export interface ListingAppeal {
  /** The appealed verdict's id (one appeal per verdict). */
  id: string;
  listingId: string;
  orgId: string;
  appealedAt: Date;
  reason: string | null;
  status: AppealStatus;
  decidedAt: Date | null;
  decidedBy: string | null;
  listing: ModeratedListing;
  /** Oldest first; the appealed one is `id`. */
  verdicts: ModerationVerdict[];
}

function moderated(state: ListingState): ModeratedListing {
  const { id, orgId, kind, status, title, description, priceMinor, currency, publishedAt, createdAt, updatedAt } = state;
  return { id, orgId, kind, status, title, description, priceMinor, currency, publishedAt, createdAt, updatedAt };
}

function verdictOf(record: VerdictRecord): ModerationVerdict {
  const { id, source, verdict, reason, legalNote, safetyScore, confidence, flags, rationale, model, aiStatus, actorUserId, createdAt } = record;
  return { id, source, verdict, reason, legalNote, safetyScore, confidence, flags, rationale, model, aiStatus, actorUserId, createdAt };
}

/** The marketplace context's front door for other contexts (commerce). */
@Injectable()
export class MarketplaceApi {
  constructor(
    @Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork,
    private readonly queries: ListingQueries,
    private readonly override: OverrideVerdictUseCase,
    private readonly reviews: ReviewsUseCases,
  ) {}

  /**
   * Public views of the organization's listings per UTC day from `from` to `to`
   * (YYYY-MM-DD, inclusive; days without views are left out). Authorization is the caller's.
   */
  async listingViewsByDay(_ctx: RequestContext, orgId: string, from: string, to: string): Promise<Array<{ day: string; views: number }>> {
    const report = await this.uow.repos.engagement.report(orgId, from, to);
    return report.byDay.filter((row) => row.views > 0).map((row) => ({ day: row.day, views: row.views }));
  }

  /** Listings waiting for a human, oldest first (platform admins; MARKETPLACE.FORBIDDEN otherwise). */
  /**
   * The organization's listing creations and review outcomes before `until`,
   * per UTC day, attributed to the member who created each listing (the
   * analytics backfill). Authorization is the caller's.
   */
  listingActivityByDay(_ctx: RequestContext, orgId: string, until: Date): Promise<ListingActivity> {
    return this.uow.repos.listings.activityByDay(orgId, until);
  }

  async moderationQueue(ctx: RequestContext, page: PageRequest): Promise<Page<ModeratedListing>> {
    const result = await this.queries.moderationQueue(ctx, page);
    return { ...result, data: result.data.map((view) => moderated(view.listing)) };
  }

  /** Any listing with its verdict history, oldest first (platform admins). */
  async listingForModeration(ctx: RequestContext, listingId: string): Promise<{ listing: ModeratedListing; verdicts: ModerationVerdict[] }> {
    if (!UUID.test(listingId)) throw MarketplaceErrors.notFound();
    const { view, verdicts } = await this.queries.forModerator(ctx, listingId);
    return { listing: moderated(view.listing), verdicts: verdicts.map(verdictOf) };
  }

  /** Appeals of rejections, oldest first, by status (platform admins; AUTH.FORBIDDEN otherwise). Decide them with decideListing. */
  async appeals(ctx: RequestContext, filter: { status?: AppealStatus }, page: PageRequest): Promise<Page<ListingAppeal>> {
    requirePlatformAdmin(ctx);
    const repos = this.uow.repos;
    const { rows, total } = await repos.verdicts.appeals(filter, page.limit, pageOffset(page));
    const data = await Promise.all(
      rows.map(async (row): Promise<ListingAppeal | undefined> => {
        const [listing, verdicts] = await Promise.all([repos.listings.findAny(row.listingId), repos.verdicts.forListing(row.orgId, row.listingId)]);
        if (!listing) return undefined;
        const { verdictId, ...appeal } = row;
        return { id: verdictId, ...appeal, listing: moderated(listing.snapshot()), verdicts: verdicts.map(verdictOf) };
      }),
    );
    return toPage(
      data.filter((appeal): appeal is ListingAppeal => appeal !== undefined),
      total,
      page,
    );
  }

  /** A platform admin's decision on a listing waiting for a human (the moderation override use case; audited there). */
  async decideListing(ctx: RequestContext, input: { listingId: string; verdict: 'approved' | 'rejected'; reason: string }): Promise<ModeratedListing> {
    return moderated(await this.override.execute(ctx, input));
  }

  /** Any review, hidden ones included; undefined when there is none (unknown or malformed id). */
  async reviewForModeration(ctx: RequestContext, reviewId: string): Promise<ReviewForModeration | undefined> {
    if (!UUID.test(reviewId)) return undefined;
    const review = await this.reviews.find(ctx, reviewId);
    if (!review) return undefined;
    const { id, listingId, orgId, authorUserId, rating, body, hiddenAt, createdAt } = review;
    return { id, listingId, orgId, authorUserId, rating, body, hiddenAt, createdAt };
  }

  /** Hides a review (platform admins; idempotent; audited as marketplace.review_hidden). */
  hideReview(ctx: RequestContext, input: { reviewId: string; reason: string }): Promise<void> {
    return this.reviews.hide(ctx, input);
  }

  /** Shows a hidden review again (platform admins; idempotent; audited as marketplace.review_restored). */
  restoreReview(ctx: RequestContext, input: { reviewId: string; reason: string }): Promise<void> {
    return this.reviews.restore(ctx, input);
  }

  /** The operators' dashboard: listings created per UTC day since `since`, and how many wait for a human now. */
  async moderationSummary(_ctx: RequestContext, since: Date): Promise<{ createdByDay: Array<{ day: string; count: number }>; waitingForReview: number }> {
    const [createdByDay, waiting] = await Promise.all([this.uow.repos.listings.createdByDay(since), this.uow.repos.listings.awaitingHuman(1, 0)]);
    return { createdByDay, waitingForReview: waiting.total };
  }

  /** The listings among `ids`, in any status (commerce refuses unpublished ones); unknown ids are left out. */
  async listingsForSale(_ctx: RequestContext, ids: string[]): Promise<ListingForSale[]> {
    const valid = ids.filter((id) => UUID.test(id));
    return this.uow.repos.listings.forSale([...new Set(valid)]);
  }

  /**
   * Reserves stock for parts (vehicles: their one unit; tunes: nothing to
   * reserve); idempotent by reservationId (an order id); throws
   * MARKETPLACE.OUT_OF_STOCK (409) naming the listing. Concurrency-safe:
   * each line is a conditional UPDATE, and the whole reservation is one
   * transaction (all lines or none).
   */
  async reserveStock(_ctx: RequestContext, reservationId: string, items: Array<{ listingId: string; quantity: number }>): Promise<void> {
    const merged = new Map<string, number>();
    for (const item of items) {
      if (!UUID.test(item.listingId)) throw MarketplaceErrors.notFound();
      if (!Number.isInteger(item.quantity) || item.quantity <= 0) throw MarketplaceErrors.validation({ quantity: ['quantity must be a positive integer'] });
      merged.set(item.listingId, (merged.get(item.listingId) ?? 0) + item.quantity);
    }
    await this.uow.run(async (repos) => {
      if (!(await repos.stock.openReservation(reservationId))) return;
      // Always the same order, so two reservations of the same listings never deadlock.
      for (const [listingId, quantity] of [...merged.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const outcome = await repos.stock.take(reservationId, listingId, quantity);
        if (outcome === 'short') throw MarketplaceErrors.outOfStock(listingId);
        if (outcome === 'missing') throw MarketplaceErrors.notFound();
      }
    });
  }

  /** Releases a reservation (its units go back to stock); idempotent. */
  async releaseStock(_ctx: RequestContext, reservationId: string): Promise<void> {
    await this.uow.run((repos) => repos.stock.release(reservationId));
  }

  /** Whether the user bought the listing (a verified buyer, for reviews). */
  async isVerifiedBuyer(_ctx: RequestContext, listingId: string, userId: string): Promise<boolean> {
    return this.uow.repos.purchases.isVerifiedBuyer(listingId, userId);
  }

  /** The listings among `ids` (any status) with their description and vehicle models; unknown ids are left out. */
  async listingsForRecommendation(_ctx: RequestContext, ids: string[]): Promise<ListingForRecommendation[]> {
    const valid = [...new Set(ids.filter((id) => UUID.test(id)))];
    const found = await Promise.all(valid.map((id) => this.uow.repos.listings.findAny(id)));
    return found
      .filter((listing) => listing !== undefined)
      .map((listing) => {
        const s = listing.snapshot();
        return {
          id: s.id,
          orgId: s.orgId,
          kind: s.kind,
          title: s.title,
          description: s.description,
          priceMinor: s.priceMinor,
          currency: s.currency,
          status: s.status,
          modelIds: listingModelIds(s.details),
        };
      });
  }

  /** An organization's published listings, newest first (at most `limit`): what community's demo data comments on. */
  async publishedListingsOf(_ctx: RequestContext, orgId: string, limit: number): Promise<ListingForSale[]> {
    if (!UUID.test(orgId)) return [];
    const { rows } = await this.uow.repos.listings.listInOrg(orgId, { status: 'published', limit: Math.min(Math.max(limit, 1), 100), offset: 0 });
    return this.uow.repos.listings.forSale(rows.map((row) => row.id));
  }
}
