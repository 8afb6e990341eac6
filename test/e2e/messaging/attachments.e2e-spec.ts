import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../support/test-app';
import { Actor, API, Body, MessagingClient, messagingApp } from './messaging-test-kit';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

function multipart(fileName: string, bytes: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----revsync${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('messaging: attachments', () => {
  let t: TestApp;
  let c: MessagingClient;
  let alice: Actor, bob: Actor, eve: Actor;

  beforeAll(async () => {
    t = await messagingApp({ MESSAGING_MAX_ATTACHMENT_BYTES: '2048' });
    c = new MessagingClient(t);
    [alice, bob, eve] = await c.people(3, 'files');
  });
  afterAll(() => t?.close());

  const upload = (actor: Actor, conversationId: string, fileName: string, bytes: Buffer) => {
    const { payload, headers } = multipart(fileName, bytes);
    return t.app.inject({
      method: 'POST',
      url: `${API}/conversations/${conversationId}/attachments`,
      headers: { ...headers, authorization: `Bearer ${actor.token}` },
      payload,
    });
  };

  describe('successful', () => {
    it('uploads, sends and lets participants download through a short-lived signed link', async () => {
      const conversation = await c.direct(alice, bob);
      const uploaded = await upload(alice, conversation.id, 'photo.txt', PNG);
      expect(uploaded.statusCode).toBe(201);
      expect(uploaded.json()).toMatchObject({ content_type: 'image/png', size_bytes: PNG.length, file_name: 'photo.txt' });
      const attachmentId = uploaded.json().id as string;
      // Before it is sent, only the uploader reaches it.
      expect((await c.as(bob, 'GET', `/attachments/${attachmentId}/download`)).statusCode).toBe(404);

      const sent = await c.expectOk(
        c.as(alice, 'POST', `/conversations/${conversation.id}/messages`, { client_txn_id: 'with-file', body: '', attachment_ids: [attachmentId] }),
        201,
      );
      expect(sent.attachments).toEqual([{ id: attachmentId, file_name: 'photo.txt', content_type: 'image/png', size_bytes: PNG.length }]);
      const retry = await c.as(alice, 'POST', `/conversations/${conversation.id}/messages`, {
        client_txn_id: 'with-file',
        body: '',
        attachment_ids: [attachmentId],
      });
      expect(retry.statusCode).toBe(200);
      const page = await c.expectOk(c.as(bob, 'GET', `/conversations/${conversation.id}/messages`));
      expect(page.data[0].attachments.map((a: Body) => a.id)).toEqual([attachmentId]);

      const link = await c.expectOk(c.as(bob, 'GET', `/attachments/${attachmentId}/download`));
      expect(new Date(link.expires_at).getTime()).toBeGreaterThan(Date.now());
      const url = new URL(link.url);
      const file = await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.equals(PNG)).toBe(true);

      await c.expectOk(c.as(alice, 'DELETE', `/messages/${sent.id}/delete_message`), 204);
      expect((await c.as(bob, 'GET', `/attachments/${attachmentId}/download`)).statusCode).toBe(404);
    });
  });

  describe('failing', () => {
    it('refuses types and sizes by the bytes, and non-participants', async () => {
      const conversation = await c.direct(alice, eve);
      const text = await upload(alice, conversation.id, 'fake.png', Buffer.from('just some text, not an image'));
      expect(text.statusCode).toBe(422);
      expect(text.json().code).toBe('STORAGE.TYPE_NOT_ALLOWED');
      const big = await upload(alice, conversation.id, 'big.png', Buffer.concat([PNG, Buffer.alloc(4096)]));
      expect(big.statusCode).toBe(422);
      expect(big.json().code).toBe('STORAGE.FILE_TOO_LARGE');
      const outsider = await upload(bob, conversation.id, 'x.png', PNG);
      expect(outsider.statusCode).toBe(404);
    });

    it('refuses attaching someone else’s upload or one from another conversation', async () => {
      const conversation = await c.direct(bob, eve);
      const other = await c.direct(alice, bob);
      const theirs = (await upload(eve, conversation.id, 'e.png', PNG)).json().id as string;
      const elsewhere = (await upload(bob, other.id, 'b.png', PNG)).json().id as string;
      for (const id of [theirs, elsewhere, randomUUID()]) {
        const res = await c.as(bob, 'POST', `/conversations/${conversation.id}/messages`, { client_txn_id: `att-${id}`, body: 'x', attachment_ids: [id] });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('MESSAGING.ATTACHMENT_NOT_FOUND');
      }
      expect((await c.as(alice, 'GET', `/attachments/${theirs}/download`)).statusCode).toBe(404);
    });
  });
});
