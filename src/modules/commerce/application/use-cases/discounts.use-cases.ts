import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, type Page, type PageRequest, type RequestContext } from '../../../../platform/kernel';
import { codeKey, CommerceErrors, Discount, DiscountableLine, DiscountProps, DiscountRefusal, DiscountSettings, REFUSAL_MESSAGES } from '../../domain';
import { actsForSeller, isBuyer, requireUserId } from '../access';
import { publishStatusChanges } from '../events';
import { COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork, PURCHASABLES, Purchasables } from '../ports';
import { OrderQueries } from '../queries/order.queries';
import { CardAttempts } from '../services/card-attempts';
import { redeemDiscount } from '../services/discount-redemption';
import { PaymentFlow } from '../services/payment-flow';
import type { OrderView } from '../views';
import { mergeItems } from './place-order.use-case';

/** The seller's members (the route admits managers and above) manage the codes of the organization in the path. */
function requireSeller(ctx: RequestContext, orgId: string): void {
  if (!actsForSeller(ctx, orgId)) throw CommerceErrors.discountNotFound();
}

@Injectable()
export class CreateDiscountUseCase {
  constructor(@Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork) {}

  async execute(ctx: RequestContext, input: { orgId: string } & DiscountSettings): Promise<DiscountProps> {
    requireSeller(ctx, input.orgId);
    const discount = Discount.create({ ...input, id: randomUUID(), now: new Date() });
    await this.uow.repos.discounts.insert(discount);
    return discount.snapshot();
  }
}

@Injectable()
export class UpdateDiscountUseCase {
  constructor(@Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork) {}

  async execute(ctx: RequestContext, input: { orgId: string; id: string; changes: Partial<DiscountSettings> }): Promise<DiscountProps> {
    requireSeller(ctx, input.orgId);
    return this.uow.run(async (repos) => {
      const discount = await repos.discounts.lock(input.orgId, input.id);
      if (!discount) throw CommerceErrors.discountNotFound();
      discount.update(input.changes, new Date());
      await repos.discounts.save(discount);
      return discount.snapshot();
    });
  }
}

@Injectable()
export class DeactivateDiscountUseCase {
  constructor(@Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork) {}

  async execute(ctx: RequestContext, input: { orgId: string; id: string }): Promise<DiscountProps> {
    requireSeller(ctx, input.orgId);
    return this.uow.run(async (repos) => {
      const discount = await repos.discounts.lock(input.orgId, input.id);
      if (!discount) throw CommerceErrors.discountNotFound();
      discount.deactivate(new Date());
      await repos.discounts.save(discount);
      return discount.snapshot();
    });
  }
}

@Injectable()
export class DiscountQueries {
  constructor(@Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork) {}

  async list(ctx: RequestContext, orgId: string, filter: { active?: boolean }, page: PageRequest): Promise<Page<DiscountProps>> {
    requireSeller(ctx, orgId);
    const discounts = await this.uow.repos.discounts.list(orgId, filter, page);
    return { ...discounts, data: discounts.data.map((d) => d.snapshot()) };
  }

  async get(ctx: RequestContext, orgId: string, id: string): Promise<DiscountProps> {
    requireSeller(ctx, orgId);
    const discount = await this.uow.repos.discounts.find(orgId, id);
    if (!discount) throw CommerceErrors.discountNotFound();
    return discount.snapshot();
  }
}

/** What a code does to one seller's part of a cart. */
export interface DiscountQuote {
  sellerOrgId: string;
  currency: string;
  subtotalMinor: number;
  discountMinor: number;
  totalMinor: number;
  applies: boolean;
  reason: DiscountRefusal | null;
}

export interface DiscountValidation {
  code: string;
  valid: boolean;
  /** Why not, when no seller's order gets anything off. */
  reason: DiscountRefusal | null;
  message: string | null;
  discountMinor: number;
  quotes: DiscountQuote[];
}

/**
 * Prices a cart exactly as checkout would (listings from the marketplace,
 * one order per seller) and tells what a code would take off each seller's
 * order, or why it would not. Reserves nothing.
 */
