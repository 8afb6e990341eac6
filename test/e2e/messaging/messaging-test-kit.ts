import { randomUUID } from 'node:crypto';
import type { Response as InjectResponse } from 'light-my-request';
import type { TestApp } from '../../support/test-app';
import { Actor, Body, OrganizationsClient, organizationsApp } from '../organizations/organizations-test-kit';

export { API, type Actor, type Body } from '../organizations/organizations-test-kit';

/** The app for messaging suites: no HTTP rate limits, a generous send limit unless a suite tests it. */
export function messagingApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  return organizationsApp({ MESSAGING_SEND_LIMIT: '100000', MESSAGING_TYPING_MIN_INTERVAL_MS: '0', ...overrides });
}

/** People and their conversations, through the real routes. */
export class MessagingClient extends OrganizationsClient {
  as(actor: Actor, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, query?: Record<string, string>): Promise<InjectResponse> {
    return this.request(method, path, { token: actor.token }, { body, query });
  }

  async people(count: number, tag = 'person'): Promise<Actor[]> {
    return Promise.all(Array.from({ length: count }, (_, i) => this.signUp(`${tag}${i}`)));
  }

  async direct(a: Actor, b: Actor): Promise<Body> {
    const res = await this.as(a, 'POST', '/conversations', { conversation_type: 'direct', participant_ids: [b.userId] });
    if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`direct: ${res.statusCode} ${res.body}`);
    return res.json() as Body;
  }

  async group(admin: Actor, members: Actor[], name = 'Crew', extra: Record<string, unknown> = {}): Promise<Body> {
    return this.expectOk(
      this.as(admin, 'POST', '/conversations', { conversation_type: 'group', name, participant_ids: members.map((m) => m.userId), ...extra }),
      201,
    );
  }

  async send(actor: Actor, conversationId: string, body = 'hello', clientTxnId: string = randomUUID()): Promise<Body> {
    return this.expectOk(this.as(actor, 'POST', `/conversations/${conversationId}/messages`, { client_txn_id: clientTxnId, body }), 201);
  }

  async unread(actor: Actor, conversationId: string): Promise<number> {
    return (await this.expectOk(this.as(actor, 'GET', `/conversations/${conversationId}`))).unread_count as number;
  }
}

export async function messagingWorld(t: TestApp): Promise<MessagingClient> {
  return new MessagingClient(t);
}
