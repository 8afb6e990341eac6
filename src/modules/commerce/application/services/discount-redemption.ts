import { codeKey, CommerceErrors, Discount, DiscountableLine, REFUSAL_MESSAGES } from '../../domain';
import type { CommerceRepositories } from '../ports';

/**
 * Applying a code at checkout, inside the transaction that inserts the
 * seller's order: the discount row is locked, the rules are checked against
 * the locked (current) row and the buyer's active uses, and the use is
 * recorded. Concurrent checkouts queue on the lock, so limits hold.
 */
export async function redeemDiscount(
  repos: CommerceRepositories,
  input: { code: string; sellerOrgId: string; buyerUserId: string; currency: string; lines: DiscountableLine[]; now: Date },
): Promise<{ discount: Discount; discountMinor: number; eligible: boolean[] } | undefined> {
  const discount = await repos.discounts.lockByCode(input.sellerOrgId, codeKey(input.code));
  if (!discount) return undefined;
  const outcome = discount.evaluate({
    currency: input.currency,
    lines: input.lines,
    customerUses: await repos.discounts.customerUses(discount.id, input.buyerUserId),
    now: input.now,
  });
  if (!outcome.applies) throw CommerceErrors.discountNotApplicable(outcome.reason, REFUSAL_MESSAGES[outcome.reason]);
  return { discount, discountMinor: outcome.discountMinor, eligible: outcome.eligible };
}