@Injectable()
export class ValidateDiscountUseCase {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(PURCHASABLES) private readonly purchasables: Purchasables,
  ) {}

  async execute(ctx: RequestContext, input: { code: string; items: Array<{ listingId: string; quantity: number }> }): Promise<DiscountValidation> {
    const buyer = requireUserId(ctx);
    const quantities = mergeItems(input.items);
    const listings = await this.purchasables.forSale(ctx, [...quantities.keys()]);
    const bySeller = new Map<string, { currency: string; lines: DiscountableLine[] }>();
    for (const [listingId, quantity] of quantities) {
      const listing = listings.find((l) => l.id === listingId);
      if (!listing || listing.status !== 'published') throw CommerceErrors.listingUnavailable(listingId);
      const group = bySeller.get(listing.orgId) ?? { currency: listing.currency, lines: [] };
      if (group.currency !== listing.currency) throw CommerceErrors.currencyMismatch(group.currency, listing.currency);
      group.lines.push({ listingId, kind: listing.kind, subtotalMinor: listing.priceMinor * quantity });
      bySeller.set(listing.orgId, group);
    }
    const key = codeKey(input.code);
    const discounts = new Map((await this.uow.repos.discounts.findByCode([...bySeller.keys()], key)).map((d) => [d.orgId, d]));
    const now = new Date();
    const quotes: DiscountQuote[] = [];
    for (const [sellerOrgId, group] of bySeller) {
      const subtotalMinor = group.lines.reduce((sum, line) => sum + line.subtotalMinor, 0);
      const discount = discounts.get(sellerOrgId);
      const outcome = discount
        ? discount.evaluate({
            currency: group.currency,
            lines: group.lines,
            customerUses: await this.uow.repos.discounts.customerUses(discount.id, buyer),
            now,
          })
        : ({ applies: false, reason: 'not_found' } as const);
      const discountMinor = outcome.applies ? outcome.discountMinor : 0;
      quotes.push({
        sellerOrgId,
        currency: group.currency,
        subtotalMinor,
        discountMinor,
        totalMinor: subtotalMinor - discountMinor,
        applies: outcome.applies,
        reason: outcome.applies ? null : outcome.reason,
      });
    }
    const valid = quotes.some((q) => q.applies);
    // The most telling reason: one from a seller that has the code, else not_found.
    const reason = valid ? null : (quotes.find((q) => q.reason !== 'not_found')?.reason ?? 'not_found');
    return {
      code: input.code,
      valid,
      reason,
      message: reason && REFUSAL_MESSAGES[reason],
      discountMinor: quotes.reduce((sum, q) => sum + q.discountMinor, 0),
      quotes,
    };
  }
}

/**
 * The buyer applies a code to their own order that still awaits payment
 * (seed 002's apply). The order is re-priced from its own lines (the prices
 * the server fixed at checkout); the code is checked against the locked
 * discount row and a use is reserved, exactly as at checkout, so limits hold
 * under concurrency; the use is given back if the order is cancelled or
 * expires. One code per order: a second is COMMERCE.DISCOUNT_ALREADY_APPLIED.
 *
 * The amount to pay changes, so the open payment attempt is replaced: the card
 * PaymentIntent is cancelled at Stripe first (if the buyer paid meanwhile,
 * that payment settles the order and the code is refused with 409), every
 * open attempt (a Razorpay order too) is cancelled with the re-pricing, and a
 * new card attempt for the new total is started, its Stripe key derived from
 * the request's recovery id (an order that now costs nothing is paid at once).
 */
