import { CommerceErrors } from './commerce-errors';
import { allocate } from './money';

export const ORDER_STATUSES = [
  'pending',
  'awaiting_payment',
  'paid',
  'confirmed',
  'shipped',
  'delivered',
  'cancelled',
  'partially_refunded',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const LISTING_KINDS = ['tune', 'vehicle', 'part'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

/** What an order line sells: a marketplace listing, or a repair-shop booking (the bookings context's, paid online). */
export const ORDER_LINE_KINDS = [...LISTING_KINDS, 'booking'] as const;
export type OrderLineKind = (typeof ORDER_LINE_KINDS)[number];

/** Tunes are files: they are fulfilled (a download entitlement) the moment payment succeeds. */
export function isDigital(kind: OrderLineKind): boolean {
  return kind === 'tune';
}

/**
 * Which status may follow which. Payment moves awaiting_payment to paid; an
 * all-digital order goes straight on to delivered. Sellers confirm, ship and
 * deliver physical goods. Only unpaid orders are cancelled: a paid one is refunded.
 */
const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['awaiting_payment', 'paid', 'cancelled'],
  awaiting_payment: ['paid', 'cancelled'],
  paid: ['confirmed', 'delivered', 'partially_refunded', 'refunded'],
  confirmed: ['shipped', 'partially_refunded', 'refunded'],
  shipped: ['delivered', 'partially_refunded', 'refunded'],
  delivered: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  cancelled: [],
  refunded: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export interface OrderLine {
  /** The listing's id, or the booking's for a `booking` line. */
  listingId: string;
  kind: OrderLineKind;
  title: string;
  unitPriceMinor: number;
  quantity: number;
  /** unit price × quantity, before the order's discount. */
  subtotalMinor: number;
  /** This line's share of the order's discount (largest remainder, see allocate). */
  discountMinor: number;
}

export interface OrderProps {
  id: string;
  /** The seller: every line of an order comes from this organization. */
  sellerOrgId: string;
  buyerUserId: string;
  currency: string;
  status: OrderStatus;
  lines: OrderLine[];
  subtotalMinor: number;
  discountMinor: number;
  totalMinor: number;
  refundedMinor: number;
  discountCode: string | null;
  /** The cart this order was created with (several sellers: several orders, one checkout id). */
  checkoutId: string;
  createdAt: Date;
  updatedAt: Date;
  /** An unpaid order is cancelled after this (stock and discount released). */
  expiresAt: Date;
  paidAt: Date | null;
  version: number;
}

export interface StatusChange {
  from: OrderStatus;
  to: OrderStatus;
}

export interface NewOrderLine {
  listingId: string;
  kind: OrderLineKind;
  title: string;
  unitPriceMinor: number;
  quantity: number;
}

/**
 * One seller's part of a cart. Its invariants: the lines and totals agree
 * (total = subtotal − discount ≥ 0), the status only moves along TRANSITIONS,
 * and refunds never exceed what was paid.
 */
export class Order {
  private readonly changes: StatusChange[] = [];

  private constructor(private props: OrderProps) {}

  static create(input: {
    id: string;
    sellerOrgId: string;
    buyerUserId: string;
    currency: string;
    lines: NewOrderLine[];
    discountMinor: number;
    discountCode: string | null;
    /** Which lines the discount is spread over (a scoped code); default: all of them. */
    discountEligible?: boolean[];
    checkoutId: string;
    now: Date;
    expiresAt: Date;
  }): Order {
    if (input.lines.length === 0) throw CommerceErrors.validation({ items: ['an order has at least one line'] });
    const subtotals = input.lines.map((line) => {
      if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) throw CommerceErrors.validation({ quantity: ['a quantity is at least 1'] });
      if (!Number.isSafeInteger(line.unitPriceMinor) || line.unitPriceMinor < 0) throw CommerceErrors.invalidMoney('a price is a non-negative whole number');
      const subtotal = line.unitPriceMinor * line.quantity;
      if (!Number.isSafeInteger(subtotal)) throw CommerceErrors.invalidMoney('the amount is too large');
      return subtotal;
    });
    const subtotalMinor = subtotals.reduce((a, b) => a + b, 0);
    if (!Number.isSafeInteger(subtotalMinor)) throw CommerceErrors.invalidMoney('the amount is too large');
    const discountMinor = Math.min(Math.max(0, input.discountMinor), subtotalMinor);
    const lineDiscounts = allocate(
      discountMinor,
      subtotals.map((subtotal, i) => (input.discountEligible?.[i] === false ? 0 : subtotal)),
    );
    return new Order({
      id: input.id,
      sellerOrgId: input.sellerOrgId,
      buyerUserId: input.buyerUserId,
      currency: input.currency,
      status: 'pending',
      lines: input.lines.map((line, i) => ({ ...line, subtotalMinor: subtotals[i], discountMinor: lineDiscounts[i] })),
      subtotalMinor,
      discountMinor,
      totalMinor: subtotalMinor - discountMinor,
      refundedMinor: 0,
      discountCode: input.discountCode,
      checkoutId: input.checkoutId,
      createdAt: input.now,
      updatedAt: input.now,
      expiresAt: input.expiresAt,
      paidAt: null,
      version: 0,
    });
  }

  static restore(props: OrderProps): Order {
    return new Order({ ...props, lines: props.lines.map((line) => ({ ...line })) });
  }

  get id(): string {
    return this.props.id;
  }
  get status(): OrderStatus {
    return this.props.status;
  }
  get totalMinor(): number {
    return this.props.totalMinor;
  }
  get currency(): string {
    return this.props.currency;
  }
  get sellerOrgId(): string {
    return this.props.sellerOrgId;
  }
  get buyerUserId(): string {
    return this.props.buyerUserId;
  }
  get refundableMinor(): number {
    return this.props.totalMinor - this.props.refundedMinor;
  }
  get isAllDigital(): boolean {
    return this.props.lines.every((line) => isDigital(line.kind));
  }
  get isOpen(): boolean {
    return this.props.status === 'pending' || this.props.status === 'awaiting_payment';
  }

  snapshot(): OrderProps {
    return { ...this.props, lines: this.props.lines.map((line) => ({ ...line })) };
  }

  /** The status changes made since this object was loaded or created, oldest first. */
  pullChanges(): StatusChange[] {
    return this.changes.splice(0);
  }

  awaitPayment(now: Date): void {
    if (this.props.status === 'awaiting_payment') return;
    this.move('awaiting_payment', now);
  }

  /** Payment succeeded. Idempotent: a second success changes nothing. Digital orders are fulfilled at once. */
  markPaid(now: Date): boolean {
    if (this.props.status !== 'pending' && this.props.status !== 'awaiting_payment') return false;
    this.move('paid', now);
    this.props.paidAt = now;
    if (this.isAllDigital) this.move('delivered', now);
    return true;
  }

  confirm(now: Date): void {
    this.move('confirmed', now);
  }

  ship(now: Date): void {
    this.move('shipped', now);
  }

  deliver(now: Date): void {
    if (this.props.status === 'paid' && !this.isAllDigital) throw CommerceErrors.invalidTransition('paid', 'delivered');
    this.move('delivered', now);
  }

  /**
   * A discount code applied to the order after checkout (while it awaits
   * payment): the discount is spread over the lines it covers (largest
   * remainder) and the total re-priced from the order's own lines. One code
   * per order.
   */
  applyDiscount(input: { code: string; discountMinor: number; eligible?: boolean[]; now: Date }): void {
    if (!this.isOpen) throw CommerceErrors.invalidTransition(this.props.status, 'paid');
    if (this.props.discountCode !== null || this.props.discountMinor > 0) throw CommerceErrors.discountAlreadyApplied();
    const subtotals = this.props.lines.map((line) => line.subtotalMinor);
    const discountMinor = Math.min(Math.max(0, input.discountMinor), this.props.subtotalMinor);
    const lineDiscounts = allocate(
      discountMinor,
      subtotals.map((subtotal, i) => (input.eligible?.[i] === false ? 0 : subtotal)),
    );
    this.props.lines = this.props.lines.map((line, i) => ({ ...line, discountMinor: lineDiscounts[i] }));
    this.props.discountMinor = discountMinor;
    this.props.totalMinor = this.props.subtotalMinor - discountMinor;
    this.props.discountCode = input.code;
    this.props.updatedAt = input.now;
  }

  cancel(now: Date): void {
    this.move('cancelled', now);
  }

  /** Records a refund of `amountMinor`; the order becomes refunded when nothing is left to refund. Returns whether it was full. */
  recordRefund(amountMinor: number, now: Date): { full: boolean } {
    if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw CommerceErrors.invalidMoney('a refund is a positive amount');
    if (amountMinor > this.refundableMinor) throw CommerceErrors.invalidMoney('a refund cannot exceed what is left to refund');
    this.props.refundedMinor += amountMinor;
    const full = this.props.refundedMinor === this.props.totalMinor;
    this.move(full ? 'refunded' : 'partially_refunded', now);
    return { full };
  }

  private move(to: OrderStatus, now: Date): void {
    const from = this.props.status;
    if (!canTransition(from, to)) throw CommerceErrors.invalidTransition(from, to);
    this.props.status = to;
    this.props.updatedAt = now;
    if (from !== to) this.changes.push({ from, to });
  }
}
