/** The marketplace context's public surface: nothing else is imported from outside. */
export { MarketplaceModule } from './marketplace.module';
export { MarketplaceApi } from './application/marketplace.api';
export type { ListingForSale, ModeratedListing, ModerationVerdict } from './application/marketplace.api';
export { MarketplaceFeaturedApi, FEATURED_SORTS } from './application/featured.api';
export type { FeaturedFilter, FeaturedPlacement, FeaturedSort } from './application/featured.api';
export type {
  ListingTransitionedPayload,
  ListingVerdictRecordedPayload,
  ReviewCreatedPayload,
  OrderPaidPayload,
  OrderRefundedPayload,
} from './application/events';
export { LISTING_DRAFTED, LISTING_VERDICT_RECORDED } from './application/events';
export { MARKETPLACE_ERRORS, LISTING_KINDS, LISTING_STATUSES, MIN_SAFETY_SCORE, LLM_APPROVAL_THRESHOLD } from './domain';
export type { MarketplaceErrorCode, ListingKind, ListingStatus } from './domain';
