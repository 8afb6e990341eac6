import { Injectable } from '@nestjs/common';
import { systemContext } from '../../../../platform/kernel';
import { BookingsApi } from '../../../bookings';
import { CommerceApi } from '../../../commerce';
import { MarketplaceApi } from '../../../marketplace';
import type { ConversationSubjects } from '../../application/ports';
import type { SubjectParties, SubjectType } from '../../domain';

/** Listings through MarketplaceApi, orders through CommerceApi, bookings through BookingsApi. */
@Injectable()
export class FacadeConversationSubjects implements ConversationSubjects {
  constructor(
    private readonly marketplace: MarketplaceApi,
    private readonly commerce: CommerceApi,
    private readonly bookings: BookingsApi,
  ) {}

  async parties(subject: { type: SubjectType; id: string }): Promise<SubjectParties | undefined> {
    const ctx = systemContext('messaging-subjects');
    switch (subject.type) {
      case 'listing': {
        const [listing] = await this.marketplace.listingsForSale(ctx, [subject.id]);
        if (!listing) return undefined;
        // Anyone may ask about a published listing; about any other, only the seller's members talk among themselves.
        return { type: 'listing', orgId: listing.orgId, customerUserId: null, openToAnyCustomer: listing.status === 'published' };
      }
      case 'order': {
        const order = await this.commerce.orderParties(ctx, subject.id);
        if (!order) return undefined;
        return { type: 'order', orgId: order.sellerOrgId, customerUserId: order.buyerUserId, openToAnyCustomer: false };
      }
      case 'booking': {
        const booking = await this.bookings.bookingParties(ctx, subject.id);
        if (!booking) return undefined;
        return { type: 'booking', orgId: booking.shopOrgId, customerUserId: booking.customerUserId, openToAnyCustomer: false };
      }
    }
  }
}
