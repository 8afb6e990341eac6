import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../support/test-app';
import { partBody } from '../marketplace/marketplace-test-kit';
import type { StaffedOrganization } from '../organizations/organizations-test-kit';
import { Actor, Body, CommunityClient, communityApp } from './community-test-kit';

/** Comments on anything whitelisted: listings (through the marketplace), forum threads, vehicle models; one level of replies; moderation. */
describe('comments', () => {
  let t: TestApp;
  let c: CommunityClient;
  let admin: Actor;
  let shop: StaffedOrganization;
  let ana: Actor;
  let ben: Actor;
  let listing: Body;
  let draft: Body;

  beforeAll(async () => {
    t = await communityApp({ COMMUNITY_AUTO_HIDE_FLAG_COUNT: '2' });
    c = new CommunityClient(t);
    [admin, shop, ana, ben] = await Promise.all([c.admin(), c.staffedOrganization('seller'), c.signUp('ana'), c.signUp('ben')]);
    listing = await c.expectOk(c.request('POST', `/organizations/${shop.id}/listings`, { token: shop.staff.token }, { body: partBody() }), 201);
    await c.expectOk(c.request('POST', `/organizations/${shop.id}/listings/${listing.id}/submit`, { token: shop.staff.token }));
    draft = await c.expectOk(c.request('POST', `/organizations/${shop.id}/listings`, { token: shop.staff.token }, { body: partBody() }), 201);
  });
  afterAll(() => t?.close());

  const comment = (actor: Actor, body: Record<string, unknown>, orgId?: string) => c.request('POST', '/comments', { token: actor.token, orgId }, { body });

  describe('successful', () => {
    it('comments on a published listing with one level of replies; the seller’s managers and the parent’s author are told', async () => {
      const top = await c.expectOk(
        comment(ana, { target_type: 'listing', target_id: listing.id, body: 'Do these fit a **2019** MT-07? <script>x()</script>' }),
        201,
      );
      expect(top.body_html).toContain('<strong>2019</strong>');
      expect(top.body_html).not.toContain('<script');
      const answer = await c.expectOk(comment(shop.manager, { target_type: 'listing', target_id: listing.id, body: 'Yes they do.', parent_id: top.id }), 201);
      await c.expectOk(comment(ben, { target_type: 'listing', target_id: listing.id, body: 'Shipping to Spain?' }), 201);

      const page = await c.expectOk(c.request('GET', '/comments', { token: ben.token }, { query: { target_type: 'listing', target_id: listing.id } }));
      expect(page.meta.total).toBe(2);
      expect(page.data[0]).toMatchObject({ id: top.id, author_name: 'Test Member', replies: [expect.objectContaining({ id: answer.id, parent_id: top.id })] });

      const seller = await c.waitForNotification(shop.principal, (n) => n.type === 'comment.created' && n.target_id === listing.id && n.actor_count === 3);
      // Handlers run concurrently: the latest actor named may be either person.
      expect(seller.title).toMatch(/^(Test|Crew) Member and 2 others commented on your listing$/);
      await c.waitForNotification(ana, (n) => n.type === 'comment.reply' && n.data.parent_id === top.id);
      await c.eventsSettled();
      expect((await c.notifications(shop.staff)).data.filter((n: Body) => n.type === 'comment.created')).toEqual([]); // managers and up
    });

    it('comments on a forum thread tell its author; on a vehicle model nobody; edits and deletes by the author', async () => {
      const board = await c.expectOk(
        c.request('POST', '/forum/categories', { token: admin.token }, { body: { name: 'General', slug: `general-${randomUUID().slice(0, 8)}` } }),
        201,
      );
      const { thread } = await c.expectOk(
        c.request('POST', '/forum/threads', { token: ana.token }, { body: { category_id: board.id, title: 'Commented', body: 'x' } }),
        201,
      );
      await c.expectOk(comment(ben, { target_type: 'forum_thread', target_id: thread.id, body: 'Nice one' }), 201);
      await c.waitForNotification(ana, (n) => n.type === 'comment.created' && n.target_id === thread.id && n.title === 'Test Member commented on your thread');

      const [model] = await c.db.query(`SELECT id FROM vehicle_models LIMIT 1`);
      const mine = await c.expectOk(comment(ben, { target_type: 'vehicle_model', target_id: model.id, body: 'Great bike' }), 201);
      const edited = await c.expectOk(c.request('PATCH', `/comments/${mine.id}`, { token: ben.token }, { body: { body: 'Great bike, thirsty' } }));
      expect(edited).toMatchObject({ body_markdown: 'Great bike, thirsty', edited_at: expect.any(String) });
      await c.expectOk(c.request('DELETE', `/comments/${mine.id}`, { token: ben.token }), 204);
      const page = await c.expectOk(c.request('GET', '/comments', { token: ana.token }, { query: { target_type: 'vehicle_model', target_id: model.id } }));
      expect(page.data.find((x: Body) => x.id === mine.id)).toMatchObject({ deleted: true, body_html: null });
    });

    it('flags hide a comment at the threshold and feed the moderation queue', async () => {
      const rude = await c.expectOk(comment(ben, { target_type: 'listing', target_id: listing.id, body: 'Scam!!!' }), 201);
      await c.expectOk(c.request('POST', `/comments/${rude.id}/flags`, { token: ana.token }, { body: { reason: 'abuse' } }), 201);
      await c.expectOk(c.request('POST', `/comments/${rude.id}/flags`, { token: shop.staff.token }, { body: { reason: 'spam' } }), 201);
      const page = await c.expectOk(
        c.request('GET', '/comments', { token: ana.token }, { query: { target_type: 'listing', target_id: listing.id, limit: '100' } }),
      );
      expect(page.data.find((x: Body) => x.id === rude.id)).toMatchObject({ hidden: true, body_html: null });
      const queue = await c.expectOk(c.request('GET', '/community/flags', { token: admin.token }, { query: { status: 'open', limit: '100' } }));
      const flag = queue.data.find((f: Body) => f.target_id === rude.id);
      expect(flag).toMatchObject({ target_type: 'comment' });
      await c.expectOk(c.request('POST', `/community/flags/${flag.id}/resolve`, { token: admin.token }, { body: { resolution: 'uphold' } }));
      expect((await c.request('PATCH', `/comments/${rude.id}`, { token: ana.token }, { body: { body: 'x' } })).statusCode).toBe(404);
    });
  });

  describe('failing', () => {
    it('refuses an unknown target type, a missing target, an unpublished listing (to outsiders), and replies to replies', async () => {
      expect((await comment(ana, { target_type: 'order', target_id: listing.id, body: 'x' })).statusCode).toBe(400);
      expect((await comment(ana, { target_type: 'listing', target_id: randomUUID(), body: 'x' })).statusCode).toBe(404);
      expect((await comment(ana, { target_type: 'listing', target_id: draft.id, body: 'x' })).statusCode).toBe(404);
      expect((await c.request('GET', '/comments', { token: ana.token }, { query: { target_type: 'listing', target_id: draft.id } })).statusCode).toBe(404);
      await c.expectOk(comment(shop.staff, { target_type: 'listing', target_id: draft.id, body: 'internal note' }, shop.id), 201);
      const top = await c.expectOk(comment(ana, { target_type: 'listing', target_id: listing.id, body: 'top' }), 201);
      const reply = await c.expectOk(comment(ben, { target_type: 'listing', target_id: listing.id, body: 'reply', parent_id: top.id }), 201);
      const deep = await comment(ana, { target_type: 'listing', target_id: listing.id, body: 'deeper', parent_id: reply.id });
      expect(deep.statusCode).toBe(422);
      expect(deep.json().code).toBe('COMMUNITY.REPLY_TOO_DEEP');
    });

    it('only the author or a moderator edits or deletes a comment', async () => {
      const mine = await c.expectOk(comment(ana, { target_type: 'listing', target_id: listing.id, body: 'mine' }), 201);
      expect((await c.request('PATCH', `/comments/${mine.id}`, { token: ben.token }, { body: { body: 'hijack' } })).statusCode).toBe(403);
      expect((await c.request('DELETE', `/comments/${mine.id}`, { token: ben.token })).statusCode).toBe(403);
      await c.expectOk(c.request('DELETE', `/comments/${mine.id}`, { token: admin.token }), 204);
    });
  });
});
