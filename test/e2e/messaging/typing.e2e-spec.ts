import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../support/test-app';
import { waitFor } from '../../support/processes';
import { Actor, Body, MessagingClient, messagingApp } from './messaging-test-kit';

describe('messaging: typing indicators', () => {
  let t: TestApp;
  let c: MessagingClient;
  let alice: Actor, bob: Actor, eve: Actor;

  beforeAll(async () => {
    t = await messagingApp({ MESSAGING_TYPING_TTL_MS: '800', MESSAGING_TYPING_MIN_INTERVAL_MS: '500' });
    c = new MessagingClient(t);
    [alice, bob, eve] = await c.people(3, 'typing');
  });
  afterAll(() => t?.close());

  const typers = async (actor: Actor, id: string) =>
    ((await c.expectOk(c.as(actor, 'GET', `/conversations/${id}/typing`))).data as Body[]).map((x) => x.user_id);

  describe('successful', () => {
    it('shows who is typing to the others and expires by itself', async () => {
      const conversation = await c.direct(alice, bob);
      const signal = await c.expectOk(c.as(alice, 'POST', `/conversations/${conversation.id}/typing`, {}));
      expect(new Date(signal.expires_at).getTime()).toBeGreaterThan(Date.now());
      expect(await typers(bob, conversation.id)).toEqual([alice.userId]);
      expect(await typers(alice, conversation.id)).toEqual([]);
      await waitFor(async () => (await typers(bob, conversation.id)).length === 0, 3000, 'the indicator to expire');
    });

    it('clears on a stop signal', async () => {
      const conversation = await c.group(alice, [bob], 'Typing stop');
      await c.expectOk(c.as(bob, 'POST', `/conversations/${conversation.id}/typing`, { typing: true }));
      await new Promise((r) => setTimeout(r, 550));
      expect(await c.expectOk(c.as(bob, 'POST', `/conversations/${conversation.id}/typing`, { typing: false }))).toEqual({ expires_at: null });
      expect(await typers(alice, conversation.id)).toEqual([]);
    });
  });

  describe('failing', () => {
    it('rate-limits signals per user and conversation', async () => {
      const conversation = await c.direct(alice, eve);
      await c.expectOk(c.as(eve, 'POST', `/conversations/${conversation.id}/typing`, {}));
      const again = await c.as(eve, 'POST', `/conversations/${conversation.id}/typing`, {});
      expect(again.statusCode).toBe(429);
      expect(again.json().code).toBe('MESSAGING.RATE_LIMITED');
      await c.expectOk(c.as(alice, 'POST', `/conversations/${conversation.id}/typing`, {}));
    });

    it('is for participants only', async () => {
      const conversation = await c.direct(alice, bob);
      expect((await c.as(eve, 'POST', `/conversations/${conversation.id}/typing`, {})).statusCode).toBe(404);
      expect((await c.as(eve, 'GET', `/conversations/${conversation.id}/typing`)).statusCode).toBe(404);
      expect((await c.as(eve, 'GET', `/conversations/${randomUUID()}/typing`)).statusCode).toBe(404);
    });
  });
});
