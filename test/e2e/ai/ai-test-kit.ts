import type { Response as InjectResponse } from 'light-my-request';
import { expectProblem } from '../../support/problem';
import type { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';
import { OrganizationsClient } from '../organizations/organizations-test-kit';

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
