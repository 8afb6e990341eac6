import { randomUUID } from 'node:crypto';
import { connectSocket, connected, RecordingSocket } from '../../support/socket-clients';
import type { TestApp } from '../../support/test-app';
import { Actor, CommunityClient, communityApp } from './community-test-kit';

/** Live delivery: a connected person receives `notification.created` on their sockets (the messaging gateway), unless they turned live off. */
describe('live notifications through the messaging gateway', () => {
  let t: TestApp;
  let c: CommunityClient;
  let url: string;
  const sockets: RecordingSocket[] = [];

  beforeAll(async () => {
    t = await communityApp();
    c = new CommunityClient(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await t?.close();
  });

  async function open(actor: Actor): Promise<RecordingSocket> {
    const socket = connectSocket(url, actor.token);
    sockets.push(socket);
    await connected(socket);
    return socket;
  }

  const message = (sender: Actor, recipient: Actor, conversationId = randomUUID()) =>
    c.publish(
      'messaging.message.sent',
      { conversationId, messageId: randomUUID(), senderUserId: sender.userId, recipientUserIds: [recipient.userId] },
      { userId: sender.userId },
    );

  it('pushes a new notification to the recipient’s open socket, and a grouped update as grouped', async () => {
    const [reader, sender, second] = await Promise.all([c.signUp('live-reader'), c.signUp('live-sender'), c.signUp('live-second')]);
    const socket = await open(reader);
    const conversationId = randomUUID();
    await message(sender, reader, conversationId);
    const first = await socket.next('notification.created', (p) => p.type === 'messaging.message', 10_000);
    expect(first).toMatchObject({ type: 'messaging.message', title: 'New message from Test Member', grouped: false });
    await message(second, reader, conversationId);
    const update = await socket.next('notification.created', (p) => p.grouped === true, 10_000);
    expect(update.id).toBe(first.id);
  });

  it('sends nothing live to someone who turned live off for the type (the notification is still listed)', async () => {
    const [reader, sender] = await Promise.all([c.signUp('quiet-reader'), c.signUp('quiet-sender')]);
    await c.expectOk(
      c.request('PUT', '/notifications/preferences', { token: reader.token }, { body: { types: [{ type: 'messaging.message', live: false }] } }),
    );
    const socket = await open(reader);
    await message(sender, reader);
    await c.waitForNotification(reader, (n) => n.type === 'messaging.message');
    await c.eventsSettled();
    expect(socket.events.filter((e) => e.event === 'notification.created')).toEqual([]);
  });
});
