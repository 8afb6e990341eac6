import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../../platform/kernel';
import { CommerceErrors, DEFAULT_PLATFORM_COMMISSION_BPS, Order, REFUSAL_MESSAGES } from '../../domain';
import { redeemDiscount } from '../services/discount-redemption';
import { requireUserId } from '../access';
import { publishStatusChanges } from '../events';
import { COMMERCE_SETTINGS, COMMERCE_UNIT_OF_WORK, CommerceSettings, CommerceUnitOfWork, Purchasable, PURCHASABLES, Purchasables } from '../ports';
import { OrderQueries } from '../queries/order.queries';
import { OrderCancellation } from '../services/order-cancellation';
import { CheckoutMethod, PaymentFlow } from '../services/payment-flow';
import type { CheckoutView } from '../views';

export const MAX_CART_LINES = 50;
export const MAX_QUANTITY = 1000;

export interface PlaceOrderInput {
  items: Array<{ listingId: string; quantity: number }>;
  paymentMethod: CheckoutMethod;
  /** A seller's discount code (any case), applied server-side to that seller's order. */
  discountCode?: string;
  /** Stable across retries of one request (see IdempotentRequests): the checkout id. */
  recoveryId: string;
}

/**
 * A buyer checks out a cart. Prices, currencies and sellers come from the
 * marketplace, never from the client. The cart becomes one order per seller;
 * each order reserves its stock (reservation id = order id) and starts its
 * payment. A retry with the same recovery id finds the orders it created and
 * resumes their payments instead of creating new ones.
 */
@Injectable()
export class PlaceOrderUseCase {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(PURCHASABLES) private readonly purchasables: Purchasables,
    @Inject(COMMERCE_SETTINGS) private readonly settings: CommerceSettings,
    private readonly payments: PaymentFlow,
    private readonly cancellation: OrderCancellation,
    private readonly queries: OrderQueries,
  ) {}

  async execute(ctx: RequestContext, input: PlaceOrderInput): Promise<CheckoutView> {
    const buyerUserId = requireUserId(ctx);
    const checkoutId = input.recoveryId;
    let orders = (await this.uow.repos.orders.findByCheckout(checkoutId)).map((stored) => stored.order);
    if (orders.length === 0) orders = await this.createOrders(ctx, buyerUserId, checkoutId, input.items, input.discountCode);
    try {
      for (const order of orders) await this.payments.begin(ctx, order.id, input.paymentMethod, checkoutId);
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === CommerceErrors.insufficientFunds().code) {
        for (const order of orders) await this.cancellation.cancel(ctx, order.id).catch(() => undefined);
      }
      throw error;
    }
    return { checkoutId, orders: await Promise.all(orders.map((order) => this.queries.view(order.id))) };
  }

  private async createOrders(
    ctx: RequestContext,
    buyerUserId: string,
    checkoutId: string,
    items: PlaceOrderInput['items'],
    discountCode: string | undefined,
  ): Promise<Order[]> {
    const quantities = mergeItems(items);
    const listings = new Map((await this.purchasables.forSale(ctx, [...quantities.keys()])).map((listing) => [listing.id, listing]));
    const bySeller = new Map<string, Purchasable[]>();
    for (const [listingId, quantity] of quantities) {
      const listing = listings.get(listingId);
      if (!listing || listing.status !== 'published') throw CommerceErrors.listingUnavailable(listingId);
      if (listing.stock !== null && listing.stock < quantity) throw CommerceErrors.outOfStock();
      if (listing.kind === 'tune' && quantity !== 1) throw CommerceErrors.validation({ quantity: ['a tune is bought once (quantity 1)'] });
      bySeller.set(listing.orgId, [...(bySeller.get(listing.orgId) ?? []), listing]);
    }
    const sellers = await this.uow.repos.sellers.findMany([...bySeller.keys()]);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.settings.orderTtlMinutes * 60_000);
    // Sellers in a fixed order, so concurrent checkouts lock their discount rows in the same order.
    const groups = [...bySeller.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const created = await this.uow.run(async (repos, events) => {
      let codeFound = false;
      const result: Array<{ order: Order; commissionBps: number }> = [];
      for (const [sellerOrgId, sellerListings] of groups) {
        const currencies = new Set(sellerListings.map((listing) => listing.currency));
        if (currencies.size > 1) throw CommerceErrors.currencyMismatch(sellerListings[0].currency, [...currencies][1]);
        const currency = sellerListings[0].currency;
        const lines = sellerListings.map((listing) => ({
          listingId: listing.id,
          kind: listing.kind,
          title: listing.title,
          unitPriceMinor: listing.priceMinor,
          quantity: quantities.get(listing.id) as number,
        }));
        const redemption = discountCode
          ? await redeemDiscount(repos, {
              code: discountCode,
              sellerOrgId,
              buyerUserId,
              currency,
              lines: lines.map((line) => ({ listingId: line.listingId, kind: line.kind, subtotalMinor: line.unitPriceMinor * line.quantity })),
              now,
            })
          : undefined;
        if (redemption) codeFound = true;
        const order = Order.create({
          id: randomUUID(),
          sellerOrgId,
          buyerUserId,
          currency,
          lines,
          discountMinor: redemption?.discountMinor ?? 0,
          discountCode: redemption ? redemption.discount.code : null,
          discountEligible: redemption?.eligible,
          checkoutId,
          now,
          expiresAt,
        });
        const commissionBps = sellers.get(sellerOrgId)?.commissionBps ?? this.settings.defaultCommissionBps ?? DEFAULT_PLATFORM_COMMISSION_BPS;
        await repos.orders.insert(order, commissionBps);
        if (redemption) {
          await repos.discounts.redeem({
            orderId: order.id,
            orgId: sellerOrgId,
            discountId: redemption.discount.id,
            buyerUserId,
            amountMinor: order.snapshot().discountMinor,
            now,
          });
        }
        publishStatusChanges(ctx, events, order);
        result.push({ order, commissionBps });
      }
      if (discountCode && !codeFound) throw CommerceErrors.discountNotApplicable('not_found', REFUSAL_MESSAGES.not_found);
      return result;
    });
    const orders = created.map(({ order }) => order);
    try {
      for (const order of orders) {
        const lines = order.snapshot().lines.filter((line) => line.kind !== 'tune');
        if (lines.length === 0) continue;
        await this.purchasables.reserve(
          ctx,
          order.id,
          lines.map((line) => ({ listingId: line.listingId, quantity: line.quantity })),
        );
      }
    } catch (error) {
      for (const order of orders) await this.cancellation.cancel(ctx, order.id).catch(() => undefined);
      throw error;
    }
    return orders;
  }
}

export function mergeItems(items: PlaceOrderInput['items']): Map<string, number> {
  if (items.length === 0) throw CommerceErrors.validation({ items: ['the cart is empty'] });
  const quantities = new Map<string, number>();
  for (const item of items) quantities.set(item.listingId, (quantities.get(item.listingId) ?? 0) + item.quantity);
  if (quantities.size > MAX_CART_LINES) throw CommerceErrors.validation({ items: [`at most ${MAX_CART_LINES} different listings`] });
  for (const quantity of quantities.values()) {
    if (quantity > MAX_QUANTITY) throw CommerceErrors.validation({ quantity: [`at most ${MAX_QUANTITY} of one listing`] });
  }
  return quantities;
}
