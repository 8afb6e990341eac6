import { CommerceErrors } from './commerce-errors';
import { isCurrency } from './money';
import { RevenueSplit } from './revenue-split';

/**
 * The double-entry ledger. An account belongs to an owner (a user, an
 * organization or the platform) in one currency. A journal entry is a set of
 * postings whose amounts add up to zero in each currency: money only moves,
 * it is never created or lost. Entries are immutable; a correction is a new
 * entry. A positive posting adds to an account's balance.
 *
 * Accounts marked `mayGoNegative: false` (wallets, payouts in transit) can
 * never be overdrawn: the database checks the new balance in the same
 * statement that changes it.
 */
export const ACCOUNT_KINDS = {
  /** What a buyer holds in their wallet (owner: user). */
  buyerWallet: 'buyer_wallet',
  /** What the platform owes a seller until it is paid out (owner: organization). Negative after a refund that follows a payout. */
  sellerPayable: 'seller_payable',
  /** The platform's commission (owner: platform). */
  platformRevenue: 'platform_revenue',
  /** Money at the payment provider (owner: platform). Mirrors the outside world, so it runs negative. */
  paymentClearing: 'payment_clearing',
  /** Paid out to a seller and not yet confirmed by the provider (owner: organization). */
  payoutsInTransit: 'payouts_in_transit',
} as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[keyof typeof ACCOUNT_KINDS];

export const PLATFORM_OWNER = 'platform';

const NEVER_NEGATIVE: ReadonlySet<AccountKind> = new Set([ACCOUNT_KINDS.buyerWallet, ACCOUNT_KINDS.payoutsInTransit]);

export function mayGoNegative(kind: AccountKind): boolean {
  return !NEVER_NEGATIVE.has(kind);
}

/** Identifies an account: its kind, owner and currency. */
export interface AccountRef {
  kind: AccountKind;
  /** A user id, an organization id, or PLATFORM_OWNER. */
  ownerId: string;
  currency: string;
}

export interface Posting {
  account: AccountRef;
  amountMinor: number;
}

export interface JournalEntry {
  id: string;
  /** What caused it: `order.paid`, `wallet.top-up`, `refund.completed`, `payout.sent`… */
  kind: string;
  /** The object it is about (order, refund, payout, top-up id). With kind, unique: the same fact is never posted twice. */
  reference: string;
  postings: Posting[];
  occurredAt: Date;
}

export function accountKey(ref: AccountRef): string {
  return `${ref.kind}:${ref.ownerId}:${ref.currency}`;
}

/**
 * Validates and normalizes an entry: at least two postings, whole amounts,
 * each currency summing to zero, one posting per account (same-account
 * postings are merged, zero postings dropped).
 */
export function journalEntry(input: JournalEntry): JournalEntry {
  const merged = new Map<string, Posting>();
  for (const posting of input.postings) {
    if (!Number.isSafeInteger(posting.amountMinor)) throw CommerceErrors.invalidMoney('a posting is a whole number of minor units');
    if (!isCurrency(posting.account.currency)) throw CommerceErrors.invalidMoney('a currency is an upper-case ISO 4217 code');
    const key = accountKey(posting.account);
    const existing = merged.get(key);
    merged.set(key, { account: posting.account, amountMinor: (existing?.amountMinor ?? 0) + posting.amountMinor });
  }
  const postings = [...merged.values()].filter((posting) => posting.amountMinor !== 0);
  const sums = new Map<string, number>();
  for (const posting of postings) sums.set(posting.account.currency, (sums.get(posting.account.currency) ?? 0) + posting.amountMinor);
  for (const total of sums.values()) if (total !== 0) throw CommerceErrors.unbalancedEntry(total);
  if (postings.length < 2) throw CommerceErrors.unbalancedEntry(postings[0]?.amountMinor ?? 0);
  return { ...input, postings };
}

/** The new balance of an account after a posting, refused when the account may not go negative. */
export function applyPosting(kind: AccountKind, balanceMinor: number, amountMinor: number): number {
  const next = balanceMinor + amountMinor;
  if (next < 0 && !mayGoNegative(kind)) throw CommerceErrors.insufficientFunds();
  return next;
}

export const account = {
  wallet: (userId: string, currency: string): AccountRef => ({ kind: ACCOUNT_KINDS.buyerWallet, ownerId: userId, currency }),
  sellerPayable: (orgId: string, currency: string): AccountRef => ({ kind: ACCOUNT_KINDS.sellerPayable, ownerId: orgId, currency }),
  platformRevenue: (currency: string): AccountRef => ({ kind: ACCOUNT_KINDS.platformRevenue, ownerId: PLATFORM_OWNER, currency }),
  clearing: (currency: string): AccountRef => ({ kind: ACCOUNT_KINDS.paymentClearing, ownerId: PLATFORM_OWNER, currency }),
  inTransit: (orgId: string, currency: string): AccountRef => ({ kind: ACCOUNT_KINDS.payoutsInTransit, ownerId: orgId, currency }),
};

/** Where the buyer's money came from. */
export type FundingSource = { kind: 'provider' } | { kind: 'wallet'; userId: string };

function source(funding: FundingSource, currency: string): AccountRef {
  return funding.kind === 'wallet' ? account.wallet(funding.userId, currency) : account.clearing(currency);
}

/** A sale: the buyer's money (from the provider or their wallet) split between the seller and the platform. */
export function salePostings(input: { sellerOrgId: string; currency: string; totalMinor: number; split: RevenueSplit; funding: FundingSource }): Posting[] {
  const { currency } = input;
  return [
    { account: source(input.funding, currency), amountMinor: -input.totalMinor },
    { account: account.sellerPayable(input.sellerOrgId, currency), amountMinor: input.split.sellerMinor },
    { account: account.platformRevenue(currency), amountMinor: input.split.platformMinor },
  ];
}

/** A refund: each part of the sale taken back in proportion, the money returned where it came from. */
export function refundPostings(input: { sellerOrgId: string; currency: string; refund: RevenueSplit; funding: FundingSource }): Posting[] {
  const { currency } = input;
  return [
    { account: source(input.funding, currency), amountMinor: input.refund.sellerMinor + input.refund.platformMinor },
    { account: account.sellerPayable(input.sellerOrgId, currency), amountMinor: -input.refund.sellerMinor },
    { account: account.platformRevenue(currency), amountMinor: -input.refund.platformMinor },
  ];
}

/** A wallet top-up paid through the provider. */
export function topUpPostings(userId: string, currency: string, amountMinor: number): Posting[] {
  return [
    { account: account.clearing(currency), amountMinor: -amountMinor },
    { account: account.wallet(userId, currency), amountMinor },
  ];
}

/** A payout: the seller's balance moves to in-transit until the provider confirms, then out to the provider. */
export function payoutPostings(orgId: string, currency: string, amountMinor: number): Posting[] {
  return [
    { account: account.sellerPayable(orgId, currency), amountMinor: -amountMinor },
    { account: account.inTransit(orgId, currency), amountMinor },
  ];
}

export function payoutSettledPostings(orgId: string, currency: string, amountMinor: number): Posting[] {
  return [
    { account: account.inTransit(orgId, currency), amountMinor: -amountMinor },
    { account: account.clearing(currency), amountMinor },
  ];
}
