import type { Page, PageRequest, RequestContext, SortOrder, UnitOfWork } from '../../../platform/kernel';
import type { Listing, ListingKind, ListingState, ListingStatus, ListingTransition } from '../domain';

export interface ListingListFilter {
  kind?: ListingKind;
  status?: ListingStatus;
  limit: number;
  offset: number;
}

export type ListingRow = ListingState;

export interface ListingForSaleRow {
  id: string;
  orgId: string;
  kind: ListingKind;
  title: string;
  priceMinor: number;
  currency: string;
  status: string;
  stock: number | null;
}

/** Per UTC day: listings created and review outcomes, each attributed to the member who created the listing (null: unknown). */
export interface ListingActivity {
  created: Array<{ day: string; userId: string | null; count: number }>;
  verdicts: Array<{ day: string; userId: string | null; verdict: 'approved' | 'rejected' | 'needs_human'; count: number }>;
  /** Who created each listing that has a creation on record. */
  creators: Array<{ listingId: string; userId: string | null }>;
}

export interface ListingRepository {
  /** Listings created per UTC day since `since` (days without any are left out). */
  createdByDay(since: Date): Promise<Array<{ day: string; count: number }>>;
  /** The organization's listing creations and review outcomes before `until`, per UTC day and creator (analytics backfill). */
  activityByDay(orgId: string, until: Date): Promise<ListingActivity>;
  findInOrg(orgId: string, id: string, lock?: boolean): Promise<Listing | undefined>;
  findAny(id: string, lock?: boolean): Promise<Listing | undefined>;
  insert(listing: Listing): Promise<void>;
  update(listing: Listing): Promise<void>;
  recordTransitions(listing: Listing, transitions: ListingTransition[], actorUserId: string | null): Promise<void>;
  transitions(orgId: string, listingId: string): Promise<Array<ListingTransition & { actorUserId: string | null }>>;
  listInOrg(orgId: string, filter: ListingListFilter): Promise<{ rows: ListingRow[]; total: number }>;
  forSale(ids: string[]): Promise<ListingForSaleRow[]>;
  awaitingHuman(limit: number, offset: number): Promise<{ rows: ListingRow[]; total: number }>;
  fileSoldElsewhere(orgId: string, sha256: string): Promise<boolean>;
  /** The catalog brand and vehicle type ids of the listing's models (denormalized for search). */
  setTaxonomy(orgId: string, id: string, taxonomy: ListingTaxonomy): Promise<void>;
}

export interface ListingTaxonomy {
  brandIds: string[];
  vehicleTypeIds: string[];
}

export interface StockRepository {
  openReservation(reservationId: string): Promise<boolean>;
  take(reservationId: string, listingId: string, quantity: number): Promise<'taken' | 'unlimited' | 'short' | 'missing'>;
  release(reservationId: string): Promise<boolean>;
}

export interface PurchaseRepository {
  record(purchase: {
    orderId: string;
    listingId: string;
    orgId: string;
    buyerUserId: string;
    kind: string;
    quantity: number;
    entitled: boolean;
  }): Promise<boolean>;
  revoke(orderId: string, listingIds: string[] | null): Promise<number>;
  isEntitled(listingId: string, userId: string): Promise<boolean>;
  isVerifiedBuyer(listingId: string, userId: string): Promise<boolean>;
  entitlementsOf(userId: string): Promise<Array<{ listingId: string; orderId: string; purchasedAt: Date }>>;
}

export interface VerdictRecord {
  id: string;
  listingId: string;
  orgId: string;
  source: 'gate' | 'content_check' | 'override' | 'appeal' | 'demo';
  verdict: 'approved' | 'rejected' | 'needs_human';
  reason: string;
  legalNote: string | null;
  findings: unknown[];
  safetyScore: number | null;
  confidence: number | null;
  flags: string[];
  rationale: string | null;
  model: string | null;
  promptVersion: string | null;
  inputHash: string | null;
  latencyMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  /** ok | not_configured | unavailable | budget_exceeded | malformed | skipped | demo */
  aiStatus: string;
  actorUserId: string | null;
  appealedAt: Date | null;
  createdAt: Date;
}

