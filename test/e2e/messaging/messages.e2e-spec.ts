import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../support/test-app';
import { waitFor } from '../../support/processes';
import { Actor, Body, MessagingClient, messagingApp } from './messaging-test-kit';

describe('messaging: messages and receipts', () => {
  let t: TestApp;
  let c: MessagingClient;
  let alice: Actor, bob: Actor, carol: Actor, eve: Actor;

  beforeAll(async () => {
    t = await messagingApp({ MESSAGING_MAX_BODY_CHARS: '50' });
    c = new MessagingClient(t);
    [alice, bob, carol, eve] = await c.people(4, 'msg');
  });
  afterAll(() => t?.close());

  describe('successful', () => {
    it('never duplicates a retried send, even concurrent retries', async () => {
      const conversation = await c.direct(alice, bob);
      const txn = randomUUID();
      const first = await c.as(alice, 'POST', `/conversations/${conversation.id}/messages`, { client_txn_id: txn, body: 'once' });
      expect(first.statusCode).toBe(201);
      const retry = await c.as(alice, 'POST', `/conversations/${conversation.id}/messages`, { client_txn_id: txn, body: 'once' });
      expect(retry.statusCode).toBe(200);
      expect(retry.json().id).toBe(first.json().id);

      const burstTxn = randomUUID();
      const burst = await Promise.all(
        Array.from({ length: 8 }, () => c.as(alice, 'POST', `/conversations/${conversation.id}/messages`, { client_txn_id: burstTxn, body: 'burst' })),
      );
      expect(burst.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(burst.map((r) => r.json().id)).size).toBe(1);
      const page = await c.expectOk(c.as(bob, 'GET', `/conversations/${conversation.id}/messages`));
      expect(page.data.map((m: Body) => m.body)).toEqual(['once', 'burst']);
      expect(await c.unread(bob, conversation.id)).toBe(2);
    });

    it('keeps exact unread counts under concurrent sends and reads', async () => {
      const [p, q, r] = await c.people(3, 'count');
      const group = await c.group(p, [q, r], 'Counting');
      const sends = Array.from({ length: 30 }, (_, i) => c.send(i % 2 === 0 ? p : r, group.id, `m${i}`));
      const reads = Array.from({ length: 10 }, () => c.as(q, 'POST', `/conversations/${group.id}/mark_as_read`, {}));
      await Promise.all([...sends, ...reads]);
      const page = await c.expectOk(c.as(q, 'GET', `/conversations/${group.id}/messages`, undefined, { limit: '100' }));
      expect(page.data).toHaveLength(30);
      expect(page.data.map((m: Body) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      const details = await c.expectOk(c.as(q, 'GET', `/conversations/${group.id}`));
      const cursor = details.last_read_seq as number;
      expect(details.unread_count).toBe(30 - cursor);
      // Senders have read their own; p has unread exactly r's messages after p's last own message.
      const pDetails = await c.expectOk(c.as(p, 'GET', `/conversations/${group.id}`));
      const expectedForP = page.data.filter((m: Body) => m.seq > pDetails.last_read_seq && m.sender_user_id !== p.userId).length;
      expect(pDetails.unread_count).toBe(expectedForP);
      const receipt = await c.expectOk(c.as(q, 'POST', `/conversations/${group.id}/mark_as_read`, {}));
      expect(receipt).toMatchObject({ last_read_seq: 30, unread_count: 0 });
      // Reading an older message never moves the cursor back.
      const older = await c.expectOk(c.as(q, 'POST', `/messages/${page.data[3].id}/mark_as_read`));
      expect(older).toMatchObject({ last_read_seq: 30, unread_count: 0 });
      const list = await c.expectOk(c.as(q, 'GET', '/conversations'));
      expect(list.data.find((x: Body) => x.id === group.id).unread_count).toBe(0);
    });

    it('reads up to a message and counts what is after it, not deleted messages', async () => {
      const conversation = await c.group(alice, [carol], 'Partial');
      const sent = [];
      for (let i = 0; i < 5; i += 1) sent.push(await c.send(alice, conversation.id, `n${i}`));
      const receipt = await c.expectOk(c.as(carol, 'POST', `/messages/${sent[1].id}/mark_as_read`));
      expect(receipt).toMatchObject({ last_read_seq: sent[1].seq, unread_count: 3 });
      await c.expectOk(c.as(alice, 'DELETE', `/messages/${sent[4].id}/delete_message`), 204);
      expect(await c.unread(carol, conversation.id)).toBe(2);
    });

    it('pages both ways by cursor', async () => {
      const conversation = await c.group(alice, [bob], 'Pages');
      for (let i = 1; i <= 7; i += 1) await c.send(alice, conversation.id, `p${i}`);
      const newest = await c.expectOk(c.as(bob, 'GET', `/conversations/${conversation.id}/messages`, undefined, { limit: '3' }));
      expect(newest.data.map((m: Body) => m.body)).toEqual(['p5', 'p6', 'p7']);
      expect(newest.meta).toEqual({ has_more: true, oldest_seq: 5, newest_seq: 7 });
      const older = await c.expectOk(c.as(bob, 'GET', `/conversations/${conversation.id}/messages`, undefined, { limit: '3', before: '5' }));
      expect(older.data.map((m: Body) => m.body)).toEqual(['p2', 'p3', 'p4']);
      const oldest = await c.expectOk(c.as(bob, 'GET', `/conversations/${conversation.id}/messages`, undefined, { limit: '3', before: '2' }));
      expect(oldest.data.map((m: Body) => m.body)).toEqual(['p1']);
      expect(oldest.meta.has_more).toBe(false);
      const newer = await c.expectOk(c.as(bob, 'GET', `/conversations/${conversation.id}/messages`, undefined, { limit: '4', after: '2' }));
      expect(newer.data.map((m: Body) => m.body)).toEqual(['p3', 'p4', 'p5', 'p6']);
      expect(newer.meta.has_more).toBe(true);
      const caughtUp = await c.expectOk(c.as(bob, 'GET', `/conversations/${conversation.id}/messages`, undefined, { after: '7' }));
      expect(caughtUp).toEqual({ data: [], meta: { has_more: false, oldest_seq: null, newest_seq: null } });
    });

    it('edits with a history the participants see, and deletes to a tombstone', async () => {
      const conversation = await c.direct(alice, carol);
      const message = await c.send(alice, conversation.id, 'first draft');
      const edited = await c.expectOk(c.as(alice, 'PUT', `/messages/${message.id}/edit`, { body: 'second draft' }));
      expect(edited).toMatchObject({ body: 'second draft', deleted: false });
      expect(edited.edited_at).not.toBeNull();
      await c.expectOk(c.as(alice, 'PUT', `/messages/${message.id}/edit`, { body: 'final' }));
      const history = await c.expectOk(c.as(carol, 'GET', `/messages/${message.id}/edits`));
      expect(history.message.body).toBe('final');
      expect(history.edits.map((e: Body) => e.previous_body)).toEqual(['first draft', 'second draft']);

      await c.expectOk(c.as(alice, 'DELETE', `/messages/${message.id}/delete_message`), 204);
      await c.expectOk(c.as(alice, 'DELETE', `/messages/${message.id}/delete_message`), 204);
      const page = await c.expectOk(c.as(carol, 'GET', `/conversations/${conversation.id}/messages`));
      const tombstone = page.data.find((m: Body) => m.id === message.id);
      expect(tombstone).toMatchObject({ body: null, deleted: true, seq: message.seq });
      expect((await c.expectOk(c.as(carol, 'GET', `/messages/${message.id}/edits`))).edits).toEqual([]);
    });

    it('publishes messaging.message.sent with the recipients to notify (not muted ones)', async () => {
      const [p, q, r] = await c.people(3, 'event');
      const group = await c.group(p, [q, r], 'Events');
      await c.expectOk(c.as(r, 'POST', `/conversations/${group.id}/mute`, { muted: true }), 204);
      const message = await c.send(p, group.id, 'news');
      const rows = await waitFor(
        async () => {
          const found: Array<{ payload: Body; org_id: string | null }> = await c.db.query(
            `SELECT payload, org_id FROM integration_events WHERE type = 'messaging.message.sent' AND payload->>'messageId' = $1`,
            [message.id],
          );
          return found.length ? found : undefined;
        },
        5000,
        'the event',
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].payload).toEqual({ conversationId: group.id, messageId: message.id, senderUserId: p.userId, recipientUserIds: [q.userId] });
    });
  });

  describe('failing', () => {
    it('refuses a reused client_txn_id with another text', async () => {
      const conversation = await c.direct(bob, carol);
      const txn = randomUUID();
      await c.send(bob, conversation.id, 'one', txn);
      const res = await c.as(bob, 'POST', `/conversations/${conversation.id}/messages`, { client_txn_id: txn, body: 'two' });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('MESSAGING.CLIENT_TXN_ID_REUSED');
    });

    it('enforces size limits and text rules', async () => {
      const conversation = await c.direct(bob, eve);
      const cases: Array<[object, number]> = [
        [{ client_txn_id: 'a', body: 'x'.repeat(51) }, 400],
        [{ client_txn_id: 'a', body: '   ' }, 400],
        [{ client_txn_id: 'a', body: 'nul\u0000' }, 400],
        [{ client_txn_id: 'has space', body: 'x' }, 400],
        [{ client_txn_id: 'x'.repeat(65), body: 'x' }, 400],
        [{ body: 'x' }, 400],
      ];
      for (const [body, status] of cases) {
        const res = await c.as(bob, 'POST', `/conversations/${conversation.id}/messages`, body);
        expect({ body, status: res.statusCode }).toEqual({ body, status });
      }
      expect((await c.as(bob, 'POST', `/conversations/${conversation.id}/messages`, { client_txn_id: 'emoji', body: '👩‍🔧 '.repeat(10) })).statusCode).toBe(201);
      const bothCursors = await c.as(bob, 'GET', `/conversations/${conversation.id}/messages`, undefined, { before: '3', after: '1' });
      expect(bothCursors.statusCode).toBe(400);
    });

    it('lets only the sender edit or delete, and never a deleted message', async () => {
      const conversation = await c.direct(alice, eve);
      const message = await c.send(alice, conversation.id, 'mine');
      const notMine = await c.as(eve, 'PUT', `/messages/${message.id}/edit`, { body: 'hijack' });
      expect(notMine.statusCode).toBe(403);
      expect(notMine.json().code).toBe('MESSAGING.NOT_MESSAGE_SENDER');
      expect((await c.as(eve, 'DELETE', `/messages/${message.id}/delete_message`)).statusCode).toBe(403);
      expect((await c.as(bob, 'PUT', `/messages/${message.id}/edit`, { body: 'outsider' })).statusCode).toBe(404);
      expect((await c.as(bob, 'GET', `/messages/${message.id}/edits`)).statusCode).toBe(404);
      expect((await c.as(bob, 'POST', `/messages/${message.id}/mark_as_read`)).statusCode).toBe(404);
      await c.expectOk(c.as(alice, 'DELETE', `/messages/${message.id}/delete_message`), 204);
      expect((await c.as(alice, 'PUT', `/messages/${message.id}/edit`, { body: 'again' })).statusCode).toBe(409);
    });

    it('stops a removed participant from reading or sending', async () => {
      const group = await c.group(alice, [bob, carol], 'Removal');
      await c.send(bob, group.id, 'before');
      await c.expectOk(c.as(alice, 'POST', `/conversations/${group.id}/remove_participant`, { user_id: bob.userId }), 204);
      expect((await c.as(bob, 'POST', `/conversations/${group.id}/messages`, { client_txn_id: 'late', body: 'x' })).statusCode).toBe(404);
      expect((await c.as(bob, 'GET', `/conversations/${group.id}/messages`)).statusCode).toBe(404);
    });

    it('rate-limits sends per user', async () => {
      const limited = await messagingApp({ MESSAGING_SEND_LIMIT: '3', MESSAGING_SEND_WINDOW_MS: '60000' });
      try {
        const lc = new MessagingClient(limited);
        const [p, q] = await lc.people(2, 'rate');
        const conversation = await lc.direct(p, q);
        for (let i = 0; i < 3; i += 1) await lc.send(p, conversation.id, `r${i}`, `txn-${i}`);
        const refused = await lc.as(p, 'POST', `/conversations/${conversation.id}/messages`, { client_txn_id: 'txn-3', body: 'too many' });
        expect(refused.statusCode).toBe(429);
        expect(refused.json().code).toBe('MESSAGING.RATE_LIMITED');
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        // A retry of a send that went through is still answered.
        expect((await lc.as(p, 'POST', `/conversations/${conversation.id}/messages`, { client_txn_id: 'txn-0', body: 'r0' })).statusCode).toBe(200);
        // Another user is not limited by p's sends.
        await lc.send(q, conversation.id, 'fine');
      } finally {
        await limited.close();
      }
    });
  });
});
