import { createHash, randomUUID } from 'node:crypto';
import { waitFor } from '../../support/processes';
import type { TestApp } from '../../support/test-app';
import { Actor, organizationsApp, StaffedOrganization } from '../organizations/organizations-test-kit';
import { ecuImage, MarketplaceClient, multipart, partBody, PNG, tuneBody } from './marketplace-test-kit';

type Org = StaffedOrganization & { keyStaff: string };

describe('tune files, signed downloads and the safety gate without an AI key', () => {
  let t: TestApp;
  let c: MarketplaceClient;
  let studio: Org;
  let rival: Org;
  let shop: Org;
  let buyer: Actor;
  let admin: Actor;

  beforeAll(async () => {
    t = await organizationsApp({ MARKETPLACE_MAX_TUNE_FILE_BYTES: '8192', EVENTS_RELAY_INTERVAL_MS: '100' });
    c = new MarketplaceClient(t);
    [studio, rival, shop] = await Promise.all([
      c.organizationOfKind('creator_studio', 'studio'),
      c.organizationOfKind('creator_studio', 'rival'),
      c.organizationOfKind('repair_shop', 'shop'),
    ]);
    [buyer, admin] = await Promise.all([c.signUp('buyer'), c.admin()]);
  });
  afterAll(() => t?.close());

  const upload = (org: Org, listingId: string, content: Buffer, name = 'map.bin') => {
    const body = multipart(content, name);
    return c.request('PUT', `/organizations/${org.id}/listings/${listingId}/file`, c.as(org.staff), { body: body.payload, headers: body.headers });
  };

  async function draftWithFile(org: Org, content: Buffer, overrides: Record<string, unknown> = {}): Promise<string> {
    const tune = await c.createListing(c.as(org.staff), org.id, tuneBody(overrides));
    await c.expectOk(upload(org, tune.id, content));
    return tune.id;
  }

  const status = async (org: Org, id: string): Promise<string> =>
    (await c.expectOk(c.request('GET', `/organizations/${org.id}/listings/${id}`, c.as(org.staff)))).status as string;

  const settled = (org: Org, id: string) =>
    waitFor(
      async () => {
        const s = await status(org, id);
        return ['approved', 'rejected', 'needs_human'].includes(s) ? s : undefined;
      },
      15_000,
      'the safety gate’s verdict',
    );

  describe('successful', () => {
    it('uploads a tune file streamed, storing its SHA-256 and the type found in its bytes', async () => {
      const content = ecuImage(1);
      const tune = await c.createListing(c.as(studio.staff), studio.id, tuneBody());
      const uploaded = await c.expectOk(upload(studio, tune.id, content, 'stage1 “MT-09”.png'));
      expect(uploaded.tune.file).toEqual({
        file_name: 'stage1 _MT-09_.png',
        content_type: 'application/octet-stream',
        size_bytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
      });
    });

    it('a submitted tune goes through the gate’s job: the rules run and, without an AI key, it waits in needs_human, labelled', async () => {
      const id = await draftWithFile(studio, ecuImage(2));
      const submitted = await c.expectOk(c.request('POST', `/organizations/${studio.id}/listings/${id}/submit`, c.as(studio.staff)));
      expect(submitted.status).toBe('submitted');
      expect(await settled(studio, id)).toBe('needs_human');
      const verdicts = await c.expectOk(c.request('GET', `/organizations/${studio.id}/listings/${id}/verdicts`, c.as(studio.staff)));
      expect(verdicts.data).toEqual([
        expect.objectContaining({ source: 'gate', verdict: 'needs_human', ai_status: 'not_configured', model: null, safety_score: null }),
      ]);
      expect(verdicts.data[0].reason).toContain('AI review not configured');
      const history = await c.expectOk(c.request('GET', `/organizations/${studio.id}/listings/${id}/transitions`, c.as(studio.staff)));
      expect(history.data.map((h: { to: string }) => h.to)).toEqual(['draft', 'submitted', 'in_review', 'needs_human']);
    });

    it('an emissions-defeat flag means needs_human with a legal note', async () => {
      const id = await draftWithFile(
        studio,
        ecuImage(3),
        tuneBody({ tune: { model_ids: [randomUUID()], ecu_family: 'Denso', stage: 'stage2', declared_changes: { catalytic_converter_delete: true } } }),
      );
      await c.expectOk(c.request('POST', `/organizations/${studio.id}/listings/${id}/submit`, c.as(studio.staff)));
      expect(await settled(studio, id)).toBe('needs_human');
      const verdicts = await c.expectOk(c.request('GET', `/organizations/${studio.id}/listings/${id}/verdicts`, c.as(studio.staff)));
      expect(verdicts.data[0].legal_note).toContain('illegal on public roads');
      expect(verdicts.data[0].flags).toContain('changes.emissions');
    });

    it('a file identical to another studio’s tune goes to a human (possible piracy)', async () => {
      const content = ecuImage(4);
      await draftWithFile(studio, content);
      const copy = await draftWithFile(rival, content);
      await c.expectOk(c.request('POST', `/organizations/${rival.id}/listings/${copy}/submit`, c.as(rival.staff)));
      expect(await settled(rival, copy)).toBe('needs_human');
      const verdicts = await c.expectOk(c.request('GET', `/organizations/${rival.id}/listings/${copy}/verdicts`, c.as(rival.staff)));
      expect(verdicts.data[0].flags).toContain('file.duplicate');
    });

    it('the owner’s members get a signed link that serves the file; an entitled buyer too', async () => {
      const content = ecuImage(5);
      const id = await draftWithFile(studio, content);
      const link = await c.expectOk(c.request('POST', `/listings/${id}/download-link`, c.as(studio.staff, studio.id)));
      expect(link).toMatchObject({ file_name: 'map.bin', sha256: createHash('sha256').update(content).digest('hex'), size_bytes: content.length });
      const url = new URL(link.url);
      const path = `${url.pathname}${url.search}`;
      const file = await t.app.inject({ method: 'GET', url: path });
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload).toEqual(content);
      expect(file.headers['content-disposition']).toContain('map.bin');
      expect(file.headers['cache-control']).toBe('private, no-store');
      // What commerce.order.paid records (the event path itself is covered by the marketplace-api integration test).
      await c.db.query(
        `INSERT INTO marketplace_purchases (order_id, listing_id, org_id, buyer_user_id, kind, quantity, entitled) VALUES ($1, $2, $3, $4, 'tune', 1, true)`,
        [randomUUID(), id, studio.id, buyer.userId],
      );
      const bought = await c.expectOk(c.request('POST', `/listings/${id}/download-link`, c.as(buyer)));
      const boughtUrl = new URL(bought.url);
      expect((await t.app.inject({ method: 'GET', url: `${boughtUrl.pathname}${boughtUrl.search}` })).rawPayload).toEqual(content);
      const asAdmin = await c.request('POST', `/listings/${id}/download-link`, c.as(admin));
      expect(asAdmin.statusCode).toBe(200);
    });

    it('a part takes photos checked from their bytes', async () => {
      const part = await c.createListing(c.as(shop.staff), shop.id, partBody());
      const body = multipart(PNG, 'front.png');
      const withPhoto = await c.expectOk(
        c.request('POST', `/organizations/${shop.id}/listings/${part.id}/photos`, c.as(shop.staff), { body: body.payload, headers: body.headers }),
      );
      expect(withPhoto.part.photos).toEqual([expect.objectContaining({ content_type: 'image/png', file_name: 'front.png' })]);

      // Photos are served through short-lived signed links: the owner's route for any status, the public one once published.
      const follow = async (path: string, headers: Record<string, string> = {}) => {
        const found = await t.app.inject({ method: 'GET', url: path, headers });
        expect(found.statusCode).toBe(302);
        const location = new URL(found.headers.location as string, 'http://localhost');
        expect(location.searchParams.get('token')).toBeTruthy();
        return t.app.inject({ method: 'GET', url: `${location.pathname}${location.search}` });
      };
      const ownUrl = withPhoto.part.photos[0].url;
      expect(ownUrl).toBe(`/api/v1/organizations/${shop.id}/listings/${part.id}/photos/1`);
      const own = await follow(ownUrl, { authorization: `Bearer ${shop.staff.token}` });
      expect(own.rawPayload).toEqual(PNG);
      expect(own.headers['content-type']).toBe('image/png');
      const publicPath = `/api/v1/listings/${part.id}/photos/1`;
      expect((await t.app.inject({ method: 'GET', url: publicPath })).statusCode).toBe(404);
      await c.expectOk(c.request('POST', `/organizations/${shop.id}/listings/${part.id}/submit`, c.as(shop.staff)));
      const listed = await c.expectOk(c.request('GET', `/listings/${part.id}`));
      expect(listed.part.photos[0].url).toBe(publicPath);
      expect((await follow(publicPath)).rawPayload).toEqual(PNG);
      for (const position of ['2', '0', 'x', '100'])
        expect((await t.app.inject({ method: 'GET', url: `/api/v1/listings/${part.id}/photos/${position}` })).statusCode).toBe(404);
    });
  });

  describe('failing', () => {
    it('a file that is something else by its bytes is refused whatever its name (422)', async () => {
      const tune = await c.createListing(c.as(studio.staff), studio.id, tuneBody());
      const response = await upload(studio, tune.id, PNG, 'map.bin');
      expect(response.statusCode).toBe(422);
      expect(response.json().code).toBe('STORAGE.TYPE_NOT_ALLOWED');
      const photo = multipart(ecuImage(9), 'photo.jpg');
      const part = await c.createListing(c.as(shop.staff), shop.id, partBody());
      const badPhoto = await c.request('POST', `/organizations/${shop.id}/listings/${part.id}/photos`, c.as(shop.staff), {
        body: photo.payload,
        headers: photo.headers,
      });
      expect(badPhoto.statusCode).toBe(422);
      // Another organization's route never reaches the shop's photos.
      expect((await c.request('GET', `/organizations/${studio.id}/listings/${part.id}/photos/1`, c.as(studio.staff))).statusCode).toBe(404);
      expect((await c.request('GET', `/organizations/${shop.id}/listings/${part.id}/photos/1`, c.as(studio.staff))).statusCode).toBe(404);
    });

    it('a file over the limit is refused (422) and nothing is attached', async () => {
      const tune = await c.createListing(c.as(studio.staff), studio.id, tuneBody());
      const response = await upload(studio, tune.id, ecuImage(6, 10_000));
      expect(response.statusCode).toBe(422);
      expect(response.json().code).toBe('STORAGE.FILE_TOO_LARGE');
      const own = await c.expectOk(c.request('GET', `/organizations/${studio.id}/listings/${tune.id}`, c.as(studio.staff)));
      expect(own.tune.file).toBeNull();
    });

    it('a JSON body is not an upload (415); another organization’s member cannot upload (404)', async () => {
      const tune = await c.createListing(c.as(studio.staff), studio.id, tuneBody());
      const json = await c.request('PUT', `/organizations/${studio.id}/listings/${tune.id}/file`, c.as(studio.staff), { body: { file: 'x' } });
      expect(json.statusCode).toBe(415);
      const body = multipart(ecuImage(7), 'x.bin');
      const foreign = await c.request('PUT', `/organizations/${rival.id}/listings/${tune.id}/file`, c.as(rival.staff), {
        body: body.payload,
        headers: body.headers,
      });
      expect(foreign.statusCode).toBe(404);
    });

    it('nobody else gets a link: a draft is 404 to a non-member, anonymous is 401; a tampered or expired link is 404', async () => {
      const id = await draftWithFile(studio, ecuImage(8));
      expect((await c.request('POST', `/listings/${id}/download-link`, c.as(buyer))).statusCode).toBe(404);
      expect((await c.request('POST', `/listings/${id}/download-link`, c.as(rival.principal, rival.id))).statusCode).toBe(404);
      expect((await c.request('POST', `/listings/${id}/download-link`)).statusCode).toBe(401);
      const link = await c.expectOk(c.request('POST', `/listings/${id}/download-link`, c.as(studio.staff, studio.id)));
      const token = new URL(link.url).searchParams.get('token')!;
      const [body, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3600 })).toString('base64url');
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/storage/files?token=${forged}.${signature}` })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/storage/files?token=garbage.x` })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/storage/files` })).statusCode).toBe(400);
    });
  });
});
