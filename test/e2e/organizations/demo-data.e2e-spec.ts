import pino from 'pino';
import { DEMO_ADMIN, DEMO_CUSTOMERS, DEMO_ORGANIZATIONS, DEMO_PASSWORD, seedDemoData } from '../../../src/modules/organizations';
import type { TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';
import { OrganizationsClient, organizationsApp } from './organizations-test-kit';
import { useOwnDatabase } from '../../support/own-database';

describe('organizations: demo data', () => {
  useOwnDatabase('demo_organizations');
  let t: TestApp;
  let c: OrganizationsClient;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    t = await organizationsApp();
    c = new OrganizationsClient(t);
  });
  afterAll(() => t.close());

  it('seeds the README’s accounts once; a second run changes nothing', async () => {
    const first = await seedDemoData(testConfig(), logger);
    const second = await seedDemoData(testConfig(), logger);
    const people = 1 + DEMO_CUSTOMERS.length + DEMO_ORGANIZATIONS.reduce((n, o) => n + o.members.length, 0);
    expect(first).toEqual({ accountsCreated: people, organizationsCreated: DEMO_ORGANIZATIONS.length });
    expect(second).toEqual({ accountsCreated: 0, organizationsCreated: 0 });
    expect(DEMO_ORGANIZATIONS.map((o) => o.kind).sort()).toEqual(['creator_studio', 'creator_studio', 'dealership', 'dealership', 'repair_shop']);
  });

  it('the demo admin is a platform admin; each principal runs an organization with a manager and two staff', async () => {
    await seedDemoData(testConfig(), logger);
    const admin = await c.identity.logIn(DEMO_ADMIN.email, DEMO_PASSWORD);
    const everyone = await c.expectOk(c.request('GET', '/admin/organizations', { token: admin.accessToken }, { query: { q: 'velocity' } }));
    expect(everyone.data.map((o: { slug: string }) => o.slug)).toContain('velocity-motors');

    for (const demo of DEMO_ORGANIZATIONS) {
      const principal = demo.members.find((m) => m.role === 'principal')!;
      const { accessToken } = await c.identity.logIn(principal.email, DEMO_PASSWORD);
      const mine = await c.expectOk(c.request('GET', '/organizations', { token: accessToken }));
      const organization = mine.data.find((o: { slug: string }) => o.slug === demo.slug);
      expect(organization).toEqual(expect.objectContaining({ kind: demo.kind, my_role: 'principal' }));
      const members = await c.expectOk(c.request('GET', `/organizations/${organization.id}/members`, { token: accessToken }));
      expect(members.data.map((m: { role: string }) => m.role).sort()).toEqual(demo.members.map((m) => m.role).sort());
    }
    for (const customer of DEMO_CUSTOMERS) {
      const { accessToken } = await c.identity.logIn(customer.email, DEMO_PASSWORD);
      expect((await c.expectOk(c.request('GET', '/organizations', { token: accessToken }))).data).toEqual([]);
    }
  });

  it('never runs in production', async () => {
    const production = { ...testConfig(), nodeEnv: 'production' as const };
    await expect(seedDemoData(production, logger)).rejects.toThrow(/never runs in production/);
  });
});
