import type { Response as InjectResponse } from 'light-my-request';
import { expectProblem } from '../../support/problem';
import type { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';
import { type Actor, OrganizationsClient } from '../organizations/organizations-test-kit';

export { API } from '../organizations/organizations-test-kit';
export type { Actor, Body, Caller } from '../organizations/organizations-test-kit';

/** The application with limits high enough for tests that sign many people up. */
export async function aiApp(overrides: Record<string, string> = {}, processJobs = false): Promise<TestApp> {
  return createTestApp({ processJobs, config: testConfig({ AUTH_RATE_LIMIT_MAX: '100000', RATE_LIMIT_MAX: '100000', MISTRAL_API_KEY: '', ...overrides }) });
}

export class AiClient extends OrganizationsClient {
  /** Active catalog vehicle models (the reference data migration ships some). */
  async vehicleModels(count: number): Promise<Array<{ id: string; name: string }>> {
    const rows: Array<{ id: string; name: string }> = await (this.db as DataSource).query(
      `SELECT id, name FROM vehicle_models WHERE retired_at IS NULL ORDER BY name, id LIMIT $1`,
      [count],
    );
    return rows;
  }
}

/** expectProblem on a response still on its way. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function problemOf(response: Promise<InjectResponse>, status: number, code?: string): Promise<Record<string, any>> {
  return expectProblem(await response, status, code);
}

export interface Dealership {
  id: string;
  principal: Actor;
  manager: Actor;
  manager2: Actor;
  staff: Actor;
}

/** A dealership opened by a platform admin, with a principal, two managers (F&I) and a staff member. */
export async function dealership(client: AiClient, admin: Actor, tag: string): Promise<Dealership> {
  const principal = await client.signUp(`${tag}-principal`, { verified: true });
  const slug = `dealer-${tag}-${Math.random().toString(36).slice(2, 8)}`;
  const org = await client.expectOk(
    client.request(
      'POST',
      '/admin/organizations',
      { token: admin.token },
      { body: { kind: 'dealership', name: `Dealer ${slug}`, slug, principal_user_id: principal.userId } },
    ),
    201,
  );
  const [manager, manager2, staff] = await Promise.all([
    client.addMember(principal, org.id, 'manager', `${tag}-fi1`),
    client.addMember(principal, org.id, 'manager', `${tag}-fi2`),
    client.addMember(principal, org.id, 'staff', `${tag}-staff`),
  ]);
  return { id: org.id, principal, manager, manager2, staff };
}

export interface ServerSentEvent {
  event: string;
  data: Record<string, unknown>;
}

export function parseEvents(body: string): ServerSentEvent[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? '{}';
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}
