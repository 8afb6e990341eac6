import { randomUUID } from 'node:crypto';
import { closeCommerce, commerceApp, CommerceWorld } from '../commerce/commerce-test-kit';
import { BookingsClient, dateIn, Shop } from '../bookings/bookings-test-kit';
import { MarketplaceClient, partBody } from '../marketplace/marketplace-test-kit';
import type { Actor, StaffedOrganization } from '../organizations/organizations-test-kit';
import { MessagingClient } from './messaging-test-kit';

/**
 * Conversations about a listing, an order or a booking: the participants are checked against the subject through
 * the marketplace, commerce and bookings facades (real contexts; only the order's checkout reads a test catalog).
 */
describe('messaging: conversations about a listing, an order, a booking', () => {
  let w: CommerceWorld;
  let c: MessagingClient;
  let seller: StaffedOrganization;
  let shop: Shop;
  let buyer: Actor;
  let stranger: Actor;
  let orderId: string;
  let listingId: string;
  let draftListingId: string;
  let bookingId: string;

  const open = (actor: Actor, body: Record<string, unknown>) => c.as(actor, 'POST', '/conversations', body);

  beforeAll(async () => {
    w = await commerceApp({ MESSAGING_SEND_LIMIT: '100000', BOOKINGS_MAX_ADVANCE_DAYS: '500' });
    c = new MessagingClient(w.t);
    const market = new MarketplaceClient(w.t);
    const bookings = new BookingsClient(w.t);
    [seller, shop, buyer, stranger] = await Promise.all([
      market.organizationOfKind('repair_shop', 'subject-seller'),
      bookings.shop('subject-shop'),
      c.signUp('subject-buyer'),
      c.signUp('subject-stranger'),
    ]);

    const part = w.catalog.add(seller.id, 'part', 2500, 5);
    const checkout = await c.expectOk(c.request('POST', '/orders', { token: buyer.token }, { body: { items: [{ listing_id: part.id, quantity: 1 }] } }), 201);
    orderId = checkout.orders[0].id;

    const listing = await market.createListing(market.as(seller.staff), seller.id, partBody());
    const published = await c.expectOk(c.request('POST', `/organizations/${seller.id}/listings/${listing.id}/submit`, { token: seller.staff.token }));
    expect(published.status).toBe('published');
    listingId = listing.id;
    draftListingId = (await market.createListing(market.as(seller.staff), seller.id, partBody({ title: 'Draft pads' }))).id;

    const models = await bookings.models();
    const booked = await bookings.book(buyer, bookings.bookingBody(shop, models.cbr, dateIn(shop.timeZone, 3), '10:00'));
    expect(booked.statusCode).toBe(201);
    bookingId = booked.json().id;
  }, 180_000);
  afterAll(() => closeCommerce(w));

  describe('successful', () => {
    it('the buyer opens a conversation with the seller’s staff about their order', async () => {
      const res = await open(buyer, { conversation_type: 'direct', participant_ids: [seller.staff.userId], subject_type: 'order', subject_id: orderId });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ conversation_type: 'direct', subject: { type: 'order', id: orderId } });
    });

    it('a manager of the seller opens a group about the order with the buyer and staff, and adds another member', async () => {
      const group = await c.group(seller.manager, [buyer, seller.staff], 'Order follow-up', { subject_type: 'order', subject_id: orderId });
      expect(group.subject).toEqual({ type: 'order', id: orderId });
      await c.expectOk(c.as(seller.manager, 'POST', `/conversations/${group.id}/add_participant`, { user_id: seller.staff2.userId }), 204);
    });

    it('anyone asks the seller about a published listing; the seller’s members talk about a draft among themselves', async () => {
      const asked = await c.group(stranger, [seller.staff, seller.manager], 'About the pads', { subject_type: 'listing', subject_id: listingId });
      expect(asked.subject).toEqual({ type: 'listing', id: listingId });
      const internal = await c.group(seller.manager, [seller.staff], 'Draft pricing', { subject_type: 'listing', subject_id: draftListingId });
      expect(internal.subject).toEqual({ type: 'listing', id: draftListingId });
    });

    it('the customer talks to the repair shop about their booking, and the shop’s members among themselves', async () => {
      const res = await open(buyer, { conversation_type: 'direct', participant_ids: [shop.org.staff.userId], subject_type: 'booking', subject_id: bookingId });
      expect(res.statusCode).toBe(201);
      const internal = await c.group(shop.org.manager, [shop.org.staff], 'Bay plan', { subject_type: 'booking', subject_id: bookingId });
      expect(internal.subject).toEqual({ type: 'booking', id: bookingId });
    });
  });

  describe('failing', () => {
    it('a stranger cannot open a conversation about someone else’s order: the same clear reason as for no order at all', async () => {
      const res = await open(stranger, { conversation_type: 'direct', participant_ids: [seller.staff.userId], subject_type: 'order', subject_id: orderId });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'MESSAGING.SUBJECT_UNAVAILABLE' });
      expect(res.json().detail).toMatch(/buyer and members of the seller organization/);
      const none = await open(stranger, {
        conversation_type: 'direct',
        participant_ids: [seller.staff.userId],
        subject_type: 'order',
        subject_id: randomUUID(),
      });
      expect(none.statusCode).toBe(422);
      expect(none.json().detail).toBe(res.json().detail);
    });

    it('members of another organization cannot talk about the order either', async () => {
      const res = await open(shop.org.staff, { conversation_type: 'direct', participant_ids: [buyer.userId], subject_type: 'order', subject_id: orderId });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('MESSAGING.SUBJECT_UNAVAILABLE');
    });

    it('the buyer cannot bring a stranger into a conversation about the order, nor can a seller’s admin add one', async () => {
      const res = await open(buyer, {
        conversation_type: 'group',
        name: 'x',
        participant_ids: [seller.staff.userId, stranger.userId],
        subject_type: 'order',
        subject_id: orderId,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'MESSAGING.PARTICIPANT_OUTSIDE_SUBJECT',
        errors: { participant_ids: [expect.stringContaining(stranger.userId)] },
      });
      const group = await c.group(seller.manager, [seller.staff], 'Staff only', { subject_type: 'order', subject_id: orderId });
      const add = await c.as(seller.manager, 'POST', `/conversations/${group.id}/add_participant`, { user_id: stranger.userId });
      expect(add.statusCode).toBe(422);
      expect(add.json().code).toBe('MESSAGING.PARTICIPANT_OUTSIDE_SUBJECT');
      await c.expectOk(c.as(seller.manager, 'POST', `/conversations/${group.id}/add_participant`, { user_id: buyer.userId }), 204);
    });

    it('a listing conversation has one outside person; a draft listing is for its seller’s members only', async () => {
      const two = await open(buyer, {
        conversation_type: 'group',
        name: 'x',
        participant_ids: [seller.staff.userId, stranger.userId],
        subject_type: 'listing',
        subject_id: listingId,
      });
      expect(two.statusCode).toBe(422);
      expect(two.json().code).toBe('MESSAGING.PARTICIPANT_OUTSIDE_SUBJECT');
      const draft = await open(buyer, {
        conversation_type: 'group',
        name: 'x',
        participant_ids: [seller.staff.userId],
        subject_type: 'listing',
        subject_id: draftListingId,
      });
      expect(draft.statusCode).toBe(422);
      expect(draft.json().code).toBe('MESSAGING.SUBJECT_UNAVAILABLE');
    });

    it('a stranger cannot talk about someone else’s booking, nor the customer bring in a stranger', async () => {
      const res = await open(stranger, {
        conversation_type: 'direct',
        participant_ids: [shop.org.staff.userId],
        subject_type: 'booking',
        subject_id: bookingId,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('MESSAGING.SUBJECT_UNAVAILABLE');
      expect(res.json().detail).toMatch(/customer and members of the repair shop/);
      const brought = await open(buyer, {
        conversation_type: 'group',
        name: 'x',
        participant_ids: [shop.org.staff.userId, stranger.userId],
        subject_type: 'booking',
        subject_id: bookingId,
      });
      expect(brought.json().code).toBe('MESSAGING.PARTICIPANT_OUTSIDE_SUBJECT');
    });
  });
});
