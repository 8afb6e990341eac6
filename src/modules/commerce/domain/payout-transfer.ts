import { CommerceErrors } from './commerce-errors';
import type { Payout, PayoutLine, PayoutTransferState } from './payout';

/**
 * A payout is paid by Stripe transfers, one per order among its statement
 * lines (separate charges and transfers): `transfer_group` `order_<id>`, and
 * the order's card charge as `source_transaction` when it was paid by card
 * (Stripe funds the transfer from that charge, holding it until the charge's
 * funds are available). Each transfer carries the seller's net for its order
 * in this payout: the sale minus the refunds of the same order on the same
 * statement.
 *
 * What no order carries — lines without an order, and orders whose net is
 * negative (a refund of an order paid out in an earlier period: the negative
 * balance carried to this statement) — is taken from the positive transfers,
 * largest first, so every transfer is above zero and together they are
 * exactly the payout's amount. A positive balance without an order is one
 * more transfer (`transfer_group` `payout_<id>`).
 *
 * pending → paid | failed; a failed transfer is retried (pending again) as a
 * new attempt with a new key. The Stripe idempotency key is derived from
 * (payout, order or `balance`, attempt): a repeated or concurrent run of one
 * attempt never creates a second transfer, and an unknown outcome is retried
 * with the same key.
 */
export type PayoutTransferStatus = PayoutTransferState['status'];

/** The order key of the transfer that carries what no order does. */
export const BALANCE_TRANSFER = 'balance';

export interface PlannedTransfer {
  /** null: the balance without an order. */
  orderId: string | null;
  amountMinor: number;
}

/**
 * The split of statement lines into transfers (pure): per order, its net; the
 * negative nets and the lines without an order are taken from the positive
 * nets, largest first (ties by order id, the balance last). The transfers
 * come in the order of their first line and sum to the lines' total; none
 * when that total is not positive.
 */
export function planPayoutTransfers(lines: readonly PayoutLine[]): PlannedTransfer[] {
  const nets = new Map<string | null, number>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.amountMinor)) throw new Error(`not an amount in minor units: ${line.amountMinor}`);
    nets.set(line.orderId, (nets.get(line.orderId) ?? 0) + line.amountMinor);
  }
  const total = [...nets.values()].reduce((sum, net) => sum + net, 0);
  if (total <= 0) return [];
  const positive = [...nets].filter(([, net]) => net > 0).map(([orderId, net]) => ({ orderId, amountMinor: net }));
  let deficit = -[...nets.values()].filter((net) => net < 0).reduce((sum, net) => sum + net, 0);
  const largestFirst = [...positive].sort((a, b) => b.amountMinor - a.amountMinor || compareOrders(a.orderId, b.orderId));
  for (const transfer of largestFirst) {
    if (deficit === 0) break;
    const taken = Math.min(deficit, transfer.amountMinor);
    transfer.amountMinor -= taken;
    deficit -= taken;
  }
  const planned = positive.filter((transfer) => transfer.amountMinor > 0);
  if (planned.reduce((sum, transfer) => sum + transfer.amountMinor, 0) !== total) throw new Error('payout transfers do not sum to the payout');
  return planned;
}

