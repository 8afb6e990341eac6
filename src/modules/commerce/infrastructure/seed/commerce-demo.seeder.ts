import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DemoSeed, type DemoSeeder } from '../../../../platform/demo/demo-seed';
import { type RequestContext, systemContext } from '../../../../platform/kernel';
import { IdentityApi } from '../../../identity';
import { DEMO_CUSTOMERS, DEMO_ORGANIZATIONS, ORG_MANAGER, ORG_PRINCIPAL, ORG_STAFF, OrganizationsApi } from '../../../organizations';
import { COMMERCE_UNIT_OF_WORK, type CommerceUnitOfWork, PURCHASABLES, type Purchasables, type TopUp } from '../../application/ports';
import { OrderQueries } from '../../application/queries/order.queries';
import { type SellerStep, AdvanceOrderUseCase } from '../../application/use-cases/change-order-status.use-case';
import { PlaceOrderUseCase } from '../../application/use-cases/place-order.use-case';
import { ApproveRefundUseCase, CompleteRefundUseCase, RequestRefundUseCase } from '../../application/use-cases/refunds.use-cases';
import { settleTopUp } from '../../application/use-cases/wallet.use-cases';
import type { OrderStatus } from '../../domain';

/** A stable id for a commerce demo object (RFC 9562 v5 layout over SHA-1), so a second run finds what the first made. */
export function commerceDemoId(name: string): string {
  return v5(`revsync-commerce-demo:${name}`);
}

/**
 * The marketplace demo listings' ids: the marketplace seeder derives them the same way from their keys
 * (`revsync-marketplace-demo:<key>`). Only published ones are bought; a missing one is skipped.
 */
export function marketplaceDemoListingId(key: string): string {
  return v5(`revsync-marketplace-demo:${key}`);
}

