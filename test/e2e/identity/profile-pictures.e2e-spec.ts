import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { expectProblem } from '../../support/problem';
import { startS3Server } from '../../support/s3-server';
import type { TestApp } from '../../support/test-app';
import { Actor, CommunityClient, communityApp } from '../community/community-test-kit';
import { multipart } from '../marketplace/marketplace-test-kit';
import type { StaffedOrganization } from '../organizations/organizations-test-kit';

const EXIF_GPS_POINTER = Buffer.from([0x25, 0x88]); // tag 0x8825 (GPS IFD), little-endian as libexif writes it

/** A JPEG carrying a camera make and a GPS position in its EXIF. */
async function jpegWithGps(colour = '#c33'): Promise<Buffer> {
  return sharp({ create: { width: 900, height: 600, channels: 3, background: colour } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'LeakyCam' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2964/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 17/1 4020/100' },
    })
    .toBuffer();
}

/** Profile pictures through the real S3-compatible server: upload, re-encoding, public URLs, removal, and the URL wherever a person appears. */
describe('identity: profile pictures', () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  let t: TestApp;
  let c: CommunityClient;
  let org: StaffedOrganization;
  let other: StaffedOrganization;
  let admin: Actor;

  beforeAll(async () => {
    s3 = await startS3Server();
    t = await communityApp({
      STORAGE_DRIVER: 's3',
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
      IDENTITY_PICTURE_MAX_BYTES: String(200 * 1024),
      MESSAGING_SEND_LIMIT: '100000',
    });
    c = new CommunityClient(t);
    [org, other, admin] = await Promise.all([c.staffedOrganization('pics'), c.staffedOrganization('pics-other'), c.admin()]);
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  const upload = (actor: Actor, content: Buffer, name = 'me.jpg') => {
    const body = multipart(content, name);
    return c.request('PUT', '/auth/me/picture', { token: actor.token }, { body: body.payload, headers: body.headers });
  };
  const fetchPicture = (url: string) => t.app.inject({ method: 'GET', url: new URL(url).pathname });

  describe('successful', () => {
    it('re-encodes a JPEG with GPS EXIF to WebP at 64, 256 and 512 pixels with no metadata, served publicly and immutable', async () => {
      const original = await jpegWithGps();
      const before = await sharp(original).metadata();
      expect(before.exif?.includes(EXIF_GPS_POINTER)).toBe(true);
      expect(before.exif?.includes(Buffer.from('LeakyCam'))).toBe(true);

      const profile = await c.expectOk(upload(org.staff, original));
      const url = profile.profile_picture_url as string;
      expect(url).toMatch(new RegExp(`/api/v1/profile-pictures/${org.staff.userId}/[a-f0-9]{24}/256$`));
      expect((await c.expectOk(c.request('GET', '/auth/me', { token: org.staff.token }))).profile_picture_url).toBe(url);

      for (const size of [64, 256, 512]) {
        const res = await fetchPicture(url.replace(/\/256$/, `/${size}`));
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('image/webp');
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        const served = await sharp(res.rawPayload).metadata();
        expect(served).toEqual(expect.objectContaining({ format: 'webp', width: size, height: size }));
        expect(served.exif).toBeUndefined();
        expect(served.xmp).toBeUndefined();
        expect(served.icc).toBeUndefined();
        expect(res.rawPayload.includes(Buffer.from('LeakyCam'))).toBe(false);
      }
    });

    it('a new picture gets a new URL; the old one answers 404', async () => {
      const first = (await c.expectOk(upload(org.staff2, await jpegWithGps('#123')))).profile_picture_url as string;
      const png = await sharp({ create: { width: 300, height: 300, channels: 4, background: '#0a0' } })
        .png()
        .toBuffer();
      const second = (await c.expectOk(upload(org.staff2, png, 'x.png'))).profile_picture_url as string;
      expect(second).not.toBe(first);
      expect((await fetchPicture(second)).statusCode).toBe(200);
      expectProblem(await fetchPicture(first), 404, 'IDENTITY.PICTURE_NOT_FOUND');
    });

    it('removal: the profile shows null and the URL answers 404; removing again is fine', async () => {
      const actor = await c.signUp('remover');
      const url = (await c.expectOk(upload(actor, await jpegWithGps()))).profile_picture_url as string;
      expect((await c.request('DELETE', '/auth/me/picture', { token: actor.token })).statusCode).toBe(204);
      expect((await c.expectOk(c.request('GET', '/auth/me', { token: actor.token }))).profile_picture_url).toBeNull();
      expectProblem(await fetchPicture(url), 404, 'IDENTITY.PICTURE_NOT_FOUND');
      expect((await c.request('DELETE', '/auth/me/picture', { token: actor.token })).statusCode).toBe(204);
    });

    it('the URL appears for organization members and users, conversation participants and forum authors', async () => {
      const url = (await c.expectOk(upload(org.manager, await jpegWithGps('#345')))).profile_picture_url as string;
      const members = await c.expectOk(c.request('GET', `/organizations/${org.id}/members`, { token: org.principal.token }, { query: { limit: '100' } }));
      const manager = members.data.find((m: { user_id: string }) => m.user_id === org.manager.userId);
      expect(manager.profile_picture_url).toBe(url);
      expect(members.data.find((m: { user_id: string }) => m.user_id === org.principal.userId).profile_picture_url).toBeNull();
      const user = await c.expectOk(c.request('GET', `/users/${org.manager.userId}`, { token: org.principal.token, orgId: org.id }));
      expect(user.profile_picture_url).toBe(url);

      const conversation = await c.expectOk(
        c.request('POST', '/conversations', { token: org.principal.token }, { body: { conversation_type: 'direct', participant_ids: [org.manager.userId] } }),
        201,
      );
      const details = await c.expectOk(c.request('GET', `/conversations/${conversation.id}`, { token: org.principal.token }));
      expect(details.participants.find((p: { user_id: string }) => p.user_id === org.manager.userId).profile_picture_url).toBe(url);

      const board = await c.expectOk(
        c.request('POST', '/forum/categories', { token: admin.token }, { body: { name: 'Pics', slug: `pics-${randomBytes(4).toString('hex')}` } }),
        201,
      );
      const thread = await c.expectOk(
        c.request('POST', '/forum/threads', { token: org.manager.token }, { body: { category_id: board.id, title: 'Hello all', body: 'First' } }),
        201,
      );
      const posts = await c.expectOk(c.request('GET', `/forum/threads/${thread.post.thread_id}/posts`, { token: other.staff.token }));
      expect(posts.data[0].author_picture_url).toBe(url);
      const post = await c.expectOk(c.request('GET', `/forum/posts/${thread.post.id}`, { token: other.staff.token }));
      expect(post.author_picture_url).toBe(url);

      // Comment authors (a reply too), and message senders.
      const top = await c.expectOk(
        c.request(
          'POST',
          '/comments',
          { token: org.manager.token },
          { body: { target_type: 'forum_thread', target_id: thread.post.thread_id, body: 'Me again' } },
        ),
        201,
      );
      await c.expectOk(
        c.request(
          'POST',
          '/comments',
          { token: org.principal.token },
          { body: { target_type: 'forum_thread', target_id: thread.post.thread_id, body: 'Hi', parent_id: top.id } },
        ),
        201,
      );
      const comments = await c.expectOk(
        c.request('GET', '/comments', { token: other.staff.token }, { query: { target_type: 'forum_thread', target_id: thread.post.thread_id } }),
      );
      expect(comments.data[0]).toMatchObject({ author_id: org.manager.userId, author_picture_url: url });
      expect(comments.data[0].replies[0]).toMatchObject({ author_id: org.principal.userId, author_picture_url: null });

      await c.expectOk(
        c.request('POST', `/conversations/${conversation.id}/messages`, { token: org.manager.token }, { body: { client_txn_id: 'pic-1', body: 'Hello' } }),
        201,
      );
      await c.expectOk(
        c.request('POST', `/conversations/${conversation.id}/messages`, { token: org.principal.token }, { body: { client_txn_id: 'pic-2', body: 'Hi' } }),
        201,
      );
      const messages = await c.expectOk(c.request('GET', `/conversations/${conversation.id}/messages`, { token: org.principal.token }));
      expect(messages.data.map((m: { sender_user_id: string; sender_picture_url: string | null }) => [m.sender_user_id, m.sender_picture_url])).toEqual([
        [org.manager.userId, url],
        [org.principal.userId, null],
      ]);
    });
  });

  describe('failing', () => {
    it('a file that is not an image by its bytes is a 422 problem, whatever its name', async () => {
      const before = (await c.expectOk(c.request('GET', '/auth/me', { token: other.staff.token }))).profile_picture_url;
      expectProblem(await upload(other.staff, Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'me.jpg'), 422, 'STORAGE.TYPE_NOT_ALLOWED');
      expectProblem(await upload(other.staff, randomBytes(4096), 'me.png'), 422, 'STORAGE.TYPE_NOT_ALLOWED');
      expect((await c.expectOk(c.request('GET', '/auth/me', { token: other.staff.token }))).profile_picture_url).toBe(before);
    });

    it('a truncated image is a 422, not a 500', async () => {
      const jpeg = await jpegWithGps();
      expectProblem(await upload(other.staff, jpeg.subarray(0, 400)), 422);
    });

    it('an oversized file is a 422 problem', async () => {
      const big = await sharp(randomBytes(700 * 700 * 3), { raw: { width: 700, height: 700, channels: 3 } })
        .png({ compressionLevel: 0 })
        .toBuffer();
      expect(big.length).toBeGreaterThan(200 * 1024);
      expectProblem(await upload(other.staff, big, 'big.png'), 422, 'IDENTITY.PICTURE_TOO_LARGE');
    });

    it('JSON instead of multipart is a 415; no file field is a 400', async () => {
      expectProblem(await c.request('PUT', '/auth/me/picture', { token: other.staff.token }, { body: { file: 'x' } }), 415);
      const wrongField = multipart(await jpegWithGps(), 'me.jpg', 'image');
      expectProblem(
        await c.request('PUT', '/auth/me/picture', { token: other.staff.token }, { body: wrongField.payload, headers: wrongField.headers }),
        400,
        'STORAGE.NO_FILE',
      );
    });

    it('needs a signed-in user; nobody can change or remove another user’s picture', async () => {
      const body = multipart(await jpegWithGps(), 'me.jpg');
      expectProblem(await t.app.inject({ method: 'PUT', url: '/api/v1/auth/me/picture', payload: body.payload, headers: body.headers }), 401);
      expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/auth/me/picture' })).statusCode).toBe(401);
      // The routes act on the caller alone: another user removing "their" picture leaves the victim's in place.
      const victimUrl = (await c.expectOk(upload(other.manager, await jpegWithGps('#777')))).profile_picture_url as string;
      expect((await c.request('DELETE', '/auth/me/picture', { token: other.staff.token })).statusCode).toBe(204);
      await c.expectOk(upload(other.staff, await jpegWithGps('#888')));
      expect((await c.expectOk(c.request('GET', '/auth/me', { token: other.manager.token }))).profile_picture_url).toBe(victimUrl);
      expect((await fetchPicture(victimUrl)).statusCode).toBe(200);
    });

    it('unknown users, versions and sizes are 404; a malformed user id is 400', async () => {
      const url = (await c.expectOk(c.request('GET', '/auth/me', { token: org.staff.token }))).profile_picture_url as string;
      expectProblem(await fetchPicture(url.replace(/\/256$/, '/128')), 404, 'IDENTITY.PICTURE_NOT_FOUND');
      expectProblem(await fetchPicture(url.replace(/\/256$/, '/abc')), 404, 'IDENTITY.PICTURE_NOT_FOUND');
      expectProblem(await fetchPicture(url.replace(/[a-f0-9]{24}\/256$/, `${'0'.repeat(24)}/256`)), 404, 'IDENTITY.PICTURE_NOT_FOUND');
      expectProblem(await fetchPicture(url.replace(org.staff.userId, org.staff2.userId)), 404, 'IDENTITY.PICTURE_NOT_FOUND');
      expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/profile-pictures/not-a-uuid/abc/256' }), 400);
    });
  });
});