@Injectable()
export class ApplyDiscountUseCase {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    private readonly cardAttempts: CardAttempts,
    private readonly payments: PaymentFlow,
    private readonly queries: OrderQueries,
  ) {}

  async execute(ctx: RequestContext, input: { orderId: string; code: string; recoveryId: string }): Promise<OrderView> {
    const buyerUserId = requireUserId(ctx);
    const before = await this.uow.repos.orders.findById(input.orderId);
    if (!before || !isBuyer(ctx, before.order)) throw CommerceErrors.orderNotFound();
    const snapshot = before.order.snapshot();
    if (snapshot.discountCode !== null) throw CommerceErrors.discountAlreadyApplied();
    if (!before.order.isOpen) throw CommerceErrors.invalidTransition(before.order.status, 'paid');
    // Refused before anything is touched when the code would not apply now (checked again under the lock below).
    // A booking's price is the shop's to set: discount codes apply to marketplace lines only.
    const lines: DiscountableLine[] = [];
    for (const line of snapshot.lines) {
      if (line.kind === 'booking') throw CommerceErrors.discountNotApplicable('no_eligible_items', 'Discount codes do not apply to booking payments.');
      lines.push({ listingId: line.listingId, kind: line.kind, subtotalMinor: line.subtotalMinor });
    }
    const [candidate] = await this.uow.repos.discounts.findByCode([snapshot.sellerOrgId], codeKey(input.code));
    if (!candidate) throw CommerceErrors.discountNotApplicable('not_found', REFUSAL_MESSAGES.not_found);
    const preview = candidate.evaluate({
      currency: snapshot.currency,
      lines,
      customerUses: await this.uow.repos.discounts.customerUses(candidate.id, buyerUserId),
      now: new Date(),
    });
    if (!preview.applies) throw CommerceErrors.discountNotApplicable(preview.reason, REFUSAL_MESSAGES[preview.reason]);
    await this.cardAttempts.stop(ctx, input.orderId).catch((error: unknown) => {
      if (error instanceof DomainError) throw error;
      throw CommerceErrors.paymentProviderUnavailable();
    });
    try {
      await this.uow.run(async (repos, events) => {
        const stored = await repos.orders.lock(input.orderId);
        if (!stored) throw CommerceErrors.orderNotFound();
        const { order } = stored;
        if (order.snapshot().discountCode !== null) throw CommerceErrors.discountAlreadyApplied();
        if (!order.isOpen) throw CommerceErrors.invalidTransition(order.status, 'paid');
        const now = new Date();
        const redemption = await redeemDiscount(repos, { code: input.code, sellerOrgId: order.sellerOrgId, buyerUserId, currency: order.currency, lines, now });
        if (!redemption) throw CommerceErrors.discountNotApplicable('not_found', REFUSAL_MESSAGES.not_found);
        order.applyDiscount({ code: redemption.discount.code, discountMinor: redemption.discountMinor, eligible: redemption.eligible, now });
        await repos.orders.savePricing(order);
        await repos.discounts.redeem({
          orderId: order.id,
          orgId: order.sellerOrgId,
          discountId: redemption.discount.id,
          buyerUserId,
          amountMinor: order.snapshot().discountMinor,
          now,
        });
        for (const open of await repos.payments.listForOrder(order.id)) {
          if (open.status !== 'requires_payment' && open.status !== 'processing') continue;
          open.status = 'cancelled';
          open.updatedAt = now;
          await repos.payments.save(open);
        }
        publishStatusChanges(ctx, events, order);
      });
    } catch (error) {
      // Refused under the lock (the last use taken meanwhile…): the card attempt stopped above is
      // recorded as cancelled and a new one (same amount) lets the buyer pay as before.
      await this.cancelOpenCardAttempts(input.orderId);
      await this.payments.begin(ctx, input.orderId, 'card', input.recoveryId).catch(() => undefined);
      throw error;
    }
    // A new attempt for the new total. Stripe failing here leaves the discount applied and the order
    // payable through POST /payments/{id}/retry (its attempts are all cancelled).
    await this.payments.begin(ctx, input.orderId, 'card', input.recoveryId).catch(() => undefined);
    return this.queries.view(input.orderId);
  }

  private async cancelOpenCardAttempts(orderId: string): Promise<void> {
    await this.uow.run(async (repos) => {
      const stored = await repos.orders.lock(orderId);
      if (!stored?.order.isOpen) return;
      const now = new Date();
      for (const open of await repos.payments.listForOrder(orderId)) {
        if (open.method !== 'card' || (open.status !== 'requires_payment' && open.status !== 'processing')) continue;
        open.status = 'cancelled';
        open.updatedAt = now;
        await repos.payments.save(open);
      }
    });
  }
}
