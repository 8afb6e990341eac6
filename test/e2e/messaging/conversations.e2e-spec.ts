import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../support/test-app';
import { Actor, MessagingClient, messagingApp } from './messaging-test-kit';

describe('messaging: conversations', () => {
  let t: TestApp;
  let c: MessagingClient;
  let alice: Actor, bob: Actor, carol: Actor, dave: Actor;

  beforeAll(async () => {
    t = await messagingApp();
    c = new MessagingClient(t);
    [alice, bob, carol, dave] = await c.people(4, 'conv');
  });
  afterAll(() => t?.close());

  describe('successful', () => {
    it('opens one direct conversation per pair, whoever asks', async () => {
      const first = await c.as(alice, 'POST', '/conversations', { conversation_type: 'direct', participant_ids: [bob.userId] });
      expect(first.statusCode).toBe(201);
      const again = await c.as(bob, 'POST', '/conversations', { conversation_type: 'direct', participant_ids: [alice.userId] });
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(first.json().id);
      expect(first.json()).toMatchObject({ conversation_type: 'direct', name: null, unread_count: 0, my_role: 'member' });
      expect(
        first
          .json()
          .participants.map((p: { user_id: string }) => p.user_id)
          .sort(),
      ).toEqual([alice.userId, bob.userId].sort());
    });

    it('keeps the pair unique when both open it at the same moment', async () => {
      const [x, y] = await c.people(2, 'race');
      const [r1, r2] = await Promise.all([
        c.as(x, 'POST', '/conversations', { conversation_type: 'direct', participant_ids: [y.userId] }),
        c.as(y, 'POST', '/conversations', { conversation_type: 'direct', participant_ids: [x.userId] }),
      ]);
      expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 201]);
      expect(r1.json().id).toBe(r2.json().id);
    });

    it('creates a group whose creator is admin; admins add and remove, members leave', async () => {
      const group = await c.group(alice, [bob], 'Track day');
      expect(group).toMatchObject({ conversation_type: 'group', name: 'Track day', my_role: 'admin', subject: null });
      expect((await c.as(alice, 'POST', `/conversations/${group.id}/add_participant`, { user_id: carol.userId })).statusCode).toBe(204);
      const seen = await c.expectOk(c.as(carol, 'GET', `/conversations/${group.id}`));
      expect(seen.participants).toHaveLength(3);
      expect((await c.as(bob, 'POST', `/conversations/${group.id}/remove_participant`, { user_id: bob.userId })).statusCode).toBe(204);
      expect((await c.as(bob, 'GET', `/conversations/${group.id}`)).statusCode).toBe(404);
      expect((await c.as(alice, 'POST', `/conversations/${group.id}/remove_participant`, { user_id: carol.userId })).statusCode).toBe(204);
      expect((await c.as(carol, 'GET', `/conversations/${group.id}`)).statusCode).toBe(404);
      expect((await c.as(alice, 'POST', `/conversations/${group.id}/add_participant`, { user_id: carol.userId })).statusCode).toBe(204);
      expect((await c.as(carol, 'GET', `/conversations/${group.id}`)).statusCode).toBe(200);
    });

    it('hands admin to the longest-standing member when the last admin leaves', async () => {
      const group = await c.group(carol, [dave, bob], 'Handover');
      await c.expectOk(c.as(carol, 'POST', `/conversations/${group.id}/remove_participant`, { user_id: carol.userId }), 204);
      const details = await c.expectOk(c.as(dave, 'GET', `/conversations/${group.id}`));
      expect(details.participants.filter((p: { role: string }) => p.role === 'admin')).toHaveLength(1);
    });

    it('archives and mutes per participant, and lists by archived flag', async () => {
      const group = await c.group(dave, [alice], 'Archive me');
      await c.expectOk(c.as(alice, 'POST', `/conversations/${group.id}/archive`, { archived: true }), 204);
      await c.expectOk(c.as(alice, 'POST', `/conversations/${group.id}/mute`, { muted: true }), 204);
      const mine = await c.expectOk(c.as(alice, 'GET', `/conversations/${group.id}`));
      expect(mine).toMatchObject({ archived: true, muted: true });
      const theirs = await c.expectOk(c.as(dave, 'GET', `/conversations/${group.id}`));
      expect(theirs).toMatchObject({ archived: false, muted: false });
      const active = await c.expectOk(c.as(alice, 'GET', '/conversations'));
      expect(active.data.map((x: { id: string }) => x.id)).not.toContain(group.id);
      const archived = await c.expectOk(c.as(alice, 'GET', '/conversations', undefined, { archived: 'true' }));
      expect(archived.data.map((x: { id: string }) => x.id)).toContain(group.id);
    });

    it('lists conversations by latest activity with unread counts', async () => {
      const [p, q] = await c.people(2, 'list');
      const one = await c.direct(p, q);
      const two = await c.group(p, [q], 'Second');
      await c.send(q, one.id, 'newest');
      const list = await c.expectOk(c.as(p, 'GET', '/conversations'));
      expect(list.data.map((x: { id: string }) => x.id)).toEqual([one.id, two.id]);
      expect(list.data[0].unread_count).toBe(1);
      expect(list.meta).toMatchObject({ page: 1, total: 2 });
    });

    it('limits an organization group to its active members', async () => {
      const org = await c.staffedOrganization('msg');
      const group = await c.group(org.principal, [org.manager, org.staff], 'Dealership floor', { organization_id: org.id });
      expect(group.organization_id).toBe(org.id);
      const outsider = await c.as(org.principal, 'POST', `/conversations/${group.id}/add_participant`, { user_id: alice.userId });
      expect(outsider.statusCode).toBe(422);
      expect(outsider.json().code).toBe('MESSAGING.NOT_ORGANIZATION_MEMBER');
      await c.expectOk(c.as(org.principal, 'POST', `/conversations/${group.id}/add_participant`, { user_id: org.staff2.userId }), 204);
    });
  });

  describe('failing', () => {
    it('hides conversations from non-participants (404)', async () => {
      const conversation = await c.direct(alice, bob);
      for (const path of [`/conversations/${conversation.id}`, `/conversations/${conversation.id}/messages`]) {
        const res = await c.as(carol, 'GET', path);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('MESSAGING.CONVERSATION_NOT_FOUND');
      }
      expect((await c.as(carol, 'POST', `/conversations/${conversation.id}/archive`, { archived: true })).statusCode).toBe(404);
      expect((await c.as(carol, 'GET', `/conversations/${randomUUID()}`)).statusCode).toBe(404);
    });

    it('refuses malformed conversations', async () => {
      const cases: Array<[object, number]> = [
        [{ conversation_type: 'direct', participant_ids: [] }, 400],
        [{ conversation_type: 'direct', participant_ids: [bob.userId, carol.userId] }, 400],
        [{ conversation_type: 'direct', participant_ids: [alice.userId] }, 400],
        [{ conversation_type: 'direct', participant_ids: [bob.userId], name: 'x' }, 400],
        [{ conversation_type: 'group', participant_ids: [bob.userId] }, 400],
        [{ conversation_type: 'group', participant_ids: [bob.userId], name: '   ' }, 400],
        [{ conversation_type: 'group', participant_ids: ['nope'], name: 'x' }, 400],
        [{ conversation_type: 'channel', participant_ids: [bob.userId] }, 400],
        [{ conversation_type: 'group', participant_ids: [bob.userId], name: 'x', subject_type: 'listing' }, 400],
        [{ conversation_type: 'group', participant_ids: [randomUUID()], name: 'x' }, 422],
      ];
      for (const [body, status] of cases) {
        const res = await c.as(alice, 'POST', '/conversations', body);
        expect({ body, status: res.statusCode }).toEqual({ body, status });
      }
    });

    it('lets only admins manage a group, and never a direct conversation', async () => {
      const group = await c.group(alice, [bob], 'Admins only');
      const notAdmin = await c.as(bob, 'POST', `/conversations/${group.id}/add_participant`, { user_id: carol.userId });
      expect(notAdmin.statusCode).toBe(403);
      expect(notAdmin.json().code).toBe('MESSAGING.NOT_CONVERSATION_ADMIN');
      expect((await c.as(bob, 'POST', `/conversations/${group.id}/remove_participant`, { user_id: alice.userId })).statusCode).toBe(403);
      expect((await c.as(alice, 'POST', `/conversations/${group.id}/add_participant`, { user_id: bob.userId })).statusCode).toBe(409);
      expect((await c.as(alice, 'POST', `/conversations/${group.id}/remove_participant`, { user_id: dave.userId })).statusCode).toBe(422);
      const direct = await c.direct(alice, dave);
      const fixed = await c.as(alice, 'POST', `/conversations/${direct.id}/add_participant`, { user_id: carol.userId });
      expect(fixed.statusCode).toBe(422);
      expect(fixed.json().code).toBe('MESSAGING.DIRECT_CONVERSATION_FIXED');
    });

    it('refuses an organization group to a non-member creator or with outsiders', async () => {
      const org = await c.staffedOrganization('msg2');
      const otherOrg = await c.staffedOrganization('msg3');
      const foreign = await c.as(otherOrg.principal, 'POST', '/conversations', {
        conversation_type: 'group',
        name: 'x',
        participant_ids: [org.staff.userId],
        organization_id: org.id,
      });
      expect(foreign.statusCode).toBe(404);
      const mixed = await c.as(org.principal, 'POST', '/conversations', {
        conversation_type: 'group',
        name: 'x',
        participant_ids: [org.staff.userId, otherOrg.staff.userId],
        organization_id: org.id,
      });
      expect(mixed.statusCode).toBe(422);
    });

    it('refuses API keys and anonymous callers', async () => {
      expect((await c.request('GET', '/conversations')).statusCode).toBe(401);
    });
  });
});
