import type { TestApp } from '../../support/test-app';
import { Actor, Body, MessagingClient, messagingApp } from './messaging-test-kit';

describe('messaging: blocking', () => {
  let t: TestApp;
  let c: MessagingClient;

  beforeAll(async () => {
    t = await messagingApp();
    c = new MessagingClient(t);
  });
  afterAll(() => t?.close());

  async function pair(tag: string): Promise<[Actor, Actor]> {
    const [blocker, blocked] = await c.people(2, tag);
    return [blocker, blocked];
  }

  describe('successful', () => {
    it('blocks idempotently, lists and unblocks', async () => {
      const [blocker, blocked] = await pair('list');
      const first = await c.expectOk(c.as(blocker, 'POST', '/blocked-users', { user_id: blocked.userId }));
      expect(first.user_id).toBe(blocked.userId);
      await c.expectOk(c.as(blocker, 'POST', '/blocked-users', { user_id: blocked.userId }));
      const list = await c.expectOk(c.as(blocker, 'GET', '/blocked-users'));
      expect(list.data.map((b: Body) => b.user_id)).toEqual([blocked.userId]);
      expect(list.meta.total).toBe(1);
      expect((await c.expectOk(c.as(blocked, 'GET', '/blocked-users'))).data).toEqual([]);
      await c.expectOk(c.as(blocker, 'POST', `/blocked-users/${blocked.userId}/unblock`), 204);
      expect((await c.expectOk(c.as(blocker, 'GET', '/blocked-users'))).data).toEqual([]);
    });

    it('hides the blocked user’s later group messages from the blocker only, and from the blocker’s unread count', async () => {
      const [blocker, blocked] = await pair('group');
      const [other] = await c.people(1, 'groupother');
      const group = await c.group(other, [blocker, blocked], 'Mixed');
      await c.send(blocked, group.id, 'before the block');
      await c.expectOk(c.as(blocker, 'POST', '/blocked-users', { user_id: blocked.userId }));
      await c.send(blocked, group.id, 'after the block');
      await c.send(other, group.id, 'from other');
      const seenByBlocker = await c.expectOk(c.as(blocker, 'GET', `/conversations/${group.id}/messages`));
      expect(seenByBlocker.data.map((m: Body) => m.body)).toEqual(['before the block', 'from other']);
      expect(await c.unread(blocker, group.id)).toBe(2);
      const seenByOther = await c.expectOk(c.as(other, 'GET', `/conversations/${group.id}/messages`));
      expect(seenByOther.data.map((m: Body) => m.body)).toEqual(['before the block', 'after the block', 'from other']);
      // The blocked user still sends to the group; the blocker is not a recipient of the event.
      const [event] = (await c.db.query(
        `SELECT payload FROM integration_events WHERE type = 'messaging.message.sent' AND payload->>'conversationId' = $1 AND payload->>'senderUserId' = $2 ORDER BY occurred_at DESC LIMIT 1`,
        [group.id, blocked.userId],
      )) as Array<{ payload: Body }>;
      expect(event.payload.recipientUserIds).toEqual([other.userId]);
    });

    it('lets the blocker still write to the direct conversation', async () => {
      const [blocker, blocked] = await pair('blockerwrites');
      const conversation = await c.direct(blocker, blocked);
      await c.expectOk(c.as(blocker, 'POST', '/blocked-users', { user_id: blocked.userId }));
      await c.send(blocker, conversation.id, 'last word');
    });
  });

  describe('failing', () => {
    it('stops a blocked user from starting a direct conversation with the blocker', async () => {
      const [blocker, blocked] = await pair('direct');
      await c.expectOk(c.as(blocker, 'POST', '/blocked-users', { user_id: blocked.userId }));
      const res = await c.as(blocked, 'POST', '/conversations', { conversation_type: 'direct', participant_ids: [blocker.userId] });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('MESSAGING.BLOCKED');
    });

    it('stops a blocked user from sending to the direct conversation, until unblocked', async () => {
      const [blocker, blocked] = await pair('send');
      const conversation = await c.direct(blocked, blocker);
      await c.expectOk(c.as(blocker, 'POST', '/blocked-users', { user_id: blocked.userId }));
      const res = await c.as(blocked, 'POST', `/conversations/${conversation.id}/messages`, { client_txn_id: 'b1', body: 'hey' });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('MESSAGING.BLOCKED');
      await c.expectOk(c.as(blocker, 'POST', `/blocked-users/${blocked.userId}/unblock`), 204);
      await c.send(blocked, conversation.id, 'sorry', 'b2');
    });

    it('stops a blocked user from adding the blocker to a group, or creating a group with them', async () => {
      const [blocker, blocked] = await pair('add');
      const [friend] = await c.people(1, 'addfriend');
      await c.expectOk(c.as(blocker, 'POST', '/blocked-users', { user_id: blocked.userId }));
      const group = await c.group(blocked, [friend], 'Mine');
      const add = await c.as(blocked, 'POST', `/conversations/${group.id}/add_participant`, { user_id: blocker.userId });
      expect(add.statusCode).toBe(403);
      expect(add.json().code).toBe('MESSAGING.BLOCKED');
      const create = await c.as(blocked, 'POST', '/conversations', { conversation_type: 'group', name: 'x', participant_ids: [friend.userId, blocker.userId] });
      expect(create.statusCode).toBe(403);
    });

    it('refuses blocking oneself, unknown users, and unblocking who is not blocked', async () => {
      const [me] = await c.people(1, 'self');
      expect((await c.as(me, 'POST', '/blocked-users', { user_id: me.userId })).statusCode).toBe(400);
      expect((await c.as(me, 'POST', '/blocked-users', { user_id: '6f1c7f0e-0000-4000-8000-000000000000' })).statusCode).toBe(422);
      const res = await c.as(me, 'POST', '/blocked-users/6f1c7f0e-0000-4000-8000-000000000000/unblock');
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('MESSAGING.BLOCK_NOT_FOUND');
    });
  });
});
