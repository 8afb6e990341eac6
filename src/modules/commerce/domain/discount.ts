import { CommerceErrors } from './commerce-errors';
import { FULL_BPS, isCurrency, shareFloor } from './money';
import { LISTING_KINDS, ListingKind } from './order';

/** A code is 3 to 40 letters, digits, `-` or `_`; compared case-insensitively. */
const CODE = /^[A-Za-z0-9_-]{3,40}$/;

export function codeKey(code: string): string {
  return code.trim().toUpperCase();
}

export type DiscountValue = { type: 'percentage'; percentBps: number } | { type: 'fixed'; amountMinor: number };

export type DiscountScope = { type: 'organization' } | { type: 'listings'; listingIds: string[] } | { type: 'kinds'; kinds: ListingKind[] };

export interface DiscountProps {
  id: string;
  /** The seller whose listings it takes money off. */
  orgId: string;
  code: string;
  description: string | null;
  value: DiscountValue;
  /** Required for fixed amounts; when set, the discount only applies to orders in this currency. */
  currency: string | null;
  /** The seller's order subtotal (before the discount) must reach this. */
  minOrderMinor: number;
  startsAt: Date | null;
  endsAt: Date | null;
  maxUses: number | null;
  maxUsesPerCustomer: number | null;
  /** Active redemptions (open or paid orders). */
  usesCount: number;
  scope: DiscountScope;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type DiscountSettings = Omit<DiscountProps, 'id' | 'orgId' | 'usesCount' | 'createdAt' | 'updatedAt'>;

export const DISCOUNT_REFUSALS = [
  'not_found',
  'inactive',
  'not_started',
  'expired',
  'used_up',
  'customer_limit_reached',
  'currency_mismatch',
  'minimum_not_met',
  'no_eligible_items',
] as const;
export type DiscountRefusal = (typeof DISCOUNT_REFUSALS)[number];

export const REFUSAL_MESSAGES: Record<DiscountRefusal, string> = {
  not_found: 'No seller in the cart has this code.',
  inactive: 'This code has been deactivated.',
  not_started: 'This code is not valid yet.',
  expired: 'This code has expired.',
  used_up: 'This code has been used the maximum number of times.',
  customer_limit_reached: 'You have already used this code the maximum number of times.',
  currency_mismatch: 'This code is for orders in another currency.',
  minimum_not_met: 'The order does not reach the minimum amount for this code.',
  no_eligible_items: 'No item in the order is covered by this code.',
};

/** A seller's order line as the discount sees it. */
export interface DiscountableLine {
  listingId: string;
  kind: ListingKind;
  subtotalMinor: number;
}

export type DiscountOutcome = { applies: true; discountMinor: number; eligible: boolean[] } | { applies: false; reason: DiscountRefusal };

/**
 * A seller's discount code. Its rules, written down once:
 *
 * - percentage: floor(eligible subtotal × percent_bps / 10 000), so the buyer
 *   never gets more than the stated rate (a fraction of a minor unit stays
 *   with the seller); fixed: min(amount, eligible subtotal). The order total is
 *   therefore never below zero.
 * - "eligible subtotal" is the sum of the lines the scope covers (all the
 *   seller's listings, specific listings, or kinds); the discount is spread over
 *   those lines only, in proportion (largest remainder).
 * - the minimum order compares with the seller's whole order subtotal.
 * - the window is [starts_at, ends_at); limits count active redemptions: an
 *   order that is cancelled or expires gives its use back.
 */
export class Discount {
  private constructor(private props: DiscountProps) {}

  static create(input: { id: string; orgId: string; now: Date } & DiscountSettings): Discount {
    const discount = new Discount({ ...input, code: input.code.trim(), usesCount: 0, createdAt: input.now, updatedAt: input.now });
    discount.check();
    return discount;
  }

