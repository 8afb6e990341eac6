import { Writable } from 'node:stream';
import { ProbeModule } from '../../support/probe.module';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';
import { OrganizationsClient } from '../organizations/organizations-test-kit';

type Line = Record<string, unknown>;

/**
 * Each request logs through its own pino child (Fastify's request.log): bound to
 * the request id, then to the user and organization once the guards know them.
 * Lines Nest's Logger writes during the request go through that child too.
 */
describe('request-scoped logging', () => {
  const lines: Line[] = [];
  let t: TestApp;
  let api: OrganizationsClient;
  beforeAll(async () => {
    const logs = new Writable({
      write(chunk, _encoding, callback) {
        for (const text of String(chunk).split('\n')) if (text.trim()) lines.push(JSON.parse(text) as Line);
        callback();
      },
    });
    t = await createTestApp({
      processJobs: true,
      logs,
      extraImports: [ProbeModule],
      config: testConfig({ AUTH_RATE_LIMIT_MAX: '100000', RATE_LIMIT_MAX: '100000' }),
    });
    api = new OrganizationsClient(t);
  });
  afterAll(() => t.close());

  const linesOf = (requestId: string) => lines.filter((line) => line.request_id === requestId);

  describe('successful', () => {
    it('binds the request id, the user and the organization to the request line', async () => {
      const owner = await api.signUp('logger', { verified: true });
      const org = await api.createOrganization(owner);
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/organizations/${org.id}`,
        headers: { authorization: `Bearer ${owner.token}`, 'x-request-id': 'log-test-1' },
      });
      expect(res.statusCode).toBe(200);
      const completed = linesOf('log-test-1').find((line) => line.msg === 'request completed');
      expect(completed).toEqual(
        expect.objectContaining({ request_id: 'log-test-1', user_id: owner.userId, org_id: org.id, status: 200, route: '/api/v1/organizations/:orgId' }),
      );
    });

    it('keeps concurrent requests apart: each line carries its own request and user', async () => {
      const [first, second] = await Promise.all([api.signUp('log-a'), api.signUp('log-b')]);
      await Promise.all(
        [first, second].map((actor, index) =>
          t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${actor.token}`, 'x-request-id': `log-test-c${index}` } }),
        ),
      );
      expect(linesOf('log-test-c0').find((line) => line.msg === 'request completed')).toEqual(expect.objectContaining({ user_id: first.userId }));
      expect(linesOf('log-test-c1').find((line) => line.msg === 'request completed')).toEqual(expect.objectContaining({ user_id: second.userId }));
    });

    it("writes Nest's own log lines of a request through the request's logger", async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/probe/boom', headers: { 'x-request-id': 'log-test-2' } });
      expect(res.statusCode).toBe(500);
      expect(linesOf('log-test-2').map((line) => line.msg)).toEqual(expect.arrayContaining(['unhandled error', 'request completed']));
    });
  });

  describe('failing', () => {
    it('an anonymous request names no user or organization', async () => {
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/probe/private',
        headers: { 'x-request-id': 'log-test-3', 'x-organization-id': '00000000-0000-4000-8000-000000000000' },
      });
      const completed = linesOf('log-test-3').find((line) => line.msg === 'request completed');
      expect(completed).toEqual(expect.objectContaining({ status: 401 }));
      expect(completed).not.toHaveProperty('user_id');
      expect(completed).not.toHaveProperty('org_id');
    });
  });
});
