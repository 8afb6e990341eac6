import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { codeKey, CommerceErrors, Discount, DiscountableLine, DiscountProps, DiscountRefusal, DiscountSettings, REFUSAL_MESSAGES } from '../../domain';
import { actsForSeller, requireUserId } from '../access';
import { COMMERCE_UNIT_OF_WORK, CommerceUnitOfWork, PURCHASABLES, Purchasables } from '../ports';
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
