import pino from 'pino';
import { DEMO_CUSTOMERS, DEMO_ORGANIZATIONS, DEMO_PASSWORD, seedDemoData } from '../../../src/modules/organizations';
import { MessagingDemoSeeder } from '../../../src/modules/messaging/infrastructure/seed/messaging-demo.seeder';
import type { TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';
import { Body, MessagingClient, messagingApp } from './messaging-test-kit';
import { useOwnDatabase } from '../../support/own-database';

describe('messaging: demo data', () => {
  useOwnDatabase('demo_messaging');
  let t: TestApp;
  let c: MessagingClient;

  beforeAll(async () => {
    t = await messagingApp();
    c = new MessagingClient(t);
    await seedDemoData(testConfig(), pino({ level: 'silent' }));
  });
  afterAll(() => t?.close());

  it('seeds the customers’ conversations with the shops and a dealership group once; a second run adds nothing', async () => {
    await t.app.get(MessagingDemoSeeder).seed();
    expect(await t.app.get(MessagingDemoSeeder).seed()).toEqual({ conversations: 0, messages: 0 });

    const { accessToken: riley } = await c.identity.logIn(DEMO_CUSTOMERS[0].email, DEMO_PASSWORD);
    const mine = await c.expectOk(c.request('GET', '/conversations', { token: riley }));
    expect(mine.data).toHaveLength(1);
    // Sending moves the sender's read cursor: Riley has read up to her last message, Sam's answer after it is unread.
    expect(mine.data[0]).toMatchObject({ conversation_type: 'direct', unread_count: 1 });
    const messages = await c.expectOk(c.request('GET', `/conversations/${mine.data[0].id}/messages`, { token: riley }));
    expect(messages.data).toHaveLength(4);

    const velocityManager = DEMO_ORGANIZATIONS.find((org) => org.slug === 'velocity-motors')!.members[1].email;
    const { accessToken: manager } = await c.identity.logIn(velocityManager, DEMO_PASSWORD);
    const theirs = await c.expectOk(c.request('GET', '/conversations', { token: manager }));
    const group = theirs.data.find((row: Body) => row.conversation_type === 'group');
    expect(group).toMatchObject({ name: 'Velocity sales floor', unread_count: 3 });
    const details = await c.expectOk(c.request('GET', `/conversations/${group.id}`, { token: manager }));
    expect(details.participants).toHaveLength(4);
    expect(details.organization_id).toEqual(expect.any(String));
  });
});
