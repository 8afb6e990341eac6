import { Injectable } from '@nestjs/common';
import { type IntegrationEvent, OnEvent } from '../../../../platform/events';
import { RecordPurchasesUseCase, SyncListingUseCase } from '../../application/recommendations/recommendation.use-cases';

interface ListingEventPayload {
  listingId: string;
  orgId: string;
  kind: string;
}

interface OrderPaidPayload {
  orderId: string;
  buyerUserId: string;
  lines: Array<{ listingId: string; kind?: string }>;
}

/** What the ai context does with other contexts' events: thin, idempotent, one use case each. */
@Injectable()
export class AiEventHandlers {
  constructor(
    private readonly syncListing: SyncListingUseCase,
    private readonly recordPurchases: RecordPurchasesUseCase,
  ) {}

  @OnEvent(['marketplace.listing.published', 'marketplace.listing.updated', 'marketplace.listing.archived'], { name: 'ai.sync-listing' })
  async listingChanged(event: IntegrationEvent<ListingEventPayload>): Promise<void> {
    await this.syncListing.execute(event.ctx, event.payload.listingId);
  }

  @OnEvent('commerce.order.paid', { name: 'ai.record-purchases' })
  async orderPaid(event: IntegrationEvent<OrderPaidPayload>): Promise<void> {
    // A booking paid online is an order too, but its line is a booking, not a listing anyone can be recommended.
    const listingIds = event.payload.lines.filter((line) => line.kind !== 'booking').map((line) => line.listingId);
    if (listingIds.length === 0) return;
    await this.recordPurchases.execute({
      orderId: event.payload.orderId,
      buyerUserId: event.payload.buyerUserId,
      listingIds,
      occurredAt: new Date(event.occurredAt),
    });
  }
}
