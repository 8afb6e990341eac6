import { randomBytes, randomUUID } from 'node:crypto';
import { waitFor } from '../../support/processes';
import { expectProblem } from '../../support/problem';
import type { TestApp } from '../../support/test-app';
import { Body, CommunityClient, communityApp } from '../community/community-test-kit';
import { ecuImage, MarketplaceClient, multipart, partBody, tuneBody } from '../marketplace/marketplace-test-kit';
import type { Actor, StaffedOrganization } from '../organizations/organizations-test-kit';

/**
 * /admin/moderation/appeals and /admin/moderation/flags: operators see owners' appeals with the AI verdicts beside the
 * humans', and decide flagged forum posts and comments (hide, restore, dismiss) with a reason, audited.
 */
describe('admin: appeals and flagged content', () => {
  let t: TestApp;
  let c: CommunityClient;
  let m: MarketplaceClient;
  let admin: Actor;
  let studio: StaffedOrganization;
  let shop: StaffedOrganization;
  let customer: Actor;
  let ana: Actor;
  let ben: Actor;
  let key: string;
  let publicBoard: Body;
  let privateBoard: Body;
  let seed = 9_100;

  beforeAll(async () => {
    t = await communityApp({ COMMUNITY_AUTO_HIDE_FLAG_COUNT: '2' });
    c = new CommunityClient(t);
    m = new MarketplaceClient(t);
    [admin, studio, shop, customer, ana, ben] = await Promise.all([
      c.admin(),
      m.organizationOfKind('creator_studio', 'admod-studio'),
      c.staffedOrganization('admod-shop'),
      c.signUp('admod-customer'),
      c.signUp('admod-ana'),
      c.signUp('admod-ben'),
    ]);
    key = (await c.apiKey(shop.principal, shop.id, 'principal')).secret;
    const slug = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;
    publicBoard = await c.expectOk(c.request('POST', '/forum/categories', { token: admin.token }, { body: { name: 'Admin flags', slug: slug('admod') } }), 201);
    privateBoard = await c.expectOk(
      c.request('POST', '/forum/categories', { token: admin.token }, { body: { name: 'Shop only', slug: slug('admod-private'), organization_id: shop.id } }),
      201,
    );
  }, 120_000);
  afterAll(() => t?.close());

  const as = (who: Actor, orgId?: string) => ({ token: who.token, orgId });
  const get = (path: string, query: Record<string, string> = {}, who: Actor = admin) => c.request('GET', path, as(who), { query });
  const decideFlag = (id: string, action: string, reason = 'Looked at it in the console', who: Actor = admin) =>
    c.request('POST', `/admin/moderation/flags/${id}/decision`, as(who), { body: { action, reason } });
  const auditOf = async (flagId: string): Promise<Body[]> =>
    c.db.query(`SELECT action, org_id, actor_user_id, target_type, metadata FROM audit_events WHERE target_id = $1 ORDER BY occurred_at`, [flagId]);

  async function post(author: Actor, board: Body = publicBoard, orgId?: string): Promise<Body> {
    const started = await c.expectOk(
      c.request('POST', '/forum/threads', as(author, orgId), {
        body: { category_id: board.id, title: `Flag me ${randomUUID().slice(0, 6)}`, body: 'Opening post' },
      }),
      201,
    );
    return started.post as Body;
  }

  const flagPost = (postId: string, who: Actor, reason = 'spam', orgId?: string) =>
    c.expectOk(c.request('POST', `/forum/posts/${postId}/flags`, as(who, orgId), { body: { reason } }), 201);

  async function tuneAppealed(): Promise<string> {
    const tune = await m.createListing(m.as(studio.staff), studio.id, tuneBody());
    const file = multipart(ecuImage((seed += 1)), 'map.bin');
    await m.expectOk(
      m.request('PUT', `/organizations/${studio.id}/listings/${tune.id}/file`, m.as(studio.staff), { body: file.payload, headers: file.headers }),
    );
    await m.expectOk(m.request('POST', `/organizations/${studio.id}/listings/${tune.id}/submit`, m.as(studio.staff)));
    // No AI key in the tests: the safety gate leaves every tune to a human.
    await waitFor(
      async () => (await m.expectOk(m.request('GET', `/organizations/${studio.id}/listings/${tune.id}`, m.as(studio.staff)))).status === 'needs_human',
      20_000,
      'the tune waits for a human',
    );
    await c.expectOk(
      c.request('POST', `/admin/moderation/listings/${tune.id}/decision`, as(admin), { body: { verdict: 'rejected', reason: 'Lean AFR at WOT' } }),
    );
    await m.expectOk(
      m.request('POST', `/organizations/${studio.id}/listings/${tune.id}/appeal`, m.as(studio.manager), { body: { reason: 'The AFR is within spec.' } }),
    );
    return tune.id as string;
  }

  describe('appeals', () => {
    it('lists pending appeals with the reason and the verdicts side by side; once decided, under its decision', async () => {
      const listingId = await tuneAppealed();
      const pending = await c.expectOk(get('/admin/moderation/appeals', { status: 'pending', limit: '100' }));
      const appeal = pending.data.find((a: Body) => a.listing_id === listingId);
      expect(appeal).toMatchObject({
        org_id: studio.id,
        reason: 'The AFR is within spec.',
        status: 'pending',
        decided_at: null,
        decided_by: null,
        listing: expect.objectContaining({ id: listingId, status: 'needs_human', kind: 'tune' }),
      });
      expect(appeal.verdicts.map((v: Body) => [v.source, v.verdict])).toEqual([
        ['gate', 'needs_human'],
        ['override', 'rejected'],
      ]);
      expect(appeal.verdicts[0]).toEqual(expect.objectContaining({ ai_status: expect.any(String), safety_score: null, flags: expect.any(Array) }));
      // The appeal is the rejection that was appealed.
      expect(appeal.id).toBe(appeal.verdicts[1].id);
      expect(pending.data.every((a: Body) => a.status === 'pending')).toBe(true);

      await c.expectOk(
        c.request('POST', `/admin/moderation/listings/${listingId}/decision`, as(admin), { body: { verdict: 'approved', reason: 'Dyno sheet checks out' } }),
      );
      const approved = await c.expectOk(get('/admin/moderation/appeals', { status: 'approved', limit: '100' }));
      expect(approved.data.find((a: Body) => a.listing_id === listingId)).toMatchObject({
        status: 'approved',
        decided_by: admin.userId,
        decided_at: expect.any(String),
        listing: expect.objectContaining({ status: 'approved' }),
      });
      expect((await c.expectOk(get('/admin/moderation/appeals', { status: 'pending', limit: '100' }))).data.some((a: Body) => a.listing_id === listingId)).toBe(
        false,
      );
      const audit: Body[] = await c.db.query(`SELECT action, actor_user_id, metadata FROM audit_events WHERE target_id = $1 ORDER BY occurred_at`, [listingId]);
      expect(audit.map((e) => [e.action, e.actor_user_id, e.metadata.verdict])).toEqual([
        ['marketplace.listing_verdict_overridden', admin.userId, 'rejected'],
        ['marketplace.listing_verdict_overridden', admin.userId, 'approved'],
      ]);
    });

    it('pages the appeals and refuses an unknown status', async () => {
      await tuneAppealed();
      const page = await c.expectOk(get('/admin/moderation/appeals', { limit: '1' }));
      expect(page.data).toHaveLength(1);
      expect(page.meta).toMatchObject({ page: 1, limit: 1, total: expect.any(Number) });
      expect(page.meta.total).toBeGreaterThanOrEqual(1);
      expectProblem(await get('/admin/moderation/appeals', { status: 'lost' }), 400, 'HTTP.VALIDATION_FAILED');
    });
  });

  describe('flags', () => {
    it('queues flags by status and kind; restoring an auto-hidden post shows it again and closes its flags, audited; a second decision is 409', async () => {
      const target = await post(ana);
      await flagPost(target.id, ben, 'spam');
      const second = await flagPost(target.id, customer, 'abuse');
      // Two open flags hide it (COMMUNITY_AUTO_HIDE_FLAG_COUNT=2).
      expect((await c.request('GET', `/forum/posts/${target.id}`, as(ben))).statusCode).toBe(404);

      const open = await c.expectOk(get('/admin/moderation/flags', { status: 'open', target_type: 'post', limit: '100' }));
      expect(open.data.filter((f: Body) => f.target_id === target.id).map((f: Body) => f.reason)).toEqual(['spam', 'abuse']);
      expect(open.data.every((f: Body) => f.status === 'open' && f.target_type === 'post')).toBe(true);
      const comments = await c.expectOk(get('/admin/moderation/flags', { target_type: 'comment', limit: '100' }));
      expect(comments.data.some((f: Body) => f.target_id === target.id)).toBe(false);

      const detail = await c.expectOk(get(`/admin/moderation/flags/${second.id}`));
      expect(detail).toMatchObject({
        id: second.id,
        status: 'open',
        decision: null,
        org_id: null,
        open_flags_on_content: 2,
        content: expect.objectContaining({
          type: 'post',
          id: target.id,
          author_id: ana.userId,
          body_markdown: 'Opening post',
          hidden: true,
          parent_type: 'forum_thread',
        }),
      });

      const decided = await c.expectOk(decideFlag(second.id, 'restore', 'Heated but within the rules'));
      expect(decided).toMatchObject({
        status: 'dismissed',
        decision: 'restore',
        decision_reason: 'Heated but within the rules',
        resolved_by: admin.userId,
        open_flags_on_content: 0,
        content: expect.objectContaining({ hidden: false }),
      });
      expect(await c.expectOk(c.request('GET', `/forum/posts/${target.id}`, as(ben)))).toMatchObject({ hidden: false });
      const closed = await c.expectOk(get('/admin/moderation/flags', { status: 'dismissed', target_type: 'post', limit: '100' }));
      expect(closed.data.filter((f: Body) => f.target_id === target.id).map((f: Body) => f.decision)).toEqual(['restore', 'restore']);

      expect(await auditOf(second.id)).toEqual([
        expect.objectContaining({
          action: 'admin.community_flag_decided',
          org_id: null,
          actor_user_id: admin.userId,
          target_type: 'community_flag',
          metadata: { decision: 'restore', reason: 'Heated but within the rules', content_type: 'post', content_id: target.id, flags_closed: 2 },
        }),
      ]);
      // Already decided: this flag, and the other one the decision closed.
      expectProblem(await decideFlag(second.id, 'hide'), 409, 'COMMUNITY.FLAG_ALREADY_RESOLVED');
      const first = closed.data.find((f: Body) => f.target_id === target.id && f.id !== second.id);
      expectProblem(await decideFlag(first.id, 'dismiss'), 409, 'COMMUNITY.FLAG_ALREADY_RESOLVED');
      expect(await auditOf(second.id)).toHaveLength(1);
    });

    it('hides a flagged comment: its author still sees it, others do not; audited with the reason', async () => {
      const [model] = await c.db.query(`SELECT id FROM vehicle_models LIMIT 1`);
      const rude = await c.expectOk(
        c.request('POST', '/comments', as(ben), { body: { target_type: 'vehicle_model', target_id: model.id, body: 'Buy my scam kit' } }),
        201,
      );
      const flag = await c.expectOk(c.request('POST', `/comments/${rude.id}/flags`, as(ana), { body: { reason: 'spam' } }), 201);
      const queued = await c.expectOk(get('/admin/moderation/flags', { status: 'open', target_type: 'comment', limit: '100' }));
      expect(queued.data.find((f: Body) => f.id === flag.id)).toMatchObject({ target_type: 'comment', target_id: rude.id });

      const decided = await c.expectOk(decideFlag(flag.id, 'hide', 'Spam link'));
      expect(decided).toMatchObject({
        status: 'upheld',
        decision: 'hide',
        content: expect.objectContaining({ type: 'comment', hidden: true, parent_type: 'vehicle_model' }),
      });
      const seen = async (who: Actor) =>
        (await c.expectOk(c.request('GET', '/comments', as(who), { query: { target_type: 'vehicle_model', target_id: model.id, limit: '100' } }))).data.find(
          (x: Body) => x.id === rude.id,
        );
      expect(await seen(ana)).toMatchObject({ hidden: true, body_html: null });
      expect(await seen(ben)).toMatchObject({ hidden: true, body_html: expect.stringContaining('Buy my scam kit') });
      expect(await auditOf(flag.id)).toEqual([
        expect.objectContaining({
          action: 'admin.community_flag_decided',
          metadata: expect.objectContaining({ decision: 'hide', reason: 'Spam link', content_type: 'comment' }),
        }),
      ]);
    });

    it('dismisses a flag on a private board’s post: the post stays as it was; audited under the board’s organization', async () => {
      const target = await post(shop.staff, privateBoard, shop.id);
      const flag = await flagPost(target.id, shop.staff2, 'off_topic', shop.id);
      const decided = await c.expectOk(decideFlag(flag.id, 'dismiss', 'On topic for the shop'));
      expect(decided).toMatchObject({ status: 'dismissed', decision: 'dismiss', org_id: shop.id, content: expect.objectContaining({ hidden: false }) });
      expect(await auditOf(flag.id)).toEqual([expect.objectContaining({ action: 'admin.community_flag_decided', org_id: shop.id })]);
    });

    it('members report a marketplace review into the same queue; hiding it takes it out of the listing and its average; audited by both contexts', async () => {
      const listing = await c.expectOk(c.request('POST', `/organizations/${shop.id}/listings`, as(shop.staff), { body: partBody() }), 201);
      await c.expectOk(c.request('POST', `/organizations/${shop.id}/listings/${listing.id}/submit`, as(shop.staff)));
      await waitFor(async () => (await c.request('GET', `/listings/${listing.id}`)).statusCode === 200, 15_000, 'the part is published');
      await c.db.query(
        `INSERT INTO marketplace_purchases (order_id, listing_id, org_id, buyer_user_id, kind, quantity, entitled) VALUES ($1, $2, $3, $4, 'part', 1, false)`,
        [randomUUID(), listing.id, shop.id, ben.userId],
      );
      const review = await c.expectOk(
        c.request('POST', `/listings/${listing.id}/reviews`, as(ben), { body: { rating: 1, body: 'Visit my shop instead' } }),
        201,
      );
      const report = await c.expectOk(c.request('POST', `/reviews/${review.id}/flags`, as(ana), { body: { reason: 'spam', note: 'advertising' } }), 201);
      expect(report).toMatchObject({ target_type: 'review', target_id: review.id, organization_id: null, status: 'open' });
      expectProblem(await c.request('POST', `/reviews/${review.id}/flags`, as(ana), { body: { reason: 'spam' } }), 409, 'COMMUNITY.ALREADY_FLAGGED');
      expectProblem(await c.request('POST', `/reviews/${randomUUID()}/flags`, as(ana), { body: { reason: 'spam' } }), 404, 'COMMUNITY.TARGET_NOT_FOUND');
      expectProblem(await c.request('POST', `/reviews/${review.id}/flags`, undefined, { body: { reason: 'spam' } }), 401);
      // Reports never hide a review by themselves.
      await c.expectOk(c.request('POST', `/reviews/${review.id}/flags`, as(customer), { body: { reason: 'abuse' } }), 201);
      const visible = async () => (await c.expectOk(c.request('GET', `/listings/${listing.id}/reviews`))).data.some((r: Body) => r.id === review.id);
      expect(await visible()).toBe(true);

      const queued = await c.expectOk(get('/admin/moderation/flags', { status: 'open', target_type: 'review', limit: '100' }));
      expect(queued.data.filter((f: Body) => f.target_id === review.id)).toHaveLength(2);
      expect(queued.data.every((f: Body) => f.target_type === 'review')).toBe(true);
      expect(await c.expectOk(get(`/admin/moderation/flags/${report.id}`))).toMatchObject({
        note: 'advertising',
        open_flags_on_content: 2,
        content: expect.objectContaining({
          type: 'review',
          author_id: ben.userId,
          body_markdown: '1/5: Visit my shop instead',
          hidden: false,
          parent_type: 'listing',
          parent_id: listing.id,
        }),
      });

      const hidden = await c.expectOk(decideFlag(report.id, 'hide', 'Advertising another shop'));
      expect(hidden).toMatchObject({ status: 'upheld', decision: 'hide', content: expect.objectContaining({ hidden: true }), open_flags_on_content: 0 });
      expect(await visible()).toBe(false);
      expect((await c.expectOk(c.request('GET', `/listings/${listing.id}/reviews`))).rating_count).toBe(0);
      expectProblem(await decideFlag(report.id, 'restore'), 409, 'COMMUNITY.FLAG_ALREADY_RESOLVED');

      // A hidden review cannot be reported.
      expectProblem(await c.request('POST', `/reviews/${review.id}/flags`, as(shop.staff), { body: { reason: 'other' } }), 404, 'COMMUNITY.TARGET_NOT_FOUND');
      expect(await auditOf(review.id)).toEqual([
        expect.objectContaining({
          action: 'marketplace.review_hidden',
          actor_user_id: admin.userId,
          org_id: shop.id,
          metadata: { reason: 'Advertising another shop' },
        }),
      ]);
      expect(await auditOf(report.id)).toEqual([
        expect.objectContaining({
          action: 'admin.community_flag_decided',
          org_id: null,
          metadata: expect.objectContaining({ decision: 'hide', content_type: 'review', flags_closed: 2 }),
        }),
      ]);
    });

    it('restores a review hidden while reports were open: it counts in the listing again; audited', async () => {
      const listing = await c.expectOk(c.request('POST', `/organizations/${shop.id}/listings`, as(shop.staff), { body: partBody() }), 201);
      await c.expectOk(c.request('POST', `/organizations/${shop.id}/listings/${listing.id}/submit`, as(shop.staff)));
      await waitFor(async () => (await c.request('GET', `/listings/${listing.id}`)).statusCode === 200, 15_000, 'the part is published');
      await c.db.query(
        `INSERT INTO marketplace_purchases (order_id, listing_id, org_id, buyer_user_id, kind, quantity, entitled) VALUES ($1, $2, $3, $4, 'part', 1, false)`,
        [randomUUID(), listing.id, shop.id, ana.userId],
      );
      const review = await c.expectOk(c.request('POST', `/listings/${listing.id}/reviews`, as(ana), { body: { rating: 4, body: 'Fits well' } }), 201);
      const report = await c.expectOk(c.request('POST', `/reviews/${review.id}/flags`, as(ben), { body: { reason: 'off_topic' } }), 201);
      // Another operator hid it directly in the meantime.
      await c.expectOk(c.request('POST', `/moderation/reviews/${review.id}/hide`, as(admin), { body: { reason: 'Looked odd' } }), 204);
      const restored = await c.expectOk(decideFlag(report.id, 'restore', 'Genuine buyer review'));
      expect(restored).toMatchObject({ status: 'dismissed', decision: 'restore', content: expect.objectContaining({ hidden: false }) });
      const reviews = await c.expectOk(c.request('GET', `/listings/${listing.id}/reviews`));
      expect(reviews.data.map((r: Body) => r.id)).toEqual([review.id]);
      expect(reviews.rating_count).toBe(1);
      expect((await auditOf(review.id)).map((e) => [e.action, e.metadata.reason])).toEqual([
        ['marketplace.review_hidden', 'Looked odd'],
        ['marketplace.review_restored', 'Genuine buyer review'],
      ]);
      // Reported again and upheld on the community's own moderation route: the marketplace hides it there too.
      const again = await c.expectOk(c.request('POST', `/reviews/${review.id}/flags`, as(customer), { body: { reason: 'abuse' } }), 201);
      expect((await c.expectOk(c.request('POST', `/community/flags/${again.id}/resolve`, as(admin), { body: { resolution: 'uphold' } }))).status).toBe(
        'upheld',
      );
      expect((await c.expectOk(c.request('GET', `/listings/${listing.id}/reviews`))).data).toEqual([]);
      expect((await auditOf(review.id)).map((e) => [e.action, e.metadata.reason])).toEqual([
        ['marketplace.review_hidden', 'Looked odd'],
        ['marketplace.review_restored', 'Genuine buyer review'],
        ['marketplace.review_hidden', 'flag upheld'],
      ]);
    });

    it('answers 404 for an unknown flag and 400 for an unknown action, a short reason or an unknown filter', async () => {
      expectProblem(await get(`/admin/moderation/flags/${randomUUID()}`), 404, 'COMMUNITY.FLAG_NOT_FOUND');
      expectProblem(await decideFlag(randomUUID(), 'hide'), 404, 'COMMUNITY.FLAG_NOT_FOUND');
      const target = await post(ana);
      const flag = await flagPost(target.id, ben);
      expectProblem(await decideFlag(flag.id, 'delete'), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await decideFlag(flag.id, 'hide', 'x'), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await get('/admin/moderation/flags', { target_type: 'listing' }), 400, 'HTTP.VALIDATION_FAILED');
      expectProblem(await get('/admin/moderation/flags', { status: 'closed' }), 400, 'HTTP.VALIDATION_FAILED');
      expect((await c.expectOk(get(`/admin/moderation/flags/${flag.id}`))).status).toBe('open');
    });
  });

  describe('refused', () => {
    it('organization members (even moderators of their board), customers, API keys and anonymous callers are refused; nothing is decided', async () => {
      const target = await post(shop.staff, privateBoard, shop.id);
      const flag = await flagPost(target.id, shop.staff2, 'spam', shop.id);
      const routes: Array<['GET' | 'POST', string, unknown]> = [
        ['GET', '/admin/moderation/appeals', undefined],
        ['GET', '/admin/moderation/flags', undefined],
        ['GET', `/admin/moderation/flags/${flag.id}`, undefined],
        ['POST', `/admin/moderation/flags/${flag.id}/decision`, { action: 'hide', reason: 'Not my call' }],
      ];
      for (const [method, path, body] of routes) {
        for (const who of [shop.principal, shop.manager, customer]) {
          expectProblem(await c.request(method, path, as(who, who === customer ? undefined : shop.id), { body }), 403);
        }
        expectProblem(await c.request(method, path, { apiKey: key }, { body }), 403);
        expectProblem(await c.request(method, path, undefined, { body }), 401);
      }
      expect(await c.expectOk(get(`/admin/moderation/flags/${flag.id}`))).toMatchObject({
        status: 'open',
        content: expect.objectContaining({ hidden: false }),
      });
      expect(await auditOf(flag.id)).toEqual([]);
    });
  });
});
