import { waitFor } from '../../support/processes';
import { MarketplaceClient, partBody } from '../marketplace/marketplace-test-kit';
import { Actor, StaffedOrganization } from '../organizations/organizations-test-kit';
import { closeCommerce, commerceApp, CommerceWorld, deliverWebhook } from './commerce-test-kit';

/** Checkout against the real marketplace context: its listings, prices and stock through MarketplaceApi, and its reaction to commerce.order.paid. */
describe('checkout with marketplace listings', () => {
  let w: CommerceWorld;
  let m: MarketplaceClient;
  let shop: StaffedOrganization;
  let buyer: Actor;

  beforeAll(async () => {
    w = await commerceApp({}, { realMarketplace: true });
    m = new MarketplaceClient(w.t);
    shop = await m.organizationOfKind('repair_shop', 'mkt-shop');
    buyer = await m.signUp('mkt-buyer');
  }, 120_000);
  afterAll(() => closeCommerce(w));

  async function publishedPart(stock: number, price: number): Promise<string> {
    const part = await m.createListing(m.as(shop.staff), shop.id, partBody({ stock, price_minor: price }));
    await m.expectOk(m.request('POST', `/organizations/${shop.id}/listings/${part.id}/submit`, m.as(shop.staff)));
    return part.id;
  }

  const stockOf = async (id: string): Promise<number> => (await m.expectOk(m.request('GET', `/listings/${id}`))).stock;

  describe('successful', () => {
    it('prices come from the listing, stock is reserved at checkout and released on cancel', async () => {
      const id = await publishedPart(5, 6450);
      const body = await m.expectOk(m.request('POST', '/orders', { token: buyer.token }, { body: { items: [{ listing_id: id, quantity: 2 }] } }), 201);
      expect(body.orders[0]).toMatchObject({ seller_org_id: shop.id, total_minor: 12_900, currency: 'EUR', status: 'awaiting_payment' });
      expect(await stockOf(id)).toBe(3);
      await m.expectOk(m.request('POST', `/orders/${body.orders[0].id}/cancel`, { token: buyer.token }));
      expect(await stockOf(id)).toBe(5);
    });

    it('a paid order makes the buyer a verified buyer in the marketplace (commerce.order.paid)', async () => {
      const id = await publishedPart(2, 1000);
      const body = await m.expectOk(m.request('POST', '/orders', { token: buyer.token }, { body: { items: [{ listing_id: id, quantity: 1 }] } }), 201);
      const intent = body.orders[0].payments[0].provider_ref;
      await deliverWebhook(w, w.stripe.webhook('payment_intent.succeeded', w.stripe.succeed(intent)));
      await waitFor(
        async () => (await w.db.query(`SELECT 1 FROM marketplace_purchases WHERE order_id = $1`, [body.orders[0].id])).length > 0,
        15_000,
        'purchase recorded by the marketplace',
      );
    });
  });

  describe('failing', () => {
    it('more than the stock is refused and nothing stays reserved', async () => {
      const id = await publishedPart(1, 1000);
      const res = await m.request('POST', '/orders', { token: buyer.token }, { body: { items: [{ listing_id: id, quantity: 2 }] } });
      expect([res.statusCode, res.json().code]).toEqual([409, 'COMMERCE.OUT_OF_STOCK']);
      expect(await stockOf(id)).toBe(1);
    });

    it('a draft listing is not for sale', async () => {
      const draft = await m.createListing(m.as(shop.staff), shop.id, partBody());
      const res = await m.request('POST', '/orders', { token: buyer.token }, { body: { items: [{ listing_id: draft.id, quantity: 1 }] } });
      expect([res.statusCode, res.json().code]).toEqual([422, 'COMMERCE.LISTING_UNAVAILABLE']);
    });
  });
});
