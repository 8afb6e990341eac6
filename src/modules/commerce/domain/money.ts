import { CommerceErrors } from './commerce-errors';

/**
 * An amount of money: integer minor units (cents, paise) plus an ISO 4217
 * currency code. Never a float. Amounts stay below 2^53 (a JS number is exact
 * there); products and shares go through BigInt so no step rounds silently.
 */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

const CURRENCY = /^[A-Z]{3}$/;

export function isCurrency(value: string): boolean {
  return CURRENCY.test(value);
}

export function money(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor)) throw CommerceErrors.invalidMoney('an amount is a whole number of minor units');
  if (!isCurrency(currency)) throw CommerceErrors.invalidMoney('a currency is an upper-case ISO 4217 code');
  return { amountMinor, currency };
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amountMinor - b.amountMinor, a.currency);
}

export function multiply(a: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) throw CommerceErrors.invalidMoney('a quantity is a whole number');
  const product = BigInt(a.amountMinor) * BigInt(quantity);
  if (product > BigInt(Number.MAX_SAFE_INTEGER) || product < BigInt(Number.MIN_SAFE_INTEGER)) throw CommerceErrors.invalidMoney('the amount is too large');
  return money(Number(product), a.currency);
}

export function sum(amounts: Money[], currency: string): Money {
  return amounts.reduce((total, next) => add(total, next), money(0, currency));
}

export function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw CommerceErrors.currencyMismatch(a.currency, b.currency);
}

/** Basis points: 1 bp = 0.01 %, 10 000 bp = 100 %. Rates are integers so shares never touch a float. */
export const FULL_BPS = 10_000;

/** floor(amount * bps / 10 000) for a non-negative amount, exactly. */
export function shareFloor(amountMinor: number, bps: number): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw CommerceErrors.invalidMoney('a share is taken of a non-negative amount');
  if (!Number.isInteger(bps) || bps < 0 || bps > FULL_BPS) throw CommerceErrors.invalidMoney('a rate is between 0 and 10000 basis points');
  return Number((BigInt(amountMinor) * BigInt(bps)) / BigInt(FULL_BPS));
}

/**
 * Splits `total` into parts proportional to `weights` (largest remainder
 * method): each part is the floor of its exact share, and the minor units left
 * over go one each to the parts with the largest remainders (ties: the earlier
 * part). The parts always add up to `total`.
 */
export function allocate(total: number, weights: number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw CommerceErrors.invalidMoney('an allocated amount is a non-negative whole number');
  if (weights.length === 0) throw CommerceErrors.invalidMoney('an allocation needs at least one part');
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw CommerceErrors.invalidMoney('weights are non-negative whole numbers');
  const weightSum = weights.reduce((a, b) => a + BigInt(b), 0n);
  if (weightSum === 0n) {
    // Nothing to weigh by: everything goes to the first part.
    return weights.map((_, i) => (i === 0 ? total : 0));
  }
  const exact = weights.map((w) => BigInt(total) * BigInt(w));
  const parts = exact.map((e) => e / weightSum);
  const remainders = exact.map((e, i) => ({ i, r: e % weightSum }));
  let left = BigInt(total) - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return parts.map(Number);
}
