import pino from 'pino';
import { DEMO_CUSTOMERS, DEMO_ORGANIZATIONS, DEMO_PASSWORD, OrganizationsApi, seedDemoData } from '../../../src/modules/organizations';
import { systemContext } from '../../../src/platform/kernel';
import { partBody } from '../marketplace/marketplace-test-kit';
import { CommunityDemoSeeder } from '../../../src/modules/community/infrastructure/seed/community-demo.seeder';
import type { TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';
import { Body, CommunityClient, communityApp } from './community-test-kit';
import { useOwnDatabase } from '../../support/own-database';

describe('community: demo data', () => {
  useOwnDatabase('demo_community');
  let t: TestApp;
  let c: CommunityClient;

  beforeAll(async () => {
    t = await communityApp();
    c = new CommunityClient(t);
    await seedDemoData(testConfig(), pino({ level: 'silent' }));
  });
  afterAll(() => t?.close());

  it('seeds boards with threads and replies and the customers’ notifications once; a second run adds nothing', async () => {
    await t.app.get(CommunityDemoSeeder).seed();
    expect(await t.app.get(CommunityDemoSeeder).seed()).toEqual({ boards: 0, notifications: 0, comments: 0 });
    const { accessToken } = await c.identity.logIn(DEMO_CUSTOMERS[0].email, DEMO_PASSWORD);
    const boards = await c.expectOk(c.request('GET', '/forum/categories', { token: accessToken }));
    expect(boards.data.map((b: Body) => b.slug)).toEqual(expect.arrayContaining(['general', 'ecu-tuning']));
    expect(boards.data.map((b: Body) => b.slug)).not.toContain('pit-lane-crew');
    const threads = await c.expectOk(c.request('GET', '/forum/threads', { token: accessToken }, { query: { q: 'track day' } }));
    expect(threads.data[0]).toMatchObject({ title: 'First track day: what should I check?', post_count: 4 });
    const notifications = await c.expectOk(c.request('GET', '/notifications', { token: accessToken }));
    expect(notifications.data.map((n: Body) => n.type)).toEqual(expect.arrayContaining(['commerce.order_paid', 'bookings.booking_status']));
  });

  it('comments on the demo organizations’ published listings once (the seller answers); nothing without listings', async () => {
    const pitLane = DEMO_ORGANIZATIONS.find((org) => org.slug === 'pit-lane-repairs')!;
    const { accessToken: staff } = await c.identity.logIn(pitLane.members[2].email, DEMO_PASSWORD);
    const orgId = (await t.app.get(OrganizationsApi).organizationBySlug(systemContext('test'), pitLane.slug))!.id;
    expect((await t.app.get(CommunityDemoSeeder).seed()).comments).toBe(0);

    const listing = await c.expectOk(
      c.request(
        'POST',
        `/organizations/${orgId}/listings`,
        { token: staff, orgId },
        {
          body: partBody(),
        },
      ),
      201,
    );
    const submitted = await c.expectOk(c.request('POST', `/organizations/${orgId}/listings/${listing.id}/submit`, { token: staff, orgId }));
    expect(submitted.status).toBe('published');

    expect((await t.app.get(CommunityDemoSeeder).seed()).comments).toBe(2);
    expect((await t.app.get(CommunityDemoSeeder).seed()).comments).toBe(0);
    const comments = await c.expectOk(c.request('GET', '/comments', { token: staff }, { query: { target_type: 'listing', target_id: listing.id } }));
    expect(comments.data).toHaveLength(1);
    expect(comments.data[0].replies).toHaveLength(1);
  });
});
