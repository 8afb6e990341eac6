import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../support/test-app';
import type { StaffedOrganization } from '../organizations/organizations-test-kit';
import { Actor, Body, CommunityClient, communityApp } from './community-test-kit';

const slug = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`;

/** The forum over HTTP: boards public and private, threads in Markdown, moderation, reactions, flags, search, unread tracking, watch levels. */
describe('forum', () => {
  let t: TestApp;
  let c: CommunityClient;
  let admin: Actor;
  let shop: StaffedOrganization;
  let other: StaffedOrganization;
  let ana: Actor;
  let ben: Actor;
  let publicBoard: Body;
  let privateBoard: Body;

  beforeAll(async () => {
    t = await communityApp({ COMMUNITY_AUTO_HIDE_FLAG_COUNT: '2' });
    c = new CommunityClient(t);
    [admin, shop, other, ana, ben] = await Promise.all([
      c.admin(),
      c.staffedOrganization('shop'),
      c.staffedOrganization('other'),
      c.signUp('ana'),
      c.signUp('ben'),
    ]);
    publicBoard = await c.expectOk(c.request('POST', '/forum/categories', { token: admin.token }, { body: { name: 'Tuning', slug: slug('tuning') } }), 201);
    privateBoard = await c.expectOk(
      c.request('POST', '/forum/categories', { token: admin.token }, { body: { name: 'Shop floor', slug: slug('floor'), organization_id: shop.id } }),
      201,
    );
  });
  afterAll(() => t?.close());

  const start = async (actor: Actor, board: Body, title: string, body = 'Opening post', orgId?: string): Promise<Body> =>
    (await c.expectOk(c.request('POST', '/forum/threads', { token: actor.token, orgId }, { body: { category_id: board.id, title, body } }), 201)) as Body;
  const reply = async (actor: Actor, threadId: string, body: string, replyTo?: string, orgId?: string): Promise<Body> =>
    c.expectOk(c.request('POST', `/forum/threads/${threadId}/posts`, { token: actor.token, orgId }, { body: { body, reply_to_post_id: replyTo } }), 201);
  const watch = (actor: Actor, threadId: string, level: string) =>
    c.expectOk(c.request('PUT', `/forum/threads/${threadId}/watch`, { token: actor.token }, { body: { level } }));
  const replyNotes = async (actor: Actor, threadId: string): Promise<Body[]> =>
    (await c.notifications(actor, { limit: '100' })).data.filter((n: Body) => n.type === 'forum.new_reply' && n.target_id === threadId);

  describe('successful', () => {
    it('renders Markdown to sanitized HTML: script and event handlers never come back', async () => {
      const { post } = await start(
        ana,
        publicBoard,
        'Markdown check',
        '**Bold** <script>alert(1)</script> <img src="https://x.test/a.png" onerror="alert(2)"> [x](javascript:alert(3))',
      );
      expect(post.body_html).toContain('<strong>Bold</strong>');
      expect(post.body_html).not.toMatch(/<script|onerror|javascript:/i);
      const page = await c.expectOk(c.request('GET', `/forum/threads/${post.thread_id}/posts`, { token: ben.token }));
      expect(page.data[0].body_html).toBe(post.body_html);
      expect(page.data[0].author_name).toBe('Test Member');
    });

    it('an organization’s private board is seen by its members acting in it and by admins only', async () => {
      const { thread } = await start(shop.staff, privateBoard, 'Bay 3 lift is broken', 'Private matter', shop.id);
      const boards = async (caller: { token: string; orgId?: string }) =>
        (await c.expectOk(c.request('GET', '/forum/categories', caller))).data.map((b: Body) => b.id);
      expect(await boards({ token: shop.staff.token, orgId: shop.id })).toContain(privateBoard.id);
      expect(await boards({ token: admin.token })).toContain(privateBoard.id);
      expect(await boards({ token: ana.token })).not.toContain(privateBoard.id);
      expect(await boards({ token: shop.staff.token })).not.toContain(privateBoard.id); // not acting in the organization
      expect(await boards({ token: other.principal.token, orgId: other.id })).not.toContain(privateBoard.id);

      for (const caller of [{ token: ana.token }, { token: other.principal.token, orgId: other.id }, { token: shop.staff.token }]) {
        expect((await c.request('GET', `/forum/threads/${thread.id}`, caller)).statusCode).toBe(404);
        expect((await c.request('GET', `/forum/threads/${thread.id}/posts`, caller)).statusCode).toBe(404);
        expect((await c.request('POST', `/forum/threads/${thread.id}/posts`, caller, { body: { body: 'hi' } })).statusCode).toBe(404);
        expect((await c.request('GET', '/forum/threads', caller, { query: { category_id: privateBoard.id } })).statusCode).toBe(404);
        const found = await c.expectOk(c.request('GET', '/forum/threads', caller, { query: { q: 'lift broken' } }));
        expect(found.data.map((x: Body) => x.id)).not.toContain(thread.id);
      }
      const seen = await c.expectOk(c.request('GET', '/forum/threads', { token: shop.manager.token, orgId: shop.id }, { query: { q: 'lift broken' } }));
      expect(seen.data.map((x: Body) => x.id)).toContain(thread.id);
      expect((await c.request('GET', `/forum/threads/${thread.id}`, { token: admin.token })).statusCode).toBe(200);
    });

    it('finds threads by full text over title and opening post, best match first', async () => {
      const word = `zx${randomBytes(3).toString('hex')}`;
      const inBody = await start(ana, publicBoard, 'Something else entirely', `The ${word} map runs rich`);
      const inTitle = await start(ben, publicBoard, `${word} ignition timing`, 'Question');
      const found = await c.expectOk(c.request('GET', '/forum/threads', { token: ana.token }, { query: { q: word } }));
      expect(found.data.map((x: Body) => x.id)).toEqual([inTitle.thread.id, inBody.thread.id]);
      expect(found.meta.total).toBe(2);
    });

    it('edits keep their history; pinned threads come first; a locked thread refuses replies except from moderators', async () => {
      const { thread, post } = await start(ana, publicBoard, 'Editable');
      await c.expectOk(c.request('PATCH', `/forum/posts/${post.id}`, { token: ana.token }, { body: { body: 'Second text' } }));
      const edited = await c.expectOk(c.request('PATCH', `/forum/posts/${post.id}`, { token: ana.token }, { body: { body: 'Third text' } }));
      expect(edited).toMatchObject({ revision: 3, edited: true, body_markdown: 'Third text' });
      const history = await c.expectOk(c.request('GET', `/forum/posts/${post.id}/revisions`, { token: ben.token }));
      expect(history.data.map((r: Body) => [r.revision, r.body_markdown])).toEqual([
        [1, 'Opening post'],
        [2, 'Second text'],
      ]);

      await c.expectOk(c.request('POST', `/forum/threads/${thread.id}/moderation`, { token: admin.token }, { body: { pinned: true, locked: true } }));
      const list = await c.expectOk(c.request('GET', '/forum/threads', { token: ben.token }, { query: { category_id: publicBoard.id } }));
      expect(list.data[0]).toMatchObject({ id: thread.id, pinned: true, locked: true });
      const refused = await c.request('POST', `/forum/threads/${thread.id}/posts`, { token: ben.token }, { body: { body: 'late' } });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('COMMUNITY.THREAD_LOCKED');
      await reply(admin, thread.id, 'Locked by a moderator');
    });

    it('reactions count per kind and tell the author once, grouped', async () => {
      const { post } = await start(ana, publicBoard, 'React to me');
      await c.expectOk(c.request('PUT', `/forum/posts/${post.id}/reactions`, { token: ben.token }, { body: { reaction: 'like' } }));
      const both = await c.expectOk(c.request('PUT', `/forum/posts/${post.id}/reactions`, { token: shop.staff.token }, { body: { reaction: 'like' } }));
      expect(both).toEqual({ reactions: { like: 2 }, my_reactions: ['like'] });
      const note = await c.waitForNotification(ana, (n) => n.type === 'forum.reaction' && n.target_id === post.id && n.actor_count === 2);
      expect(note.title).toMatch(/^(Test|Crew) Member and 1 other reacted to your post in “React to me”$/);
      expect(await c.expectOk(c.request('DELETE', `/forum/posts/${post.id}/reactions`, { token: ben.token }, { query: { reaction: 'like' } }))).toEqual({
        reactions: { like: 1 },
        my_reactions: [],
      });
    });

    it('flags feed the moderation queue and hide the post at the threshold; a dismissal shows it again', async () => {
      const { post } = await start(ana, publicBoard, 'Flag me');
      await c.expectOk(c.request('POST', `/forum/posts/${post.id}/flags`, { token: ben.token }, { body: { reason: 'spam' } }), 201);
      const flag = await c.expectOk(
        c.request('POST', `/forum/posts/${post.id}/flags`, { token: shop.staff.token }, { body: { reason: 'abuse', note: 'rude' } }),
        201,
      );
      const hidden = await c.expectOk(c.request('GET', `/forum/posts/${post.id}`, { token: ana.token }));
      expect(hidden).toMatchObject({ hidden: true, body_markdown: 'Opening post' }); // the author still sees it
      expect((await c.request('GET', `/forum/posts/${post.id}`, { token: shop.manager.token })).statusCode).toBe(404);
      const page = await c.expectOk(c.request('GET', `/forum/threads/${post.thread_id}/posts`, { token: shop.manager.token }));
      expect(page.data[0]).toMatchObject({ hidden: true, body_html: null });

      const queue = await c.expectOk(c.request('GET', '/community/flags', { token: admin.token }, { query: { status: 'open', limit: '100' } }));
      expect(queue.data.filter((f: Body) => f.target_id === post.id)).toHaveLength(2);
      const resolved = await c.expectOk(c.request('POST', `/community/flags/${flag.id}/resolve`, { token: admin.token }, { body: { resolution: 'dismiss' } }));
      expect(resolved.status).toBe('dismissed');
      expect(await c.expectOk(c.request('GET', `/forum/posts/${post.id}`, { token: shop.manager.token }))).toMatchObject({ hidden: false });
    });

    it('tracks unread posts per reader and thread', async () => {
      const { thread } = await start(ana, publicBoard, 'Unread tracking');
      expect((await c.expectOk(c.request('GET', `/forum/threads/${thread.id}`, { token: ben.token }))).unread_posts).toBe(1);
      await c.expectOk(c.request('GET', `/forum/threads/${thread.id}/posts`, { token: ben.token }));
      expect((await c.expectOk(c.request('GET', `/forum/threads/${thread.id}`, { token: ben.token }))).unread_posts).toBe(0);
      await reply(ana, thread.id, 'one');
      await reply(ana, thread.id, 'two');
      const view = await c.expectOk(c.request('GET', `/forum/threads/${thread.id}`, { token: ben.token }));
      expect(view).toMatchObject({ unread_posts: 2, last_read_post_number: 1, watch_level: 'normal' });
      await c.expectOk(c.request('GET', `/forum/threads/${thread.id}/posts`, { token: ben.token }, { query: { page: '1', limit: '2' } }));
      expect((await c.expectOk(c.request('GET', `/forum/threads/${thread.id}`, { token: ben.token }))).unread_posts).toBe(1);
    });
  });

  describe('watch levels', () => {
    it('you watch what you start or reply to; replies group into one notification per thread', async () => {
      const [starter, replier, third] = await Promise.all([c.signUp('starter'), c.signUp('replier'), c.signUp('third')]);
      const { thread } = await start(starter, publicBoard, 'Who watches');
      await reply(replier, thread.id, 'first reply');
      await reply(third, thread.id, 'second reply');
      const note = await c.waitForNotification(starter, (n) => n.target_id === thread.id && n.actor_count === 2, 'two repliers');
      expect(note.title).toBe('Test Member and 1 other replied to “Who watches”');
      expect(await replyNotes(starter, thread.id)).toHaveLength(1);
      await c.waitForNotification(replier, (n) => n.target_id === thread.id && n.type === 'forum.new_reply');
      const view = await c.expectOk(c.request('GET', `/forum/threads/${thread.id}`, { token: replier.token }));
      expect(view.watch_level).toBe('watching');
    });

    it('muted hears nothing, even replies to them; normal hears only replies to their posts; tracking likewise', async () => {
      const [author, muted, normal, tracking, other1] = await Promise.all(['author', 'muted', 'normal', 'tracking', 'x'].map((tag) => c.signUp(tag)));
      const { thread } = await start(author, publicBoard, 'Levels');
      const mutedPost = await reply(muted, thread.id, 'I will mute');
      const normalPost = await reply(normal, thread.id, 'I stay normal');
      const trackingPost = await reply(tracking, thread.id, 'I track');
      await watch(muted, thread.id, 'muted');
      await watch(normal, thread.id, 'normal');
      await watch(tracking, thread.id, 'tracking');
      await c.eventsSettled();
      for (const actor of [muted, normal, tracking, author]) await c.expectOk(c.request('POST', '/notifications/read-all', { token: actor.token }));

      await reply(other1, thread.id, 'to muted', mutedPost.id);
      await reply(other1, thread.id, 'to nobody');
      await reply(other1, thread.id, 'to normal', normalPost.id);
      await reply(other1, thread.id, 'to tracking', trackingPost.id);
      await c.eventsSettled();
      const unread = async (actor: Actor) => (await replyNotes(actor, thread.id)).filter((n) => !n.read);
      expect(await unread(muted)).toEqual([]);
      expect((await unread(normal)).map((n) => n.data.post_number)).toEqual([7]);
      expect((await unread(tracking)).map((n) => n.data.post_number)).toEqual([8]);
      expect((await unread(author)).length).toBe(1); // watching (starter): one grouped notification
    });

    it('watching a category announces its new threads and their replies; a thread level overrides it', async () => {
      const [fan, poster] = await Promise.all([c.signUp('fan'), c.signUp('poster')]);
      const board = await c.expectOk(
        c.request('POST', '/forum/categories', { token: admin.token }, { body: { name: 'Track days', slug: slug('track') } }),
        201,
      );
      expect(await c.expectOk(c.request('PUT', `/forum/categories/${board.id}/watch`, { token: fan.token }, { body: { level: 'watching' } }))).toMatchObject({
        watch_level: 'watching',
      });
      const first = await start(poster, board, 'Magny-Cours in May');
      await c.waitForNotification(fan, (n) => n.type === 'forum.new_thread' && n.target_id === first.thread.id);
      await reply(poster, first.thread.id, 'bump');
      await c.waitForNotification(fan, (n) => n.type === 'forum.new_reply' && n.target_id === first.thread.id);

      const second = await start(poster, board, 'Quiet one');
      await watch(fan, second.thread.id, 'muted');
      await c.expectOk(c.request('POST', '/notifications/read-all', { token: fan.token }));
      await reply(poster, second.thread.id, 'nobody hears');
      await c.eventsSettled();
      expect((await replyNotes(fan, second.thread.id)).filter((n) => !n.read)).toEqual([]);
    });

    it('on a private board, a watcher who left the organization is not told', async () => {
      const { thread } = await start(shop.staff, privateBoard, 'Members only news', 'x', shop.id);
      await reply(shop.staff2, thread.id, 'watching now', undefined, shop.id);
      await c.expectOk(c.request('DELETE', `/organizations/${shop.id}/members/${shop.staff2.userId}`, { token: shop.principal.token }), 204);
      await c.expectOk(c.request('POST', '/notifications/read-all', { token: shop.staff2.token }));
      await reply(shop.manager, thread.id, 'after they left', undefined, shop.id);
      await c.waitForNotification(shop.staff, (n) => n.target_id === thread.id && n.actor_count === 2);
      await c.eventsSettled();
      expect((await replyNotes(shop.staff2, thread.id)).filter((n) => !n.read)).toEqual([]);
    });
  });

  describe('failing', () => {
    it('only platform admins manage boards; a duplicate slug is 409; an unknown organization 400', async () => {
      for (const caller of [{ token: ana.token }, { token: shop.principal.token, orgId: shop.id }]) {
        expect((await c.request('POST', '/forum/categories', caller, { body: { name: 'x', slug: slug('x') } })).statusCode).toBe(403);
      }
      expect((await c.request('POST', '/forum/categories', { token: admin.token }, { body: { name: 'x', slug: publicBoard.slug } })).statusCode).toBe(409);
      const unknown = await c.request(
        'POST',
        '/forum/categories',
        { token: admin.token },
        {
          body: { name: 'x', slug: slug('x'), organization_id: '00000000-0000-4000-8000-000000000000' },
        },
      );
      expect(unknown.statusCode).toBe(400);
    });

    it('only the author or a moderator edits or deletes a post; only moderators pin; unknown reactions are 400', async () => {
      const { thread, post } = await start(ana, publicBoard, 'Mine');
      expect((await c.request('PATCH', `/forum/posts/${post.id}`, { token: ben.token }, { body: { body: 'hijack' } })).statusCode).toBe(403);
      expect((await c.request('DELETE', `/forum/posts/${post.id}`, { token: ben.token })).statusCode).toBe(403);
      expect((await c.request('POST', `/forum/threads/${thread.id}/moderation`, { token: ana.token }, { body: { pinned: true } })).statusCode).toBe(403);
      expect((await c.request('PUT', `/forum/posts/${post.id}/reactions`, { token: ben.token }, { body: { reaction: 'poop' } })).statusCode).toBe(400);
      expect((await c.request('POST', `/forum/posts/${post.id}/flags`, { token: ben.token }, { body: { reason: 'spam' } })).statusCode).toBe(201);
      expect((await c.request('POST', `/forum/posts/${post.id}/flags`, { token: ben.token }, { body: { reason: 'spam' } })).statusCode).toBe(409);
      await c.expectOk(c.request('DELETE', `/forum/posts/${post.id}`, { token: ana.token }), 204);
      expect((await c.request('GET', `/forum/posts/${post.id}`, { token: ana.token })).statusCode).toBe(404);
    });

    it('a manager moderates their organization’s board only; the moderation queue is for moderators', async () => {
      const { thread } = await start(shop.staff, privateBoard, 'Pin me', 'x', shop.id);
      await c.expectOk(c.request('POST', `/forum/threads/${thread.id}/moderation`, { token: shop.manager.token, orgId: shop.id }, { body: { pinned: true } }));
      const publicThread = await start(ana, publicBoard, 'Not yours');
      expect(
        (
          await c.request(
            'POST',
            `/forum/threads/${publicThread.thread.id}/moderation`,
            { token: shop.manager.token, orgId: shop.id },
            { body: { pinned: true } },
          )
        ).statusCode,
      ).toBe(403);
      expect((await c.request('GET', '/community/flags', { token: ana.token })).statusCode).toBe(403);
      expect((await c.request('GET', '/community/flags', { token: shop.staff.token, orgId: shop.id })).statusCode).toBe(403);
      const managerQueue = await c.expectOk(c.request('GET', '/community/flags', { token: shop.manager.token, orgId: shop.id }));
      expect(managerQueue.data.every((f: Body) => f.organization_id === shop.id)).toBe(true);
    });
  });
});
