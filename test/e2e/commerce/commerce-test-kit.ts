import { randomUUID } from 'node:crypto';
import type { Response as InjectResponse } from 'light-my-request';
import { DataSource } from 'typeorm';
import { CommerceErrors } from '../../../src/modules/commerce/domain';
import { PURCHASABLES, Purchasable, Purchasables } from '../../../src/modules/commerce/application/ports';
import { FAKE_STRIPE_KEY, FAKE_WEBHOOK_SECRET, FakeStripe } from '../../support/fake-stripe';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';
import { API, Body, Caller, OrganizationsClient } from '../organizations/organizations-test-kit';

export { API };
export type { Body, Caller };

/**
 * What is for sale in most of these tests: an in-memory catalog behind the
 * Purchasables port, with the marketplace facade's rules (idempotent
 * reservations by id, OUT_OF_STOCK when short). Listings of any kind, price
 * and stock in one line, without the marketplace's moderation (a published
 * tune needs the AI safety gate's verdict). marketplace-checkout.e2e-spec.ts
 * runs the same flows against the real marketplace context.
 */
export class TestCatalog implements Purchasables {
  readonly listings = new Map<string, Purchasable>();
  readonly reservations = new Map<string, Array<{ listingId: string; quantity: number }>>();
  readonly released = new Set<string>();

  add(orgId: string, kind: Purchasable['kind'], priceMinor: number, stock: number | null = kind === 'tune' ? null : 10, currency = 'EUR'): Purchasable {
    const listing: Purchasable = {
      id: randomUUID(),
      orgId,
      kind,
      title: `${kind} ${this.listings.size + 1}`,
      priceMinor,
      currency,
      status: 'published',
      stock,
    };
    this.listings.set(listing.id, listing);
    return listing;
  }

  async forSale(_ctx: unknown, ids: string[]): Promise<Purchasable[]> {
    return ids.flatMap((id) => (this.listings.has(id) ? [{ ...(this.listings.get(id) as Purchasable) }] : []));
  }

  async reserve(_ctx: unknown, reservationId: string, items: Array<{ listingId: string; quantity: number }>): Promise<void> {
    if (this.reservations.has(reservationId)) return;
    for (const item of items) {
      const listing = this.listings.get(item.listingId);
      if (!listing || (listing.stock !== null && listing.stock < item.quantity)) throw CommerceErrors.outOfStock();
    }
    for (const item of items) {
      const listing = this.listings.get(item.listingId) as Purchasable;
      if (listing.stock !== null) listing.stock -= item.quantity;
    }
    this.reservations.set(reservationId, items);
  }

  async release(_ctx: unknown, reservationId: string): Promise<void> {
    const items = this.reservations.get(reservationId);
    if (!items || this.released.has(reservationId)) return;
    this.released.add(reservationId);
    for (const item of items) {
      const listing = this.listings.get(item.listingId) as Purchasable;
      if (listing.stock !== null) listing.stock += item.quantity;
    }
  }
}

export interface CommerceWorld {
  t: TestApp;
  c: OrganizationsClient;
  stripe: FakeStripe;
  catalog: TestCatalog;
  db: DataSource;
}

export async function commerceApp(overrides: Record<string, string> = {}, options: { realMarketplace?: boolean } = {}): Promise<CommerceWorld> {
  const stripe = await new FakeStripe().start();
  const t = await createTestApp({
    processJobs: true,
    config: testConfig({
      AUTH_RATE_LIMIT_MAX: '100000',
      RATE_LIMIT_MAX: '100000',
      STRIPE_SECRET_KEY: FAKE_STRIPE_KEY,
      STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET,
      STRIPE_API_URL: stripe.url,
      STRIPE_TIMEOUT_MS: '2000',
      STRIPE_MAX_NETWORK_RETRIES: '1',
      EVENTS_RELAY_INTERVAL_MS: '100',
      ...overrides,
    }),
  });
  const catalog = new TestCatalog();
  if (!options.realMarketplace) {
    const port = t.app.get<Purchasables>(PURCHASABLES, { strict: false });
    Object.assign(port, { forSale: catalog.forSale.bind(catalog), reserve: catalog.reserve.bind(catalog), release: catalog.release.bind(catalog) });
  }
  return { t, c: new OrganizationsClient(t), stripe, catalog, db: t.app.get(DataSource) };
}

export async function closeCommerce(w: CommerceWorld | undefined): Promise<void> {
  await w?.t.close();
  await w?.stripe.close();
}

export function deliverWebhook(w: CommerceWorld, delivery: { body: string; signature: string }): Promise<InjectResponse> {
  return w.t.app.inject({
    method: 'POST',
    url: `${API}/webhooks/stripe`,
    headers: { 'content-type': 'application/json', 'stripe-signature': delivery.signature },
    payload: delivery.body,
  });
}

export async function balance(db: DataSource, kind: string, ownerId: string, currency = 'EUR'): Promise<number> {
  const rows: Array<{ balance_minor: string }> = await db.query(
    `SELECT balance_minor FROM ledger_accounts WHERE kind = $1 AND owner_id = $2 AND currency = $3`,
    [kind, ownerId, currency],
  );
  return rows[0] ? Number(rows[0].balance_minor) : 0;
}

/** The postings of one ledger entry (kind + reference, e.g. the sale of an order), as amounts by account kind and owner. */
export async function entryPostings(db: DataSource, kind: string, reference: string): Promise<Record<string, number>> {
  const rows: Array<{ account: string; amount_minor: string }> = await db.query(
    `SELECT a.kind || ':' || a.owner_id AS account, sum(p.amount_minor) AS amount_minor
       FROM ledger_entries e JOIN ledger_postings p ON p.entry_id = e.id JOIN ledger_accounts a ON a.id = p.account_id
      WHERE e.kind = $1 AND e.reference = $2 GROUP BY 1`,
    [kind, reference],
  );
  return Object.fromEntries(rows.map((row) => [row.account, Number(row.amount_minor)]));
}

export async function eventsOf(db: DataSource, type: string, orderId: string): Promise<Array<Record<string, unknown>>> {
  const rows: Array<{ payload: Record<string, unknown> }> = await db.query(
    `SELECT payload FROM integration_events WHERE type = $1 AND payload->>'orderId' = $2 ORDER BY occurred_at`,
    [type, orderId],
  );
  return rows.map((row) => row.payload);
}