  static restore(props: DiscountProps): Discount {
    return new Discount({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get orgId(): string {
    return this.props.orgId;
  }
  get code(): string {
    return this.props.code;
  }
  get usesCount(): number {
    return this.props.usesCount;
  }

  snapshot(): DiscountProps {
    return { ...this.props };
  }

  update(changes: Partial<DiscountSettings>, now: Date): void {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<DiscountSettings>;
    this.props = { ...this.props, ...defined, updatedAt: now };
    if (defined.code !== undefined) this.props.code = defined.code.trim();
    this.check();
  }

  deactivate(now: Date): void {
    this.props.active = false;
    this.props.updatedAt = now;
  }

  /** What the code takes off one seller's order for this buyer (who has `customerUses` active uses of it). Pure: reserves nothing. */
  evaluate(input: { currency: string; lines: DiscountableLine[]; customerUses: number; now: Date }): DiscountOutcome {
    const p = this.props;
    const refuse = (reason: DiscountRefusal): DiscountOutcome => ({ applies: false, reason });
    if (!p.active) return refuse('inactive');
    if (p.startsAt && input.now < p.startsAt) return refuse('not_started');
    if (p.endsAt && input.now >= p.endsAt) return refuse('expired');
    if (p.maxUses !== null && p.usesCount >= p.maxUses) return refuse('used_up');
    if (p.maxUsesPerCustomer !== null && input.customerUses >= p.maxUsesPerCustomer) return refuse('customer_limit_reached');
    if (p.currency !== null && p.currency !== input.currency) return refuse('currency_mismatch');
    const subtotal = input.lines.reduce((sum, line) => sum + line.subtotalMinor, 0);
    if (subtotal < p.minOrderMinor) return refuse('minimum_not_met');
    const eligible = input.lines.map((line) => this.covers(line));
    const eligibleSubtotal = input.lines.reduce((sum, line, i) => sum + (eligible[i] ? line.subtotalMinor : 0), 0);
    if (eligibleSubtotal === 0) return refuse('no_eligible_items');
    const discountMinor = p.value.type === 'percentage' ? shareFloor(eligibleSubtotal, p.value.percentBps) : Math.min(p.value.amountMinor, eligibleSubtotal);
    return { applies: true, discountMinor, eligible };
  }

  private covers(line: DiscountableLine): boolean {
    const scope = this.props.scope;
    if (scope.type === 'listings') return scope.listingIds.includes(line.listingId);
    if (scope.type === 'kinds') return scope.kinds.includes(line.kind);
    return true;
  }

  private check(): void {
    const p = this.props;
    const errors: Record<string, string[]> = {};
    const fail = (field: string, message: string) => (errors[field] = [...(errors[field] ?? []), message]);
    if (!CODE.test(p.code)) fail('code', 'a code is 3 to 40 letters, digits, - or _');
    if (p.value.type === 'percentage') {
      if (!Number.isInteger(p.value.percentBps) || p.value.percentBps < 1 || p.value.percentBps > FULL_BPS) {
        fail('percent_bps', 'a percentage is 1 to 10000 basis points');
      }
    } else {
      if (!Number.isSafeInteger(p.value.amountMinor) || p.value.amountMinor < 1) fail('amount_minor', 'a fixed amount is a positive whole number');
      if (p.currency === null) fail('currency', 'a fixed amount has a currency');
    }
    if (p.currency !== null && !isCurrency(p.currency)) fail('currency', 'an upper-case ISO 4217 code');
    if (!Number.isSafeInteger(p.minOrderMinor) || p.minOrderMinor < 0) fail('min_order_minor', 'a non-negative whole number');
    if (p.minOrderMinor > 0 && p.currency === null) fail('currency', 'a minimum order amount needs a currency');
    if (p.startsAt && p.endsAt && p.startsAt >= p.endsAt) fail('ends_at', 'ends after it starts');
    if (p.maxUses !== null && (!Number.isInteger(p.maxUses) || p.maxUses < 1)) fail('max_uses', 'at least 1');
    if (p.maxUses !== null && p.maxUses < p.usesCount) fail('max_uses', `already used ${p.usesCount} times`);
    if (p.maxUsesPerCustomer !== null && (!Number.isInteger(p.maxUsesPerCustomer) || p.maxUsesPerCustomer < 1)) fail('max_uses_per_customer', 'at least 1');
    if (p.scope.type === 'listings' && p.scope.listingIds.length === 0) fail('listing_ids', 'a listings scope names at least one listing');
    if (p.scope.type === 'kinds' && (p.scope.kinds.length === 0 || p.scope.kinds.some((k) => !LISTING_KINDS.includes(k)))) {
      fail('kinds', `a kinds scope names at least one of ${LISTING_KINDS.join(', ')}`);
    }
    if (Object.keys(errors).length > 0) throw CommerceErrors.validation(errors);
  }
}
