import type { EventPublisher, RequestContext } from '../../../platform/kernel';
import { Listing, ListingKind, ListingStatus, ListingTransition, transitionEventType } from '../domain';
import type { MarketplaceRepositories } from './ports';

/** A listing was created (as a draft; `from` is null). */
export const LISTING_DRAFTED = 'marketplace.listing.drafted';
/** A published listing's text, price or details were edited and it stays published (`ListingUpdatedPayload`). */
export const LISTING_UPDATED = 'marketplace.listing.updated';
/** A review outcome (`approved`, `rejected`, `needs_human`) by the gate or a moderator. */
export const LISTING_VERDICT_RECORDED = 'marketplace.listing.verdict-recorded';

/** `marketplace.listing.submitted`, `.review-started`, `.published`, `.archived`, `.drafted`. */
export interface ListingTransitionedPayload {
  listingId: string;
  orgId: string;
  kind: ListingKind;
  from: ListingStatus | null;
  to: ListingStatus;
}

/** `marketplace.listing.updated`. */
export interface ListingUpdatedPayload {
  listingId: string;
  orgId: string;
  kind: ListingKind;
}

/** `marketplace.listing.verdict-recorded`. */
export interface ListingVerdictRecordedPayload extends ListingTransitionedPayload {
  verdict: 'approved' | 'rejected' | 'needs_human';
  reason: string;
}

/** `marketplace.review.created`. */
export interface ReviewCreatedPayload {
  listingId: string;
  reviewId: string;
  orgId: string;
  authorUserId: string;
}

/** commerce's `commerce.order.paid`, as this context reads it. */
export interface OrderPaidPayload {
  orderId: string;
  buyerUserId: string;
  sellerOrgId: string;
  lines: Array<{ listingId: string; kind: ListingKind; quantity: number }>;
}

/** commerce's `commerce.order.refunded`, as this context reads it. */
export interface OrderRefundedPayload {
  orderId: string;
  buyerUserId: string;
  sellerOrgId: string;
  full: boolean;
  listingIds: string[];
}

/** Writes the listing, its history and one event per move, in the caller's transaction. */
export async function saveMoves(
  repos: MarketplaceRepositories,
  events: EventPublisher,
  ctx: RequestContext,
  listing: Listing,
  options: { insert?: boolean } = {},
): Promise<ListingTransition[]> {
  const moves = listing.pullTransitions();
  if (options.insert) await repos.listings.insert(listing);
  else await repos.listings.update(listing);
  await repos.listings.recordTransitions(listing, moves, ctx.userId ?? null);
  for (const move of moves) {
    const base: ListingTransitionedPayload = { listingId: listing.id, orgId: listing.orgId, kind: listing.kind, from: move.from, to: move.to };
    const payload =
      move.to === 'approved' || move.to === 'rejected' || move.to === 'needs_human'
        ? ({ ...base, verdict: move.to, reason: move.reason ?? '' } satisfies ListingVerdictRecordedPayload)
        : base;
    events.publish(ctx, { type: transitionEventType(move.to), orgId: listing.orgId, payload });
  }
  return moves;
}