export interface VerdictRepository {
  insert(verdict: VerdictRecord): Promise<void>;
  forListing(orgId: string, listingId: string): Promise<VerdictRecord[]>;
  latest(orgId: string, listingId: string, lock?: boolean): Promise<VerdictRecord | undefined>;
  markAppealed(id: string, at: Date): Promise<boolean>;
  /** Appealed verdicts with the appeal's reason and the first decision after it, oldest appeal first (every organization). */
  appeals(filter: { status?: AppealStatus }, limit: number, offset: number): Promise<{ rows: AppealRecord[]; total: number }>;
}

/** pending: no verdict (a human's, or the gate's after a new review) has decided the listing since the appeal. */
export type AppealStatus = 'pending' | 'approved' | 'rejected';

export interface AppealRecord {
  /** The appealed verdict. */
  verdictId: string;
  listingId: string;
  orgId: string;
  appealedAt: Date;
  /** What the owner wrote (null for appeals recorded before reasons were kept apart). */
  reason: string | null;
  status: AppealStatus;
  decidedAt: Date | null;
  decidedBy: string | null;
}

export interface SearchFilter {
  q?: string;
  kind?: ListingKind;
  orgId?: string;
  modelId?: string;
  brandId?: string;
  vehicleTypeId?: string;
  condition?: string;
  currency?: string;
  priceMin?: number;
  priceMax?: number;
  yearMin?: number;
  yearMax?: number;
  sort: 'relevance' | 'newest' | 'price_asc' | 'price_desc' | 'rating';
  limit: number;
  cursor?: { value: string | number; id: string };
  featuredSlots: number;
}

export interface SearchHit {
  listing: ListingState;
  featured: boolean;
  ratingSum: number;
  ratingCount: number;
  sortValue: unknown;
}

export interface SearchPage {
  featured: SearchHit[];
  data: SearchHit[];
  next: { value: string | number; id: string } | null;
}

export interface ListingSearch {
  search(filter: SearchFilter): Promise<SearchPage>;
}

export interface ReviewRecord {
  id: string;
  listingId: string;
  orgId: string;
  authorUserId: string;
  rating: number;
  body: string;
  sellerReply: string | null;
  repliedAt: Date | null;
  hiddenAt: Date | null;
  createdAt: Date;
}

export interface FeaturedSlot {
  id: string;
  listingId: string;
  orgId: string;
  startsAt: Date;
  endsAt: Date;
  rank: number;
  createdBy: string | null;
}

/** A featured slot as operators see it: its listing's title and where the window stands now. */
export interface FeaturedPlacement extends FeaturedSlot {
  listingTitle: string;
  state: 'scheduled' | 'running' | 'ended';
  createdAt: Date;
}

export const FEATURED_SORTS = ['created_at', 'starts_at', 'ends_at', 'rank'] as const;

export interface FeaturedFilter {
  state?: FeaturedPlacement['state'];
  listingId?: string;
  orgId?: string;
}

export interface DailyStats {
  listingId: string;
  day: string;
  views: number;
  saves: number;
  purchases: number;
}

/** A period's analytics: per listing and day, per day for the whole organization, per listing, and the totals. */
export interface AnalyticsReport {
  daily: DailyStats[];
  byDay: Array<Omit<DailyStats, 'listingId'>>;
  byListing: Array<Omit<DailyStats, 'day'>>;
  totals: { views: number; saves: number; purchases: number };
}

