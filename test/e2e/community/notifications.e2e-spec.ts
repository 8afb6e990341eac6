import { randomUUID } from 'node:crypto';
import { EventNotifications } from '../../../src/modules/community/application/notifications/event-notifications';
import { HmacLinkSigner } from '../../../src/modules/community/infrastructure/crypto/hmac-link-signer';
import { SendEmailDigestsUseCase } from '../../../src/modules/community/application/notifications/send-digests.use-case';
import { UNSUBSCRIBE_PURPOSE } from '../../../src/modules/community/application/notifications/unsubscribe-links';
import { COMMUNITY_CONFIG, type CommunityConfig } from '../../../src/modules/community/application/ports';
import { waitFor } from '../../support/processes';
import type { TestApp } from '../../support/test-app';
import type { StaffedOrganization } from '../organizations/organizations-test-kit';
import { Actor, Body, CommunityClient, communityApp } from './community-test-kit';

/**
 * Notifications made from other contexts' events (published here through a
 * unit of work, as those contexts do), listed, grouped, read, and delivered
 * by e-mail according to each person's preferences.
 */
describe('notifications', () => {
  let t: TestApp;
  let c: CommunityClient;
  let shop: StaffedOrganization;
  let otherShop: StaffedOrganization;
  let buyer: Actor;

  beforeAll(async () => {
    t = await communityApp();
    c = new CommunityClient(t);
    [shop, otherShop, buyer] = await Promise.all([c.staffedOrganization('shop'), c.staffedOrganization('other'), c.signUp('buyer')]);
  });
  afterAll(() => t?.close());

  const message = (conversationId: string, sender: Actor, recipients: Actor[]) =>
    c.publish(
      'messaging.message.sent',
      { conversationId, messageId: randomUUID(), senderUserId: sender.userId, recipientUserIds: recipients.map((r) => r.userId) },
      { userId: sender.userId },
    );

  describe('successful', () => {
    it('a listing verdict for an organization reaches its managers and principal, not its staff nor another organization', async () => {
      const listingId = randomUUID();
      await c.publish('marketplace.listing.verdict-recorded', { listingId, orgId: shop.id, verdict: 'rejected', reason: 'Unsafe map' }, {}, shop.id);
      const seen = await c.waitForNotification(shop.manager, (n) => n.target_id === listingId, 'the verdict');
      expect(seen).toMatchObject({
        type: 'marketplace.listing_verdict',
        title: 'Your listing was rejected: Unsafe map',
        read: false,
        organization_id: shop.id,
      });
      await c.waitForNotification(shop.principal, (n) => n.target_id === listingId);
      await c.eventsSettled();
      expect((await c.notifications(shop.staff)).data.filter((n: Body) => n.target_id === listingId)).toEqual([]);
      expect((await c.notifications(otherShop.manager)).data.filter((n: Body) => n.target_id === listingId)).toEqual([]);
    });

    it('an order paid tells the buyer and the seller’s managers; a status change tells the buyer; a payout the principal', async () => {
      const orderId = randomUUID();
      await c.publish(
        'commerce.order.paid',
        { orderId, buyerUserId: buyer.userId, sellerOrgId: shop.id, lines: [{ listingId: randomUUID(), kind: 'tune', quantity: 2 }] },
        { userId: buyer.userId },
      );
      await c.waitForNotification(buyer, (n) => n.target_id === orderId && n.type === 'commerce.order_paid');
      const sold = await c.waitForNotification(shop.manager, (n) => n.target_id === orderId && n.type === 'commerce.order_sold');
      expect(sold.title).toBe('You have a new paid order');

      await c.publish(
        'commerce.order.status-changed',
        { orderId, buyerUserId: buyer.userId, sellerOrgId: shop.id, from: 'paid', to: 'shipped' },
        { userId: shop.staff.userId },
      );
      const shipped = await c.waitForNotification(buyer, (n) => n.type === 'commerce.order_status' && n.target_id === orderId);
      expect(shipped.title).toBe('Your order is now shipped');

      const payoutId = randomUUID();
      await c.publish('commerce.payout.sent', { payoutId, orgId: shop.id, amountMinor: 123456, currency: 'EUR' }, {}, shop.id);
      const payout = await c.waitForNotification(shop.principal, (n) => n.target_id === payoutId);
      expect(payout.title).toBe('A payout of 1234.56 EUR was sent');
    });

    it('a booking made by the customer tells the shop’s staff; the shop confirming it tells the customer; the customer cancelling tells the shop', async () => {
      const bookingId = randomUUID();
      const base = { bookingId, orgId: shop.id, customerUserId: buyer.userId, reason: null };
      await c.publish('bookings.booking.created', { ...base, from: null, to: 'pending' }, { userId: buyer.userId }, shop.id);
      await c.waitForNotification(shop.staff, (n) => n.target_id === bookingId && n.type === 'bookings.booking_created');
      await c.publish('bookings.booking.status-changed', { ...base, from: 'pending', to: 'confirmed' }, { userId: shop.staff.userId }, shop.id);
      await c.waitForNotification(buyer, (n) => n.target_id === bookingId && n.title === 'Your booking is now confirmed');
      await c.publish('bookings.booking.status-changed', { ...base, from: 'confirmed', to: 'cancelled', reason: 'sick' }, { userId: buyer.userId }, shop.id);
      await c.waitForNotification(shop.manager, (n) => n.target_id === bookingId && n.type === 'bookings.booking_status');
      await c.eventsSettled();
      const buyerBookingNotes = (await c.notifications(buyer)).data.filter((n: Body) => n.target_id === bookingId);
      expect(buyerBookingNotes.map((n: Body) => n.title)).toEqual(['Your booking is now confirmed']);
    });

    it('messages from five people in one conversation are one notification, “… and 4 others”, updated as they come; read, the next starts a new one', async () => {
      const reader = await c.signUp('reader');
      const senders = await Promise.all([1, 2, 3, 4, 5].map((i) => c.signUp(`sender${i}`)));
      const conversationId = randomUUID();
      for (const sender of senders) await message(conversationId, sender, [reader]);
      await message(conversationId, senders[0], [reader]); // the same person again: counted once
      const grouped = await c.waitForNotification(reader, (n) => n.target_id === conversationId && n.event_count === 6, 'six messages folded');
      expect(grouped.actor_count).toBe(5);
      expect(grouped.title).toBe('6 new messages from Test Member and 4 others');
      const page = await c.notifications(reader);
      expect(page.data.filter((n: Body) => n.target_id === conversationId)).toHaveLength(1);
      expect(page.meta.unread_count).toBe(1);

      await c.expectOk(c.request('POST', `/notifications/${grouped.id}/read`, { token: reader.token }));
      await message(conversationId, senders[1], [reader]);
      const fresh = await c.waitForNotification(reader, (n) => n.target_id === conversationId && n.id !== grouped.id);
      expect(fresh).toMatchObject({ actor_count: 1, event_count: 1, read: false, title: 'New message from Test Member' });
    });

    it('lists by cursor with an exact unread count; marks one and all read', async () => {
      const reader = await c.signUp('pager');
      const sender = await c.signUp('chatty');
      for (let i = 0; i < 5; i += 1) await message(randomUUID(), sender, [reader]);
      await waitFor(async () => (await c.notifications(reader)).meta.unread_count === 5, 15_000, 'five notifications');
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Body = await c.notifications(reader, { limit: '2', ...(cursor ? { cursor } : {}) });
        seen.push(...page.data.map((n: Body) => n.id));
        cursor = page.meta.next_cursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(5);

      await c.expectOk(c.request('POST', `/notifications/${seen[0]}/read`, { token: reader.token }));
      expect(await c.expectOk(c.request('GET', '/notifications/unread-count', { token: reader.token }))).toEqual({ unread_count: 4 });
      expect((await c.notifications(reader, { unread_only: 'true' })).data).toHaveLength(4);
      expect(await c.expectOk(c.request('POST', '/notifications/read-all', { token: reader.token }))).toEqual({ marked: 4 });
      expect((await c.notifications(reader)).meta.unread_count).toBe(0);
    });

    it('e-mails a new notification with an unsubscribe link that works without signing in, for that type only', async () => {
      const since = new Date();
      const recipient = await c.signUp('mailed');
      const sender = await c.signUp('mailer');
      const conversationId = randomUUID();
      await message(conversationId, sender, [recipient]);
      const link = await c.identity.message(recipient.email, /(\/notifications\/unsubscribe\?token=\S+)/, { after: since });
      const token = decodeURIComponent(link.split('token=')[1]);
      expect(await c.expectOk(c.request('GET', '/notifications/unsubscribe', undefined, { query: { token } }))).toEqual({
        type: 'messaging.message',
        unsubscribed: false,
      });
      expect(await c.expectOk(c.request('POST', '/notifications/unsubscribe', undefined, { body: { token } }))).toEqual({
        type: 'messaging.message',
        unsubscribed: true,
      });
      const preferences = await c.expectOk(c.request('GET', '/notifications/preferences', { token: recipient.token }));
      expect(preferences.types.find((p: Body) => p.type === 'messaging.message')).toMatchObject({ in_app: true, email: false, live: true, is_default: false });
      expect(preferences.types.find((p: Body) => p.type === 'commerce.order_paid')).toMatchObject({ email: true, is_default: true });

      // The next message is still listed in the app, and not e-mailed.
      const before = (await c.outbox(recipient.email, since)).length;
      await c.expectOk(c.request('POST', '/notifications/read-all', { token: recipient.token }));
      await message(conversationId, sender, [recipient]);
      await waitFor(async () => (await c.notifications(recipient)).meta.unread_count === 1, 15_000, 'the second message');
      await c.eventsSettled();
      expect((await c.outbox(recipient.email, since)).length).toBe(before);
    });

    it('preferences: in-app off stores nothing to list; digest delivery sends one e-mail listing what waited', async () => {
      const person = await c.signUp('digester');
      const sender = await c.signUp('digest-sender');
      const since = new Date();
      await c.expectOk(
        c.request(
          'PUT',
          '/notifications/preferences',
          { token: person.token },
          { body: { email_delivery: 'digest', types: [{ type: 'commerce.order_status', in_app: false }] } },
        ),
      );
      const orderId = randomUUID();
      await c.publish('commerce.order.status-changed', { orderId, buyerUserId: person.userId, sellerOrgId: shop.id, from: 'paid', to: 'shipped' }, {});
      await message(randomUUID(), sender, [person]);
      await c.waitForNotification(person, (n) => n.type === 'messaging.message');
      await waitFor(async () => (await c.rows(person.userId, 'commerce.order_status')).length === 1, 15_000, 'the hidden row');
      expect((await c.notifications(person)).data.map((n: Body) => n.type)).toEqual(['messaging.message']);
      await c.eventsSettled();
      expect(await c.outbox(person.email, since)).toEqual([]);

      await t.app.get(SendEmailDigestsUseCase).execute({ requestId: 'digest-spec', roles: ['system'] });
      const mail = await waitFor(async () => (await c.outbox(person.email, since))[0], 10_000, 'the digest');
      expect(mail.subject).toBe('Your RevSync digest: 2 new notifications');
      expect(mail.body).toContain('New message from Test Member');
      expect(mail.body).toContain('Your order is now shipped');
      expect(mail.body).toMatch(/notifications\/unsubscribe\?token=/);
      // Sent once: a second run finds nothing waiting.
      expect(await t.app.get(SendEmailDigestsUseCase).execute({ requestId: 'digest-spec-2', roles: ['system'] })).toEqual({ digests: 0 });
    });

    it('an event delivered twice tells no one twice', async () => {
      const payoutId = randomUUID();
      const event = {
        id: randomUUID(),
        type: 'commerce.payout.sent',
        version: 1,
        orgId: shop.id,
        occurredAt: new Date().toISOString(),
        ctx: { requestId: 'twice', roles: [] },
        payload: { payoutId, orgId: shop.id, amountMinor: 100, currency: 'USD' },
      };
      const first = await t.app.get(EventNotifications).payoutSent(event, 'community.notify-payout-sent');
      const second = await t.app.get(EventNotifications).payoutSent(event, 'community.notify-payout-sent');
      expect(first).toMatchObject({ skipped: false, recipients: 1 });
      expect(second).toMatchObject({ skipped: true });
      expect(await c.rows(shop.principal.userId, 'commerce.payout_sent').then((rows) => rows.filter((r) => r.target_id === payoutId))).toHaveLength(1);
    });
  });

  describe('failing', () => {
    let token: string;
    const signer = () => new HmacLinkSigner(t.app.get<CommunityConfig>(COMMUNITY_CONFIG).linkSecret);

    beforeAll(() => {
      token = signer().sign(UNSUBSCRIBE_PURPOSE, { u: buyer.userId, t: 'commerce.order_paid' }, 3600);
    });

    it('refuses an unsubscribe token whose claims were altered (another person or type)', async () => {
      const [body, mac] = token.split('.');
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      for (const altered of [
        { ...claims, u: shop.principal.userId },
        { ...claims, t: '*' },
      ]) {
        const forged = `${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${mac}`;
        const res = await c.request('POST', '/notifications/unsubscribe', undefined, { body: { token: forged } });
        expect(res.statusCode).toBe(422);
        expect(res.json().code).toBe('COMMUNITY.INVALID_LINK');
      }
      const flipped = `${body}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`;
      expect((await c.request('POST', '/notifications/unsubscribe', undefined, { body: { token: flipped } })).statusCode).toBe(422);
    });

    it('refuses a token signed with the same key for another purpose, and an expired one', async () => {
      const other = signer().sign('community.some-other-purpose', { u: buyer.userId, t: 'commerce.order_paid' }, 3600);
      const res = await c.request('POST', '/notifications/unsubscribe', undefined, { body: { token: other } });
      expect(res.statusCode).toBe(422);
      const expired = new HmacLinkSigner(t.app.get<CommunityConfig>(COMMUNITY_CONFIG).linkSecret, () => Date.now() - 7200_000).sign(
        UNSUBSCRIBE_PURPOSE,
        { u: buyer.userId, t: 'commerce.order_paid' },
        3600,
      );
      expect((await c.request('GET', '/notifications/unsubscribe', undefined, { query: { token: expired } })).statusCode).toBe(422);
      const preferences = await c.expectOk(c.request('GET', '/notifications/preferences', { token: buyer.token }));
      expect(preferences.types.find((p: Body) => p.type === 'commerce.order_paid').email).toBe(true);
    });

    it('a token made by another key is refused; a malformed one is a 400', async () => {
      const foreign = new HmacLinkSigner('another-secret-entirely').sign(UNSUBSCRIBE_PURPOSE, { u: buyer.userId, t: '*' }, 3600);
      expect((await c.request('POST', '/notifications/unsubscribe', undefined, { body: { token: foreign } })).statusCode).toBe(422);
      expect((await c.request('POST', '/notifications/unsubscribe', undefined, { body: { token: 'not a token' } })).statusCode).toBe(400);
    });

    it('someone else’s notification is 404; an invalid cursor 400; an unknown type 400; no token 401', async () => {
      const page = await c.notifications(shop.principal);
      const res = await c.request('POST', `/notifications/${page.data[0].id}/read`, { token: buyer.token });
      expect(res.statusCode).toBe(404);
      expect((await c.request('GET', '/notifications', { token: buyer.token }, { query: { cursor: 'bm90LWEtY3Vyc29y' } })).statusCode).toBe(400);
      const bad = await c.request('PUT', '/notifications/preferences', { token: buyer.token }, { body: { types: [{ type: 'forum.nope', email: false }] } });
      expect(bad.statusCode).toBe(400);
      expect((await c.request('GET', '/notifications')).statusCode).toBe(401);
    });
  });
});
