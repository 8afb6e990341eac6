import { CommerceErrors } from './commerce-errors';
import { FULL_BPS, shareFloor } from './money';

/** Seed 000: PLATFORM_COMMISSION_RATE 0.20, CREATOR_REVENUE_SHARE 0.80. In basis points. */
export const DEFAULT_PLATFORM_COMMISSION_BPS = 2_000;

export interface RevenueSplit {
  /** What the seller (creator, dealership, shop) earns. */
  sellerMinor: number;
  /** The platform's commission. */
  platformMinor: number;
}

/**
 * The rounding rule of the split, written down once:
 *
 *   platform = floor(amount × commission_bps / 10 000)
 *   seller   = amount − platform
 *
 * The commission is rounded down, so a fraction of a minor unit always goes to
 * the seller, and the two parts add up to the amount by construction. At 20 %
 * an amount of 1 999 gives the platform 399 (399.8 rounded down) and the
 * seller 1 600. Refunds reverse each part in proportion with `allocate` (money.ts).
 */
export function splitRevenue(amountMinor: number, commissionBps: number = DEFAULT_PLATFORM_COMMISSION_BPS): RevenueSplit {
  if (!Number.isInteger(commissionBps) || commissionBps < 0 || commissionBps > FULL_BPS) {
    throw CommerceErrors.invalidMoney('a commission rate is between 0 and 10000 basis points');
  }
  const platformMinor = shareFloor(amountMinor, commissionBps);
  return { platformMinor, sellerMinor: amountMinor - platformMinor };
}

/**
 * The part of a sale's split that a refund takes back. Computed on the
 * cumulative amount refunded so that several partial refunds reverse exactly
 * the original parts once everything is refunded:
 *
 *   platformBack(R) = floor(platform × R / total)   for R refunded so far
 *   this refund's platform part = platformBack(before + amount) − platformBack(before)
 *   this refund's seller part   = amount − its platform part
 */
export function refundSplit(sale: { totalMinor: number; split: RevenueSplit }, refundedBeforeMinor: number, amountMinor: number): RevenueSplit {
  const { totalMinor, split } = sale;
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw CommerceErrors.invalidMoney('a refund is a positive amount');
  if (!Number.isSafeInteger(refundedBeforeMinor) || refundedBeforeMinor < 0 || refundedBeforeMinor + amountMinor > totalMinor) {
    throw CommerceErrors.invalidMoney('a refund cannot exceed what is left to refund');
  }
  const platformBack = (refunded: number): number => Number((BigInt(split.platformMinor) * BigInt(refunded)) / BigInt(totalMinor));
  const platformMinor = platformBack(refundedBeforeMinor + amountMinor) - platformBack(refundedBeforeMinor);
  return { platformMinor, sellerMinor: amountMinor - platformMinor };
}
