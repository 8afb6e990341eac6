import { waitFor } from '../../support/processes';
import type { TestApp } from '../../support/test-app';
import { Actor, organizationsApp, StaffedOrganization } from '../organizations/organizations-test-kit';
import { ecuImage, MarketplaceClient, multipart, tuneBody } from './marketplace-test-kit';

type Org = StaffedOrganization & { keyStaff: string };

describe('moderation of listings (no AI key: every tune waits for a human)', () => {
  let t: TestApp;
  let c: MarketplaceClient;
  let studio: Org;
  let other: Org;
  let customer: Actor;
  let admin: Actor;
  let seed = 100;

  beforeAll(async () => {
    t = await organizationsApp({ EVENTS_RELAY_INTERVAL_MS: '100' });
    c = new MarketplaceClient(t);
    [studio, other] = await Promise.all([c.organizationOfKind('creator_studio', 'studio'), c.organizationOfKind('creator_studio', 'other')]);
    [customer, admin] = await Promise.all([c.signUp('customer'), c.admin()]);
  });
  afterAll(() => t?.close());

  const status = async (id: string): Promise<string> =>
    (await c.expectOk(c.request('GET', `/organizations/${studio.id}/listings/${id}`, c.as(studio.staff)))).status as string;
  const reaches = (id: string, wanted: string) => waitFor(async () => (await status(id)) === wanted, 15_000, `status ${wanted}`);

  async function tuneAwaitingHuman(): Promise<string> {
    const tune = await c.createListing(c.as(studio.staff), studio.id, tuneBody());
    const file = multipart(ecuImage((seed += 1)), 'map.bin');
    await c.expectOk(
      c.request('PUT', `/organizations/${studio.id}/listings/${tune.id}/file`, c.as(studio.staff), { body: file.payload, headers: file.headers }),
    );
    await c.expectOk(c.request('POST', `/organizations/${studio.id}/listings/${tune.id}/submit`, c.as(studio.staff)));
    await reaches(tune.id, 'needs_human');
    return tune.id;
  }

  const decide = (id: string, verdict: 'approved' | 'rejected', caller: Actor = admin) =>
    c.request('POST', `/moderation/listings/${id}/decision`, c.as(caller), { body: { verdict, reason: 'Checked the map by hand.' } });

  describe('successful', () => {
    it('a tune waiting for a human is in the queue; an admin approves it (audited), a manager publishes it, buyers without an entitlement get 403', async () => {
      const id = await tuneAwaitingHuman();
      const queue = await c.expectOk(c.request('GET', '/moderation/listings', c.as(admin), { query: { limit: '100' } }));
      expect(queue.data.map((l: { id: string }) => l.id)).toContain(id);
      const approved = await c.expectOk(decide(id, 'approved'));
      expect(approved.status).toBe('approved');
      const audit: Array<{ action: string; metadata: Record<string, unknown> }> = await c.db.query(
        `SELECT action, metadata FROM audit_events WHERE target_id = $1 ORDER BY occurred_at`,
        [id],
      );
      expect(audit).toEqual([
        expect.objectContaining({ action: 'marketplace.listing_verdict_overridden', metadata: expect.objectContaining({ verdict: 'approved' }) }),
      ]);
      const published = await c.expectOk(c.request('POST', `/organizations/${studio.id}/listings/${id}/publish`, c.as(studio.manager)));
      expect(published.status).toBe('published');
      expect((await c.request('GET', `/listings/${id}`)).statusCode).toBe(200);
      const notBought = await c.request('POST', `/listings/${id}/download-link`, c.as(customer));
      expect(notBought.statusCode).toBe(403);
      expect(notBought.json().code).toBe('MARKETPLACE.NOT_ENTITLED');
      const moderated = await c.expectOk(c.request('GET', `/moderation/listings/${id}`, c.as(admin)));
      expect(moderated.verdicts.map((v: { source: string }) => v.source)).toEqual(['gate', 'override']);
    });

    it('editing a published tune’s declared changes sends it back through the gate', async () => {
      const id = await tuneAwaitingHuman();
      await c.expectOk(decide(id, 'approved'));
      await c.expectOk(c.request('POST', `/organizations/${studio.id}/listings/${id}/publish`, c.as(studio.manager)));
      const edited = await c.expectOk(
        c.request('PATCH', `/organizations/${studio.id}/listings/${id}`, c.as(studio.staff), {
          body: { tune: { declared_changes: { rev_limit_rpm: 12_500 } } },
        }),
      );
      expect(edited.status).toBe('submitted');
      expect((await c.request('GET', `/listings/${id}`)).statusCode).toBe(404);
      await reaches(id, 'needs_human');
    });

    it('a rejected tune is appealed once by its owner and goes back to a human; an admin re-review runs the gate again', async () => {
      const id = await tuneAwaitingHuman();
      await c.expectOk(decide(id, 'rejected'));
      const appealed = await c.expectOk(
        c.request('POST', `/organizations/${studio.id}/listings/${id}/appeal`, c.as(studio.manager), { body: { reason: 'The AFR is within spec.' } }),
      );
      expect(appealed.status).toBe('needs_human');
      const again = await c.expectOk(c.request('POST', `/moderation/listings/${id}/re-review`, c.as(admin), { body: { reason: 'New model version' } }));
      expect(again.status).toBe('in_review');
      await reaches(id, 'needs_human');
      const verdicts = await c.expectOk(c.request('GET', `/organizations/${studio.id}/listings/${id}/verdicts`, c.as(studio.staff)));
      expect(verdicts.data.map((v: { source: string }) => v.source)).toEqual(['gate', 'override', 'gate']);
      expect(verdicts.data[1].appealed_at).toEqual(expect.any(String));
    });
  });

  describe('failing', () => {
    it('two appeals of the same verdict at once: one wins, the other is 409', async () => {
      const id = await tuneAwaitingHuman();
      await c.expectOk(decide(id, 'rejected'));
      const body = { reason: 'Please look again.' };
      const [a, b] = await Promise.all([
        c.request('POST', `/organizations/${studio.id}/listings/${id}/appeal`, c.as(studio.manager), { body }),
        c.request('POST', `/organizations/${studio.id}/listings/${id}/appeal`, c.as(studio.principal), { body }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    });

    it('only platform admins moderate; staff cannot appeal; another studio cannot appeal; decisions need a listing waiting for one', async () => {
      const id = await tuneAwaitingHuman();
      expect((await c.request('GET', '/moderation/listings', c.as(customer))).statusCode).toBe(403);
      expect((await c.request('GET', '/moderation/listings', c.as(studio.principal, studio.id))).statusCode).toBe(403);
      expect((await decide(id, 'approved', studio.principal)).statusCode).toBe(403);
      await c.expectOk(decide(id, 'rejected'));
      const staffAppeal = await c.request('POST', `/organizations/${studio.id}/listings/${id}/appeal`, c.as(studio.staff), {
        body: { reason: 'Please look again.' },
      });
      expect(staffAppeal.statusCode).toBe(403);
      const foreign = await c.request('POST', `/organizations/${other.id}/listings/${id}/appeal`, c.as(other.manager), {
        body: { reason: 'Please look again.' },
      });
      expect(foreign.statusCode).toBe(404);
      const draft = await c.createListing(c.as(studio.staff), studio.id, tuneBody());
      const onDraft = await decide(draft.id, 'approved');
      expect(onDraft.statusCode).toBe(409);
      expect(
        (await c.request('POST', `/moderation/listings/${draft.id}/decision`, c.as(admin), { body: { verdict: 'published', reason: 'x' } })).statusCode,
      ).toBe(400);
    });
  });
});
