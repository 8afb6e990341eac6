/**
 * The payloads of the other contexts' events this context turns into
 * notifications, as agreed between contexts (ids as strings, camelCase). They
 * are declared here as read, so this context depends on the event names and
 * shapes only, not on the publishers' code.
 */
export interface ListingVerdictRecorded {
  listingId: string;
  orgId: string;
  verdict: 'approved' | 'rejected' | 'needs_human';
  reason: string | null;
}

export interface ListingPublished {
  listingId: string;
  orgId: string;
  kind: string;
}

export interface OrderPaid {
  orderId: string;
  buyerUserId: string;
  sellerOrgId: string;
  lines: Array<{ listingId: string; kind: string; quantity: number }>;
}

export interface OrderStatusChanged {
  orderId: string;
  buyerUserId: string;
  sellerOrgId: string;
  from: string;
  to: string;
}

export interface PayoutSent {
  payoutId: string;
  orgId: string;
  amountMinor: number;
  currency: string;
}

export interface BookingChanged {
  bookingId: string;
  orgId: string;
  customerUserId: string | null;
  from: string | null;
  to: string;
  reason: string | null;
}

export interface MessageSent {
  conversationId: string;
  messageId: string;
  senderUserId: string;
  recipientUserIds: string[];
}