function compareOrders(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

export interface PayoutTransferProps {
  id: string;
  payoutId: string;
  orgId: string;
  /** The order it pays; null for the balance without an order. */
  orderId: string | null;
  amountMinor: number;
  /** Its place among the payout's transfers (the order they are made in). */
  position: number;
  transferGroup: string;
  /** The order's card charge (ch_…) that funds it; null when the order was paid otherwise. */
  sourceTransaction: string | null;
  status: PayoutTransferStatus;
  attempt: number;
  /** The Stripe idempotency key of the current attempt. */
  idempotencyKey: string;
  /** The Stripe transfer (tr_…), once paid. */
  transferId: string | null;
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export class PayoutTransfer implements PayoutTransferState {
  private constructor(private props: PayoutTransferProps) {}

  /**
   * The transfers of a newly opened payout: its lines split by order, with
   * each card-paid order's charge as source. Throws when they would not sum
   * exactly to the payout's amount.
   */
  static plan(input: {
    payout: Payout;
    lines: readonly PayoutLine[];
    /** The card charge that paid each order (orders paid otherwise are absent). */
    charges: ReadonlyMap<string, string>;
    newId: () => string;
    now: Date;
  }): PayoutTransfer[] {
    const { payout, now } = input;
    const planned = planPayoutTransfers(input.lines);
    const sum = planned.reduce((total, transfer) => total + transfer.amountMinor, 0);
    if (sum !== payout.amountMinor) throw new Error(`payout transfers sum to ${sum}, the payout is ${payout.amountMinor}`);
    return planned.map(
      (transfer, position) =>
        new PayoutTransfer({
          id: input.newId(),
          payoutId: payout.id,
          orgId: payout.orgId,
          orderId: transfer.orderId,
          amountMinor: transfer.amountMinor,
          position,
          transferGroup: transfer.orderId ? `order_${transfer.orderId}` : `payout_${payout.id}`,
          sourceTransaction: transfer.orderId ? (input.charges.get(transfer.orderId) ?? null) : null,
          status: 'pending',
          attempt: 1,
          idempotencyKey: PayoutTransfer.keyOf(payout.id, transfer.orderId, 1),
          transferId: null,
          failureReason: null,
          createdAt: now,
          updatedAt: now,
        }),
    );
  }

  static restore(props: PayoutTransferProps): PayoutTransfer {
    return new PayoutTransfer({ ...props });
  }

  /** The Stripe idempotency key of one attempt of one transfer: the same (payout, order, attempt) always sends the same key. */
  static keyOf(payoutId: string, orderId: string | null, attempt: number): string {
    return `payout:${payoutId}:${orderId ?? BALANCE_TRANSFER}:${attempt}`;
  }

  get id(): string {
    return this.props.id;
  }
  get orderId(): string | null {
    return this.props.orderId;
  }
  get amountMinor(): number {
    return this.props.amountMinor;
  }
  get status(): PayoutTransferStatus {
    return this.props.status;
  }
  get attempt(): number {
    return this.props.attempt;
  }
  get transferGroup(): string {
    return this.props.transferGroup;
  }
  get sourceTransaction(): string | null {
    return this.props.sourceTransaction;
  }
  get idempotencyKey(): string {
    return this.props.idempotencyKey;
  }
  get transferId(): string | null {
    return this.props.transferId;
  }
  get failureReason(): string | null {
    return this.props.failureReason;
  }

  snapshot(): PayoutTransferProps {
    return { ...this.props };
  }

  /** The ledger reference of this attempt's outcome (each attempt settles or reverses its amount once). */
  attemptReference(): string {
    return `${this.props.payoutId}:${this.props.orderId ?? BALANCE_TRANSFER}:${this.props.attempt}`;
  }

  markPaid(transferId: string, now: Date): void {
    if (this.props.status !== 'pending') throw CommerceErrors.payoutInvalidTransition(this.props.status, 'paid');
    this.props = { ...this.props, status: 'paid', transferId, failureReason: null, updatedAt: now };
  }

  /** Stripe refused it: its amount goes back to the seller's balance until the retry. */
  markFailed(reason: string, now: Date): void {
    if (this.props.status !== 'pending') throw CommerceErrors.payoutInvalidTransition(this.props.status, 'failed');
    this.props = { ...this.props, status: 'failed', failureReason: reason.slice(0, 500), updatedAt: now };
  }

  /** A failed transfer is tried again: a new attempt with a new key (the paid ones are never sent again). */
  retry(now: Date): void {
    if (this.props.status !== 'failed') throw CommerceErrors.payoutInvalidTransition(this.props.status, 'pending');
    const attempt = this.props.attempt + 1;
    this.props = {
      ...this.props,
      status: 'pending',
      attempt,
      idempotencyKey: PayoutTransfer.keyOf(this.props.payoutId, this.props.orderId, attempt),
      updatedAt: now,
    };
  }
}
