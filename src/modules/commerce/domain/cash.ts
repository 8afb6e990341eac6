import { account, Posting } from './ledger';
import type { RevenueSplit } from './revenue-split';

/**
 * A sale paid in cash to the seller's staff. The seller holds all the money,
 * so nothing enters the platform's clearing account: the platform's commission
 * becomes what the seller owes it, booked as a debit of the seller's payable
 * balance (which may go negative) against platform revenue. The next payout
 * nets it off (a seller with only cash sales shows a negative balance, i.e. a
 * receivable from the seller). The seller's own share never passes through
 * the ledger.
 */
export function cashSalePostings(input: { sellerOrgId: string; currency: string; split: RevenueSplit }): Posting[] {
  return [
    { account: account.sellerPayable(input.sellerOrgId, input.currency), amountMinor: -input.split.platformMinor },
    { account: account.platformRevenue(input.currency), amountMinor: input.split.platformMinor },
  ];
}

/**
 * A refund of a cash sale, handed back in cash by the seller's staff. The
 * seller paid the whole amount back out of their till, so the platform gives
 * back its commission on the refunded part (`refund`, from refundSplit):
 * the seller's payable balance is credited and platform revenue debited. The
 * seller's own share never passed through the ledger, so it does not here
 * either. Empty when the commission part is zero (nothing moves).
 */
export function cashRefundPostings(input: { sellerOrgId: string; currency: string; refund: RevenueSplit }): Posting[] {
  if (input.refund.platformMinor === 0) return [];
  return [
    { account: account.sellerPayable(input.sellerOrgId, input.currency), amountMinor: input.refund.platformMinor },
    { account: account.platformRevenue(input.currency), amountMinor: -input.refund.platformMinor },
  ];
}
