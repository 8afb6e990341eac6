import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { AppModule } from '../../../src/app.module';
import { MessagingApi } from '../../../src/modules/messaging';
import { connectSocket, connected, RecordingSocket } from '../../support/socket-clients';
import type { TestApp } from '../../support/test-app';
import { Actor, MessagingClient, messagingApp } from './messaging-test-kit';

/** MessagingApi.pushToUser: the platform's live channel, from an API process and from a process without HTTP (the worker). */
describe('messaging: the live channel for other contexts', () => {
  let t: TestApp;
  let c: MessagingClient;
  let worker: INestApplicationContext;
  let url: string;
  let rider: Actor;
  let other: Actor;
  const sockets: RecordingSocket[] = [];

  beforeAll(async () => {
    t = await messagingApp();
    c = new MessagingClient(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    worker = await NestFactory.createApplicationContext(AppModule.register(t.config, { processJobs: false, serveHttp: false }), { logger: false });
    await worker.init();
    [rider, other] = await c.people(2, 'live');
  }, 120_000); // two application boots
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await worker?.close();
    await t?.close();
  });

  async function open(actor: Actor): Promise<RecordingSocket> {
    const socket = connectSocket(url, actor.token);
    sockets.push(socket);
    await connected(socket);
    return socket;
  }

  it('pushes to every socket of the user, and only theirs, from the API process', async () => {
    const [phone, laptop, bystander] = await Promise.all([open(rider), open(rider), open(other)]);
    t.app.get(MessagingApi).pushToUser(rider.userId, 'notification.created', { notification_id: 'n1' });
    await phone.next('notification.created', (p) => p.notification_id === 'n1');
    await laptop.next('notification.created', (p) => p.notification_id === 'n1');
    await new Promise((r) => setTimeout(r, 200));
    expect(bystander.events.filter((e) => e.event === 'notification.created')).toEqual([]);
  });

  it('pushes from a process without HTTP through the Redis adapter', async () => {
    const socket = await open(other);
    worker.get(MessagingApi).pushToUser(other.userId, 'notification.created', { notification_id: 'from-worker' });
    await socket.next('notification.created', (p) => p.notification_id === 'from-worker', 5000);
  });
});