export interface EngagementRepository {
  insertReview(review: ReviewRecord): Promise<boolean>;
  findReview(reviewId: string, lock?: boolean): Promise<ReviewRecord | undefined>;
  reply(orgId: string, reviewId: string, text: string): Promise<boolean>;
  hide(reviewId: string, reason: string): Promise<ReviewRecord | undefined>;
  /** Shows a hidden review again (it counts in the listing's average again); undefined when it was not hidden. */
  unhide(reviewId: string): Promise<ReviewRecord | undefined>;
  visibleReviews(listingId: string, limit: number, offset: number): Promise<{ rows: ReviewRecord[]; total: number }>;
  rating(listingId: string): Promise<{ sum: number; count: number }>;
  addFavourite(userId: string, listingId: string): Promise<boolean>;
  removeFavourite(userId: string, listingId: string): Promise<void>;
  favourites(userId: string, limit: number, offset: number): Promise<{ ids: string[]; total: number }>;
  feature(slot: FeaturedSlot): Promise<void>;
  endFeature(id: string): Promise<FeaturedSlot | undefined>;
  /** Every featured slot (the operators' console), with its listing's title. */
  listFeatured(filter: FeaturedFilter, sort: SortOrder<(typeof FEATURED_SORTS)[number]>, page: PageRequest): Promise<Page<FeaturedPlacement>>;
  findFeatured(id: string): Promise<FeaturedPlacement | undefined>;
  count(orgId: string, listingId: string, field: 'views' | 'saves' | 'purchases', by?: number): Promise<void>;
  report(orgId: string, from: string, to: string, listingId?: string): Promise<AnalyticsReport>;
}

export interface MarketplaceRepositories {
  search: ListingSearch;
  engagement: EngagementRepository;
  listings: ListingRepository;
  stock: StockRepository;
  purchases: PurchaseRepository;
  verdicts: VerdictRepository;
}

export const MARKETPLACE_UNIT_OF_WORK = Symbol('MARKETPLACE_UNIT_OF_WORK');
export type MarketplaceUnitOfWork = UnitOfWork<MarketplaceRepositories>;

/** The organizations the marketplace needs to know (kind decides what it may sell). */
export const SELLER_DIRECTORY = Symbol('SELLER_DIRECTORY');
export interface SellerDirectory {
  kindOf(ctx: RequestContext, orgId: string): Promise<string | undefined>;
}

/** Text moderation for the vehicles' and parts' content check (Mistral's moderation, through the ai context). */
export const CONTENT_MODERATOR = Symbol('CONTENT_MODERATOR');
export interface ContentModerator {
  isConfigured(): boolean;
  moderate(ctx: RequestContext, input: { orgId: string; text: string }): Promise<{ flagged: boolean; categories: string[]; model: string }>;
}

/** The AI half of the tune safety gate: a structured verdict for a tune. */
export const SAFETY_REVIEWER = Symbol('SAFETY_REVIEWER');
export interface SafetyAssessment {
  safetyScore: number;
  confidence: number;
  flags: string[];
  rationale: string;
  model: string;
  promptVersion: string;
  inputHash: string;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
}
export type SafetyReviewOutcome =
  { status: 'ok'; assessment: SafetyAssessment } | { status: 'not_configured' | 'unavailable' | 'budget_exceeded' | 'malformed'; detail: string };
export interface SafetyReviewer {
  review(ctx: RequestContext, input: { orgId: string; listing: ListingState }): Promise<SafetyReviewOutcome>;
}

/** The vehicle catalog (through CatalogApi): the brands and vehicle types of catalog models; unknown ids are left out. */
export const VEHICLE_TAXONOMY = Symbol('VEHICLE_TAXONOMY');
export interface VehicleTaxonomy {
  of(ctx: RequestContext, modelIds: string[]): Promise<ListingTaxonomy>;
}

export const MARKETPLACE_CONFIG = Symbol('MARKETPLACE_CONFIG');
export interface MarketplaceConfig {
  maxTuneFileBytes: number;
  maxPhotoBytes: number;
  downloadLinkTtlSeconds: number;
}

export const MARKETPLACE_QUEUE = 'marketplace';
export const MARKETPLACE_JOBS = { reviewTune: 'review-tune' } as const;

/** The safety gate's queue (a second enqueue with the same dedupe key is ignored). */
export const REVIEW_QUEUE = Symbol('REVIEW_QUEUE');
export interface ReviewQueuePort {
  enqueue(ctx: RequestContext, listingId: string, dedupe: string): Promise<void>;
}

/** The platform's audit log (kept by the organizations context). */
export const AUDIT_LOG = Symbol('AUDIT_LOG');
export interface AuditLog {
  record(
    ctx: RequestContext,
    entry: { orgId: string | null; action: `marketplace.${string}`; targetType: string; targetId: string; metadata?: Record<string, unknown> },
  ): Promise<void>;
}
