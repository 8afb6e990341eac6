import { randomUUID } from 'node:crypto';
import { buildWorld, World } from '../organizations/organizations-test-kit';
import { waitFor } from '../../support/processes';
import { startS3Server } from '../../support/s3-server';
import { Body, Caller, closeCommerce, commerceApp, CommerceWorld, deliverWebhook } from './commerce-test-kit';

const PAID_ORDERS = 20;

/** Invoices: one per paid order, numbered without gaps per seller and year, a PDF in object storage (s3rver), sent through the mail outbox. */
describe('invoices', () => {
  let w: CommerceWorld;
  let world: World;
  let s3: Awaited<ReturnType<typeof startS3Server>>;

  beforeAll(async () => {
    s3 = await startS3Server();
    w = await commerceApp({
      STORAGE_DRIVER: 's3',
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
      INVOICE_LINK_TTL_SECONDS: '60',
    });
    world = await buildWorld(w.c);
  }, 120_000);
  afterAll(async () => {
    await closeCommerce(w);
    await s3?.close();
  });

  const buyer = (): Caller => ({ token: world.customer.token });
  const sellerStaff = (): Caller => ({ token: world.orgA.staff.token, orgId: world.orgA.id });

  async function paidOrder(price: number): Promise<Body> {
    const listing = w.catalog.add(world.orgA.id, 'tune', price);
    const [order] = (await w.c.expectOk(w.c.request('POST', '/orders', buyer(), { body: { items: [{ listing_id: listing.id, quantity: 1 }] } }), 201)).orders;
    await deliverWebhook(w, w.stripe.webhook('payment_intent.succeeded', w.stripe.succeed(order.payments[0].provider_ref)));
    return order;
  }

  async function invoicesOfSeller(): Promise<Body[]> {
    const page = await w.c.expectOk(
      w.c.request('GET', `/organizations/${world.orgA.id}/invoices`, { token: world.orgA.staff.token }, { query: { limit: '100' } }),
    );
    return page.data;
  }

  describe('successful', () => {
    it(`${PAID_ORDERS} orders paid concurrently get invoices numbered 1..${PAID_ORDERS}, no gaps, no duplicates`, async () => {
      const orders = await Promise.all(Array.from({ length: PAID_ORDERS }, (_, i) => paidOrder(1000 + i)));
      const invoices = await waitFor(
        async () => {
          const found = await invoicesOfSeller();
          return found.length === PAID_ORDERS && found.every((i) => i.ready) ? found : undefined;
        },
        30_000,
        'invoices issued',
      );
      const year = new Date().getUTCFullYear();
      const numbers = invoices.map((i) => i.number).sort();
      expect(numbers).toEqual(Array.from({ length: PAID_ORDERS }, (_, i) => `INV-${year}-${String(i + 1).padStart(6, '0')}`));
      expect(new Set(invoices.map((i) => i.order_id))).toEqual(new Set(orders.map((o) => o.id)));
      const byOrder = new Map(invoices.map((i) => [i.order_id, i]));
      for (const order of orders)
        expect(byOrder.get(order.id)).toMatchObject({ total_minor: order.total_minor, currency: 'EUR', buyer_user_id: world.customer.userId });
      const mine = await w.c.expectOk(w.c.request('GET', '/invoices', buyer(), { query: { limit: '5' } }));
      expect(mine.meta).toMatchObject({ total: PAID_ORDERS, limit: 5, total_pages: 4 });
    });

    it('the buyer and the seller’s members download the PDF through a short-lived signed link', async () => {
      const [invoice] = await invoicesOfSeller();
      for (const caller of [buyer(), sellerStaff(), { apiKey: world.keys.staff, orgId: world.orgA.id }, { token: world.admin.token }]) {
        const link = await w.c.expectOk(w.c.request('GET', `/invoices/${invoice.id}/download`, caller));
        expect(new Date(link.expires_at).getTime() - Date.now()).toBeLessThanOrEqual(60_000);
        const pdf = await fetch(link.url);
        expect(pdf.status).toBe(200);
        expect(
          Buffer.from(await pdf.arrayBuffer())
            .subarray(0, 5)
            .toString('latin1'),
        ).toBe('%PDF-');
      }
      expect(await w.c.expectOk(w.c.request('GET', `/invoices/${invoice.id}`, buyer()))).toMatchObject({ id: invoice.id, number: invoice.number });
    });

    it('send e-mails the buyer through the mail outbox', async () => {
      const [invoice] = await invoicesOfSeller();
      const sent = await w.c.expectOk(w.c.request('POST', `/invoices/${invoice.id}/send`, sellerStaff()));
      expect(sent.last_sent_at).toEqual(expect.any(String));
      const mail = await waitFor(
        async () => {
          const rows: Array<{ subject: string; body: string }> = await w.db.query(
            `SELECT subject, body FROM outbox_messages WHERE recipient = $1 AND subject LIKE $2`,
            [world.customer.email, `%${invoice.number}%`],
          );
          return rows[0];
        },
        10_000,
        'invoice mail',
      );
      expect(mail.body).toContain(`/api/v1/invoices/${invoice.id}/download`);
    });
  });

  describe('failing', () => {
    it('an invoice is e-mailed at most MAIL_RATE_LIMIT_MAX (3) times per window, whoever asks: then 429 with Retry-After', async () => {
      const [, invoice, other] = await invoicesOfSeller();
      const stranger = await w.c.signUp('invoice-mail-stranger');
      // A stranger's attempts (404) do not use up the allowance.
      for (let i = 0; i < 3; i += 1) expect((await w.c.request('POST', `/invoices/${invoice.id}/send`, { token: stranger.token })).statusCode).toBe(404);
      await w.c.expectOk(w.c.request('POST', `/invoices/${invoice.id}/send`, sellerStaff()));
      await w.c.expectOk(w.c.request('POST', `/invoices/${invoice.id}/send`, buyer()));
      await w.c.expectOk(w.c.request('POST', `/invoices/${invoice.id}/send`, { token: world.admin.token }));
      for (const caller of [sellerStaff(), buyer()]) {
        const limited = await w.c.request('POST', `/invoices/${invoice.id}/send`, caller);
        expect([limited.statusCode, limited.json().code]).toEqual([429, 'COMMERCE.INVOICE_MAIL_RATE_LIMITED']);
        expect(limited.headers['content-type']).toContain('application/problem+json');
        const retryAfter = Number(limited.headers['retry-after']);
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      }
      const [row] = await w.db.query(`SELECT count(*) AS n FROM outbox_messages WHERE recipient = $1 AND subject LIKE $2`, [
        world.customer.email,
        `%${invoice.number}%`,
      ]);
      expect(Number(row.n)).toBe(3);
      // Another invoice has its own allowance.
      await w.c.expectOk(w.c.request('POST', `/invoices/${other.id}/send`, sellerStaff()));
    });

    it('another organization, a stranger and unknown ids get 404; pages are validated', async () => {
      const [invoice] = await invoicesOfSeller();
      const stranger = await w.c.signUp('invoice-stranger');
      const orgB = { token: world.orgB.principal.token, orgId: world.orgB.id };
      for (const caller of [{ token: stranger.token }, orgB, { token: world.orgA.staff.token }]) {
        for (const [method, path] of [
          ['GET', `/invoices/${invoice.id}`],
          ['GET', `/invoices/${invoice.id}/download`],
          ['POST', `/invoices/${invoice.id}/send`],
        ] as const) {
          const res = await w.c.request(method, path, caller);
          expect([res.statusCode, res.json().code]).toEqual([404, 'COMMERCE.INVOICE_NOT_FOUND']);
        }
      }
      expect((await w.c.request('GET', `/invoices/${randomUUID()}/download`, buyer())).statusCode).toBe(404);
      expect((await w.c.request('GET', '/invoices/not-a-uuid', buyer())).statusCode).toBe(400);
      expect((await w.c.request('GET', `/organizations/${world.orgA.id}/invoices`, { token: world.orgB.principal.token })).statusCode).toBe(404);
      expect((await w.c.request('GET', `/organizations/${world.orgA.id}/invoices`, buyer())).statusCode).toBe(404);
      expect(
        (await w.c.request('GET', `/organizations/${world.orgA.id}/invoices`, { token: world.orgA.staff.token }, { query: { limit: '1000' } })).statusCode,
      ).toBe(400);
      expect((await w.c.expectOk(w.c.request('GET', '/invoices', { token: stranger.token }))).meta.total).toBe(0);
      expect((await w.c.request('GET', '/invoices')).statusCode).toBe(401);
    });
  });
});
