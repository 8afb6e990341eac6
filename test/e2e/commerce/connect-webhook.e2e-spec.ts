import { buildWorld, World } from '../organizations/organizations-test-kit';
import { FAKE_WEBHOOK_SECRET } from '../../support/fake-stripe';
import { waitFor } from '../../support/processes';
import { API, closeCommerce, commerceApp, CommerceWorld } from './commerce-test-kit';

const CONNECT_SECRET = 'whsec_fake_connect_revsync';

/**
 * Stripe Connect's webhook: `account.updated` signed with its own secret
 * (STRIPE_CONNECT_WEBHOOK_SECRET) over the raw body, each event id once,
 * processed in a job that reads the account from Stripe: the seller's
 * organization becomes payouts-enabled, or stops being.
 */
describe('stripe connect webhook', () => {
  let w: CommerceWorld;
  let world: World;

  beforeAll(async () => {
    w = await commerceApp({ STRIPE_CONNECT_WEBHOOK_SECRET: CONNECT_SECRET });
    world = await buildWorld(w.c);
  }, 120_000);
  afterAll(() => closeCommerce(w));

  function deliver(delivery: { body: string; signature: string }) {
    return w.t.app.inject({
      method: 'POST',
      url: `${API}/webhooks/stripe/connect`,
      headers: { 'content-type': 'application/json', 'stripe-signature': delivery.signature },
      payload: delivery.body,
    });
  }

  async function payoutsEnabled(orgId: string): Promise<boolean> {
    const [row] = await w.db.query(`SELECT payouts_enabled FROM commerce_seller_settings WHERE org_id = $1`, [orgId]);
    return row.payouts_enabled as boolean;
  }

  it('account.updated makes the seller payouts-enabled, and not, from Stripe’s current state; each event once', async () => {
    const principal = { token: world.orgA.principal.token };
    const account = await w.c.expectOk(w.c.request('POST', `/organizations/${world.orgA.id}/connect-account`, principal), 201);
    const accountId = account.account_id as string;
    expect(await payoutsEnabled(world.orgA.id)).toBe(false);
    w.stripe.enablePayouts(accountId);
    const enabled = w.stripe.webhook('account.updated', w.stripe.accounts.get(accountId), undefined, CONNECT_SECRET);
    const res = await deliver(enabled);
    expect([res.statusCode, res.json()]).toEqual([200, { received: true, duplicate: false }]);
    await waitFor(async () => (await payoutsEnabled(world.orgA.id)) || undefined, 10_000, 'payouts enabled');
    expect((await deliver(enabled)).json()).toEqual({ received: true, duplicate: true });

    // Stripe disables payouts (a requirement is due): a stale copy in a late event changes nothing, Stripe's state wins.
    const stale = w.stripe.webhook('account.updated', { ...w.stripe.accounts.get(accountId) }, undefined, CONNECT_SECRET);
    (w.stripe.accounts.get(accountId) as { payouts_enabled: boolean }).payouts_enabled = false;
    await deliver(w.stripe.webhook('account.updated', w.stripe.accounts.get(accountId), undefined, CONNECT_SECRET));
    await waitFor(async () => !(await payoutsEnabled(world.orgA.id)) || undefined, 10_000, 'payouts disabled');
    await deliver(stale);
    await waitFor(
      async () => {
        const [row] = await w.db.query(`SELECT processed_at FROM commerce_webhook_events WHERE provider = 'stripe_connect' AND event_id = $1`, [stale.eventId]);
        return row?.processed_at ? true : undefined;
      },
      10_000,
      'stale event processed',
    );
    expect(await payoutsEnabled(world.orgA.id)).toBe(false);
  });

  it('a bad or missing signature, or one made with the platform webhook’s secret, is a 400 problem and records nothing', async () => {
    const object = { id: 'acct_unknown', object: 'account', payouts_enabled: true };
    for (const delivery of [
      w.stripe.webhook('account.updated', object, undefined, 'whsec_wrong'),
      w.stripe.webhook('account.updated', object, undefined, FAKE_WEBHOOK_SECRET),
      { ...w.stripe.webhook('account.updated', object, undefined, CONNECT_SECRET), signature: '' },
    ]) {
      const res = await deliver(delivery);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('COMMERCE.WEBHOOK_SIGNATURE_INVALID');
      const rows = await w.db.query(`SELECT 1 FROM commerce_webhook_events WHERE provider = 'stripe_connect' AND event_id = $1`, [delivery.eventId]);
      expect(rows).toHaveLength(0);
    }
    // The platform endpoint does not take Connect's secret either.
    const crossed = await w.t.app.inject({
      method: 'POST',
      url: `${API}/webhooks/stripe`,
      headers: { 'content-type': 'application/json', 'stripe-signature': w.stripe.webhook('account.updated', object, undefined, CONNECT_SECRET).signature },
      payload: w.stripe.webhook('account.updated', object, undefined, CONNECT_SECRET).body,
    });
    expect(crossed.statusCode).toBe(400);
  });
});