function v5(name: string): string {
  const hash = createHash('sha1').update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The marker on demo top-ups: no provider was involved (the dev server has no Stripe key). */
export const DEMO_TOP_UP_REF_PREFIX = 'demo_top_up_';

export interface DemoTopUp {
  key: string;
  customer: number;
  amountMinor: number;
  currency: string;
}

export interface DemoOrder {
  key: string;
  /** Index into DEMO_CUSTOMERS. */
  customer: number;
  items: Array<{ listing: string; quantity: number }>;
  /** Where the seller takes it after payment (tunes are delivered when paid). */
  target: 'paid' | 'confirmed' | 'shipped' | 'delivered' | 'refunded';
}

/** Each demo customer's wallet gets a top-up; their orders are paid from it. */
export const DEMO_TOP_UPS: DemoTopUp[] = [
  { key: 'riley-usd', customer: 0, amountMinor: 60_000, currency: 'USD' },
  { key: 'jamie-usd', customer: 1, amountMinor: 50_000, currency: 'USD' },
  { key: 'jamie-eur', customer: 1, amountMinor: 20_000, currency: 'EUR' },
  { key: 'alex-usd', customer: 2, amountMinor: 10_000, currency: 'USD' },
];

/** Orders in several states: delivered tunes, a part shipped, parts confirmed and paid, one tune refunded. */
export const DEMO_ORDERS: DemoOrder[] = [
  { key: 'riley-mt09-tune', customer: 0, items: [{ listing: 'apex-mt09-stage1', quantity: 1 }], target: 'delivered' },
  { key: 'riley-brake-pads', customer: 0, items: [{ listing: 'pitlane-brake-pads', quantity: 1 }], target: 'delivered' },
  { key: 'riley-oil-filters', customer: 0, items: [{ listing: 'velocity-oil-filter', quantity: 2 }], target: 'paid' },
  { key: 'jamie-panigale-tune', customer: 1, items: [{ listing: 'apex-panigale-stage2', quantity: 1 }], target: 'refunded' },
  { key: 'jamie-oil-filter', customer: 1, items: [{ listing: 'velocity-oil-filter', quantity: 1 }], target: 'shipped' },
  { key: 'jamie-s1000rr-tune', customer: 1, items: [{ listing: 'redline-s1000rr-published', quantity: 1 }], target: 'delivered' },
  { key: 'alex-brake-pads', customer: 2, items: [{ listing: 'pitlane-brake-pads', quantity: 1 }], target: 'confirmed' },
];

const STEPS: Array<{ step: SellerStep; from: OrderStatus }> = [
  { step: 'confirm', from: 'paid' },
  { step: 'ship', from: 'confirmed' },
  { step: 'deliver', from: 'shipped' },
];
const RANK: Partial<Record<OrderStatus, number>> = { paid: 0, confirmed: 1, shipped: 2, delivered: 3 };

export interface CommerceDemoOutcome {
  topUps: number;
  orders: number;
  advanced: number;
  refunds: number;
}

/**
 * Commerce's demo data (after the marketplace's, order 10; before messaging,
 * 40): each demo customer's wallet gets a top-up, and they buy some of the
 * published demo listings, paid from the wallet, in several states (paid,
 * confirmed, shipped, delivered, one refunded). The sellers' payable accounts
 * and the platform's revenue therefore show the 80/20 split.
 *
 * Orders, seller steps and the refund go through commerce's own use cases
 * (checkout with `wallet`, the seller's confirm/ship/deliver, request, approve
 * and complete a refund). Top-ups cannot go through Stripe (the dev server has
 * no key): a demo top-up is stored with provider ref `demo_top_up_<key>` and
 * credited by the same settlement as a succeeded Stripe top-up.
 *
 * Idempotent: top-ups, checkouts and the refund have stable ids, and the
 * use cases find what exists (a checkout's orders by their checkout id, a
 * settled payment, a completed refund) instead of doing it again.
 */
@Injectable()
@DemoSeed({ order: 20 })
export class CommerceDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger('CommerceDemo');

  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(PURCHASABLES) private readonly purchasables: Purchasables,
    private readonly identity: IdentityApi,
    private readonly organizations: OrganizationsApi,
    private readonly placeOrder: PlaceOrderUseCase,
    private readonly advance: AdvanceOrderUseCase,
    private readonly requestRefund: RequestRefundUseCase,
    private readonly approveRefund: ApproveRefundUseCase,
    private readonly completeRefund: CompleteRefundUseCase,
    private readonly queries: OrderQueries,
  ) {}

  async seed(): Promise<CommerceDemoOutcome> {
    const base = systemContext('commerce-demo-seed');
    const outcome: CommerceDemoOutcome = { topUps: 0, orders: 0, advanced: 0, refunds: 0 };
    const customers: Array<string | undefined> = [];
    for (const customer of DEMO_CUSTOMERS) customers.push((await this.identity.findAccountByEmail(base, customer.email))?.id);

    for (const topUp of DEMO_TOP_UPS) {
      const userId = customers[topUp.customer];
      if (userId && (await this.topUp(userId, topUp))) outcome.topUps += 1;
    }

    for (const demo of DEMO_ORDERS) {
      const buyerUserId = customers[demo.customer];
      if (!buyerUserId) continue;
      const checkoutId = commerceDemoId(`checkout:${demo.key}`);
      let stored = (await this.uow.repos.orders.findByCheckout(checkoutId))[0];
      if (!stored) {
        const listingIds = demo.items.map((item) => marketplaceDemoListingId(item.listing));
        const found = await this.purchasables.forSale(base, listingIds);
        if (found.length !== listingIds.length || found.some((l) => l.status !== 'published')) continue;
        const buyer: RequestContext = { ...base, userId: buyerUserId, roles: [] };
        await this.placeOrder.execute(buyer, {
          items: demo.items.map((item) => ({ listingId: marketplaceDemoListingId(item.listing), quantity: item.quantity })),
          paymentMethod: 'wallet',
          recoveryId: checkoutId,
        });
        outcome.orders += 1;
        stored = (await this.uow.repos.orders.findByCheckout(checkoutId))[0];
        if (!stored) continue;
      }
      const order = stored.order.snapshot();
      const seller = await this.sellerContext(base, order.sellerOrgId);
      outcome.advanced += await this.moveOn(seller, order.id, demo.target);
      if (demo.target === 'refunded') {
        const buyer: RequestContext = { ...base, userId: buyerUserId, roles: [] };
        outcome.refunds += await this.refund(buyer, seller, order.id, demo.key);
      }
    }
    if (outcome.topUps || outcome.orders || outcome.advanced || outcome.refunds) this.logger.log({ msg: 'commerce demo data seeded', ...outcome });
    return outcome;
  }

  /** A demo top-up, credited to the wallet by the top-up settlement; false when it exists. */
  private async topUp(userId: string, demo: DemoTopUp): Promise<boolean> {
    const id = commerceDemoId(`top-up:${demo.key}`);
    return this.uow.run(async (repos) => {
      if (await repos.topUps.lock(id)) return false;
      const now = new Date();
      const topUp: TopUp = {
        id,
        userId,
        amountMinor: demo.amountMinor,
        currency: demo.currency,
        status: 'requires_payment',
        providerRef: `${DEMO_TOP_UP_REF_PREFIX}${demo.key}`,
        clientSecret: null,
        providerKey: `demo-top-up-${demo.key}`,
        createdAt: now,
        updatedAt: now,
      };
      await repos.topUps.insert(topUp);
      await settleTopUp(repos, topUp, 'succeeded', now);
      return true;
    });
  }

  /** The seller's steps from the order's status to the target (none when it is there already, or refunded). */
  private async moveOn(seller: RequestContext, orderId: string, target: DemoOrder['target']): Promise<number> {
    const goal = RANK[target === 'refunded' ? 'paid' : target] ?? 0;
    let moved = 0;
    for (const { step, from } of STEPS) {
      const { status } = await this.queries.view(orderId);
      if (status !== from || (RANK[from] ?? 0) >= goal) continue;
      await this.advance.execute(seller, { orderId, step });
      moved += 1;
    }
    return moved;
  }

  /** A full refund asked by the buyer, approved and completed by the seller (back to the wallet); 0 when done already. */
  private async refund(buyer: RequestContext, seller: RequestContext, orderId: string, key: string): Promise<number> {
    const refundId = commerceDemoId(`refund:${key}`);
    const existing = await this.uow.repos.refunds.findById(refundId);
    if (existing?.status === 'completed') return 0;
    const { status } = await this.queries.view(orderId);
    if (!existing && status === 'refunded') return 0;
    await this.requestRefund.execute(buyer, { orderId, reason: 'Bought the wrong map for my exhaust (demo refund).', recoveryId: refundId });
    await this.approveRefund.execute(seller, { refundId });
    await this.completeRefund.execute(seller, { refundId });
    return 1;
  }

  /** Acting as the seller organization's principal (the first member of the demo organization). */
  private async sellerContext(base: RequestContext, orgId: string): Promise<RequestContext> {
    let userId: string | undefined;
    for (const demo of DEMO_ORGANIZATIONS) {
      const org = await this.organizations.organizationBySlug(base, demo.slug);
      if (org?.id !== orgId) continue;
      userId = (await this.identity.findAccountByEmail(base, demo.members[0].email))?.id;
      break;
    }
    return { ...base, userId, orgId, roles: [ORG_PRINCIPAL, ORG_MANAGER, ORG_STAFF] };
  }
}
