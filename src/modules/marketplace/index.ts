/** The marketplace context's public surface: nothing else is imported from outside. */
export { MarketplaceModule } from './marketplace.module';
export { MarketplaceApi } from './application/marketplace.api';
export type {
  ListingAppeal,
  ListingAppealStatus,
  ListingForRecommendation,
  ListingForSale,
  ModeratedListing,
  ModerationVerdict,
  ReviewForModeration,
} from './application/marketplace.api';
export type { ListingActivity } from './application/ports';
export { MarketplaceFeaturedApi, FEATURED_SORTS } from './application/featured.api';
export type { FeaturedFilter, FeaturedPlacement, FeaturedSort } from './application/featured.api';
export type {
  ListingTransitionedPayload,
  ListingVerdictRecordedPayload,
  ListingUpdatedPayload,
  ReviewCreatedPayload,
  OrderPaidPayload,
  OrderRefundedPayload,
} from './application/events';
export { LISTING_DRAFTED, LISTING_UPDATED, LISTING_VERDICT_RECORDED } from './application/events';
export { MARKETPLACE_ERRORS, LISTING_KINDS, LISTING_STATUSES, MIN_SAFETY_SCORE, LLM_APPROVAL_THRESHOLD } from './domain';
export type { MarketplaceErrorCode, ListingKind, ListingStatus } from './domain';
