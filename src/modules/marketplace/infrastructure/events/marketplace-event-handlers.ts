import { Injectable } from '@nestjs/common';
import { OnEvent } from '../../../../platform/events';
import type { IntegrationEvent } from '../../../../platform/kernel';
import type { ListingTransitionedPayload, OrderPaidPayload, OrderRefundedPayload } from '../../application/events';
import { RecordPurchaseUseCase, RevokePurchaseUseCase } from '../../application/use-cases/purchases.use-case';
import { ReviewQueue } from '../jobs/marketplace-jobs';

/** What the marketplace does when it hears of other facts: thin, idempotent by event. */
@Injectable()
export class MarketplaceEventHandlers {
  constructor(
    private readonly recordPurchase: RecordPurchaseUseCase,
    private readonly revokePurchase: RevokePurchaseUseCase,
    private readonly reviews: ReviewQueue,
  ) {}

  @OnEvent('commerce.order.paid', { name: 'marketplace.record-purchase' })
  async orderPaid(event: IntegrationEvent<OrderPaidPayload>): Promise<void> {
    await this.recordPurchase.execute(event.ctx, event.payload);
  }

  @OnEvent('commerce.order.refunded', { name: 'marketplace.revoke-entitlements' })
  async orderRefunded(event: IntegrationEvent<OrderRefundedPayload>): Promise<void> {
    await this.revokePurchase.execute(event.ctx, event.payload);
  }

  /** A submitted tune goes to the safety gate's queue. */
  @OnEvent('marketplace.listing.submitted', { name: 'marketplace.enqueue-safety-review' })
  async listingSubmitted(event: IntegrationEvent<ListingTransitionedPayload>): Promise<void> {
    if (event.payload.kind === 'tune') await this.reviews.enqueue(event.ctx, event.payload.listingId, event.id);
  }
}
