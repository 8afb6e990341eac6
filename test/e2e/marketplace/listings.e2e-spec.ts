import type { TestApp } from '../../support/test-app';
import { Actor, organizationsApp, StaffedOrganization } from '../organizations/organizations-test-kit';
import { MarketplaceClient, partBody, tuneBody, vehicleBody } from './marketplace-test-kit';

type Org = StaffedOrganization & { keyStaff: string };

describe('marketplace listings', () => {
  let t: TestApp;
  let c: MarketplaceClient;
  let studio: Org;
  let shop: Org;
  let dealer: Org;
  let customer: Actor;
  let admin: Actor;

  beforeAll(async () => {
    t = await organizationsApp();
    c = new MarketplaceClient(t);
    [studio, shop, dealer] = await Promise.all([
      c.organizationOfKind('creator_studio', 'studio'),
      c.organizationOfKind('repair_shop', 'shop'),
      c.organizationOfKind('dealership', 'dealer'),
    ]);
    [customer, admin] = await Promise.all([c.signUp('buyer'), c.admin()]);
  });
  afterAll(() => t?.close());

  describe('successful', () => {
    it('a studio’s staff drafts a tune: visible to its members, 404 to the public', async () => {
      const tune = await c.createListing(c.as(studio.staff), studio.id, tuneBody());
      expect(tune).toMatchObject({ kind: 'tune', status: 'draft', price_minor: 14_900, currency: 'USD', stock: null, vehicle: null, part: null });
      expect(tune.tune).toMatchObject({ ecu_family: 'Bosch ME17', stage: 'stage1', file: null });
      expect(tune.tune.declared_changes).toMatchObject({ rev_limit_rpm: 11_500, catalytic_converter_delete: false });
      const own = await c.expectOk(c.request('GET', `/organizations/${studio.id}/listings/${tune.id}`, c.as(studio.manager)));
      expect(own.id).toBe(tune.id);
      expect((await c.request('GET', `/listings/${tune.id}`)).statusCode).toBe(404);
      const list = await c.expectOk(
        c.request('GET', `/organizations/${studio.id}/listings`, c.as(studio.principal), { query: { kind: 'tune', status: 'draft' } }),
      );
      expect(list.data.map((l: { id: string }) => l.id)).toContain(tune.id);
      expect(list.meta.total).toBeGreaterThanOrEqual(1);
    });

    it('an API key of the organization drafts and edits a listing', async () => {
      const part = await c.createListing({ apiKey: shop.keyStaff }, shop.id, partBody());
      const edited = await c.expectOk(
        c.request(
          'PATCH',
          `/organizations/${shop.id}/listings/${part.id}`,
          { apiKey: shop.keyStaff },
          { body: { price_minor: 5_900, stock: 9, part: { condition: 'refurbished' } } },
        ),
      );
      expect(edited).toMatchObject({ price_minor: 5_900, stock: 9, status: 'draft' });
      expect(edited.part).toMatchObject({ condition: 'refurbished', part_number: 'BR-07BB37' });
    });

    it('a clean part passes the content check and is published on submit; the history records every move', async () => {
      const part = await c.createListing(c.as(shop.staff), shop.id, partBody());
      const submitted = await c.expectOk(c.request('POST', `/organizations/${shop.id}/listings/${part.id}/submit`, c.as(shop.staff)));
      expect(submitted.status).toBe('published');
      expect(submitted.published_at).toEqual(expect.any(String));
      const pub = await c.expectOk(c.request('GET', `/listings/${part.id}`));
      expect(pub).toMatchObject({ id: part.id, status: 'published', stock: 5 });
      const history = await c.expectOk(c.request('GET', `/organizations/${shop.id}/listings/${part.id}/transitions`, c.as(shop.staff)));
      expect(history.data.map((h: { from: string | null; to: string }) => `${h.from}>${h.to}`)).toEqual([
        'null>draft',
        'draft>submitted',
        'submitted>in_review',
        'in_review>approved',
        'approved>published',
      ]);
      const verdicts = await c.expectOk(c.request('GET', `/organizations/${shop.id}/listings/${part.id}/verdicts`, c.as(shop.staff)));
      expect(verdicts.data).toEqual([expect.objectContaining({ source: 'content_check', verdict: 'approved', ai_status: 'not_configured' })]);
      const events: Array<{ type: string }> = await c.db.query(
        `SELECT type FROM integration_events WHERE org_id = $1 AND payload->>'listingId' = $2 ORDER BY occurred_at`,
        [shop.id, part.id],
      );
      // One event per move; events of one transaction share a timestamp, so their order is not part of the contract (the history above is).
      expect(events.map((e) => e.type).sort()).toEqual(
        [
          'marketplace.listing.drafted',
          'marketplace.listing.submitted',
          'marketplace.listing.review-started',
          'marketplace.listing.verdict-recorded',
          'marketplace.listing.published',
        ].sort(),
      );
    });

    it('a dealership’s vehicle shows its VIN masked to the public and in full to the owner', async () => {
      const vehicle = await c.createListing(c.as(dealer.staff), dealer.id, vehicleBody());
      expect(vehicle.stock).toBe(1);
      await c.expectOk(c.request('POST', `/organizations/${dealer.id}/listings/${vehicle.id}/submit`, c.as(dealer.staff)));
      const pub = await c.expectOk(c.request('GET', `/listings/${vehicle.id}`));
      expect(pub.vehicle.vin).toBe('*************0123');
      const own = await c.expectOk(c.request('GET', `/organizations/${dealer.id}/listings/${vehicle.id}`, c.as(dealer.staff)));
      expect(own.vehicle.vin).toBe('JYARN53E0MA000123');
    });

    it('a manager archives a published listing; it leaves the public marketplace', async () => {
      const part = await c.createListing(c.as(shop.staff), shop.id, partBody());
      await c.expectOk(c.request('POST', `/organizations/${shop.id}/listings/${part.id}/submit`, c.as(shop.staff)));
      const archived = await c.expectOk(
        c.request('POST', `/organizations/${shop.id}/listings/${part.id}/archive`, c.as(shop.manager), { body: { reason: 'sold out' } }),
      );
      expect(archived.status).toBe('archived');
      expect((await c.request('GET', `/listings/${part.id}`)).statusCode).toBe(404);
    });

    it('a suspicious text goes to a human instead of being published', async () => {
      const part = await c.createListing(c.as(shop.staff), shop.id, partBody({ description: 'Cat delete pipe, see www.example.com' }));
      const submitted = await c.expectOk(c.request('POST', `/organizations/${shop.id}/listings/${part.id}/submit`, c.as(shop.staff)));
      expect(submitted.status).toBe('needs_human');
      expect((await c.request('GET', `/listings/${part.id}`)).statusCode).toBe(404);
    });
  });

  describe('failing', () => {
    it('an organization sells only its kinds (403 MARKETPLACE.KIND_NOT_ALLOWED)', async () => {
      const studioVehicle = await c.request('POST', `/organizations/${studio.id}/listings`, c.as(studio.staff), { body: vehicleBody() });
      expect(studioVehicle.statusCode).toBe(403);
      expect(studioVehicle.json().code).toBe('MARKETPLACE.KIND_NOT_ALLOWED');
      const shopTune = await c.request('POST', `/organizations/${shop.id}/listings`, c.as(shop.staff), { body: tuneBody() });
      expect(shopTune.json().code).toBe('MARKETPLACE.KIND_NOT_ALLOWED');
    });

    it('another organization’s member, a customer and a platform admin get 404 on a tenant listing', async () => {
      const part = await c.createListing(c.as(shop.staff), shop.id, partBody());
      // a member of another organization naming its own organization in the path
      const other = await c.request('GET', `/organizations/${dealer.id}/listings/${part.id}`, c.as(dealer.principal));
      expect(other.statusCode).toBe(404);
      expect(other.json().code).toBe('MARKETPLACE.LISTING_NOT_FOUND');
      const otherPatch = await c.request('PATCH', `/organizations/${dealer.id}/listings/${part.id}`, c.as(dealer.principal), { body: { title: 'mine' } });
      expect(otherPatch.statusCode).toBe(404);
      const otherSubmit = await c.request('POST', `/organizations/${dealer.id}/listings/${part.id}/submit`, c.as(dealer.principal));
      expect(otherSubmit.statusCode).toBe(404);
      expect((await c.request('GET', `/organizations/${shop.id}/listings/${part.id}`, c.as(customer))).statusCode).toBe(404);
      expect((await c.request('GET', `/organizations/${shop.id}/listings/${part.id}`, c.as(admin))).statusCode).toBe(404);
      expect((await c.request('GET', `/organizations/${shop.id}/listings/${part.id}`)).statusCode).toBe(401);
    });

    it('staff cannot publish or archive (403); anonymous callers cannot draft (401)', async () => {
      const part = await c.createListing(c.as(shop.staff), shop.id, partBody());
      expect((await c.request('POST', `/organizations/${shop.id}/listings/${part.id}/archive`, c.as(shop.staff), { body: {} })).statusCode).toBe(403);
      expect((await c.request('POST', `/organizations/${shop.id}/listings/${part.id}/publish`, c.as(shop.staff))).statusCode).toBe(403);
      expect((await c.request('POST', `/organizations/${shop.id}/listings`, undefined, { body: partBody() })).statusCode).toBe(401);
    });

    it('a tune without its file cannot be submitted (422); a draft cannot be published (409)', async () => {
      const tune = await c.createListing(c.as(studio.staff), studio.id, tuneBody());
      const submit = await c.request('POST', `/organizations/${studio.id}/listings/${tune.id}/submit`, c.as(studio.staff));
      expect(submit.statusCode).toBe(422);
      expect(submit.json().code).toBe('MARKETPLACE.TUNE_FILE_MISSING');
      const publish = await c.request('POST', `/organizations/${studio.id}/listings/${tune.id}/publish`, c.as(studio.manager));
      expect(publish.statusCode).toBe(409);
      expect(publish.json().code).toBe('MARKETPLACE.INVALID_TRANSITION');
    });

    it('invalid fields are 400 with the field named', async () => {
      const negative = await c.request('POST', `/organizations/${shop.id}/listings`, c.as(shop.staff), { body: partBody({ price_minor: -5 }) });
      expect(negative.statusCode).toBe(400);
      const float = await c.request('POST', `/organizations/${shop.id}/listings`, c.as(shop.staff), { body: partBody({ price_minor: 10.5 }) });
      expect(float.statusCode).toBe(400);
      const wrongFields = await c.request('POST', `/organizations/${shop.id}/listings`, c.as(shop.staff), { body: partBody({ tune: { stage: 'stage1' } }) });
      expect(wrongFields.statusCode).toBe(400);
      expect(wrongFields.json().errors).toHaveProperty('tune');
      const noVin = await c.request('POST', `/organizations/${dealer.id}/listings`, c.as(dealer.staff), {
        body: vehicleBody({ vehicle: { model_id: '6f1c1c52-0c0f-4d5e-9a57-3c1c8f1f1a11', year: 2020, mileage_km: 1, condition: 'used' } }),
      });
      expect(noVin.statusCode).toBe(400);
      expect(noVin.json().errors).toHaveProperty(['vehicle.vin']);
      const badCurrency = await c.request('POST', `/organizations/${shop.id}/listings`, c.as(shop.staff), { body: partBody({ currency: 'euro' }) });
      expect(badCurrency.statusCode).toBe(400);
    });
  });
});
