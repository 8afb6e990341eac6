import { CommerceErrors } from './commerce-errors';
import { account, type Posting } from './ledger';
import { isCurrency } from './money';

/**
 * A monthly payout of a seller organization's balance in one currency through
 * Stripe Connect. One payout per (organization, currency, period): the period
 * is the calendar month `YYYY-MM` (UTC) whose sales it pays. Its amount is the
 * sum of its statement lines (the seller-payable postings not yet paid out up
 * to the end of the period), and only above the configured minimum.
 *
 * It is paid by one Stripe transfer per order on its statement (see
 * PayoutTransfer). requested → paid (every transfer paid) | failed (a transfer
 * refused); a failed payout is retried (requested again, with a new attempt
 * number) and only its failed transfers are sent again.
 */
export type PayoutStatus = 'requested' | 'paid' | 'failed';

export interface PayoutLine {
  /** The ledger posting on the seller-payable account this line pays. */
  postingId: string;
  /** order.paid, refund.completed… */
  entryKind: string;
  /** The order or refund id. */
  reference: string;
  /** The order the line is about (for a refund, the refunded order). */
  orderId: string | null;
  /** Signed: a refund is negative. */
  amountMinor: number;
  occurredAt: Date;
}

/** What a payout reads of its transfers (PayoutTransfer) to conclude. */
export interface PayoutTransferState {
  status: 'pending' | 'paid' | 'failed';
  transferId: string | null;
  failureReason: string | null;
}

export interface PayoutProps {
  id: string;
  orgId: string;
  currency: string;
  period: string;
  amountMinor: number;
  status: PayoutStatus;
  attempt: number;
  destination: string;
  transferId: string | null;
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  paidAt: Date | null;
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The instants the period covers: [start, end). Throws for a malformed period. */
export function periodBounds(period: string): { start: Date; end: Date } {
  const match = PERIOD.exec(period);
  if (!match) throw CommerceErrors.payoutPeriodInvalid(period);
  const year = Number(match[1]);
  const month = Number(match[2]) - 1;
  return { start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 1)) };
}

/**
 * The instant up to which a run for `period` pays: the end of the month, or
 * now while the month is running (what comes later is carried to the next
 * period). A month that has not started is refused.
 */
export function payableUntil(period: string, now: Date): Date {
  const bounds = periodBounds(period);
  if (bounds.start.getTime() > now.getTime()) throw CommerceErrors.payoutPeriodInvalid(period);
  return bounds.end.getTime() < now.getTime() ? bounds.end : now;
}

/** The month before the one `now` falls in (what the run on the first of a month pays). */
export function previousPeriod(now: Date): string {
  const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${previous.getUTCFullYear()}-${String(previous.getUTCMonth() + 1).padStart(2, '0')}`;
}

export class Payout {
  private constructor(private props: PayoutProps) {}

  /**
   * A new payout for the lines, or undefined when their sum is below the
   * minimum (the balance carries over to the next period).
   */
  static open(input: {
    id: string;
    orgId: string;
    currency: string;
    period: string;
    destination: string;
    lines: readonly PayoutLine[];
    minimumMinor: number;
    now: Date;
  }): Payout | undefined {
    periodBounds(input.period);
    if (!isCurrency(input.currency)) throw new Error(`not a currency: ${input.currency}`);
    if (!input.destination) throw new Error('a payout needs a connected account');
    const amountMinor = input.lines.reduce((sum, line) => sum + line.amountMinor, 0);
    if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor < input.minimumMinor) return undefined;
    return new Payout({
      id: input.id,
      orgId: input.orgId,
      currency: input.currency,
      period: input.period,
      amountMinor,
      status: 'requested',
      attempt: 1,
      destination: input.destination,
      transferId: null,
      failureReason: null,
      createdAt: input.now,
      updatedAt: input.now,
      paidAt: null,
    });
  }

  static restore(props: PayoutProps): Payout {
    return new Payout({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get orgId(): string {
    return this.props.orgId;
  }
  get currency(): string {
    return this.props.currency;
  }
  get period(): string {
    return this.props.period;
  }
  get amountMinor(): number {
    return this.props.amountMinor;
  }
  get status(): PayoutStatus {
    return this.props.status;
  }
  get attempt(): number {
    return this.props.attempt;
  }
  get destination(): string {
    return this.props.destination;
  }

  snapshot(): PayoutProps {
    return { ...this.props };
  }

  /** The ledger reference of the current attempt (each attempt moves what it sends to in-transit once). */
  attemptReference(): string {
    return `${this.props.id}:${this.props.attempt}`;
  }

  /**
   * Once none of its transfers is pending: paid when all were paid (the first
   * one's id kept as the payout's transfer), failed when one was refused.
   * Undefined while one is pending (its outcome is not known yet).
   */
  conclude(transfers: readonly PayoutTransferState[], now: Date): 'paid' | 'failed' | undefined {
    if (transfers.some((transfer) => transfer.status === 'pending')) return undefined;
    const failed = transfers.find((transfer) => transfer.status === 'failed');
    if (failed) {
      this.markFailed(failed.failureReason ?? 'transfer refused', now);
      return 'failed';
    }
    const first = transfers.find((transfer) => transfer.transferId !== null);
    if (!first?.transferId) throw new Error(`payout ${this.props.id} has no transfer`);
    this.markPaid(first.transferId, now);
    return 'paid';
  }

  /** Every transfer went through. */
  markPaid(transferId: string, now: Date): void {
    if (this.props.status !== 'requested') throw CommerceErrors.payoutInvalidTransition(this.props.status, 'paid');
    this.props = { ...this.props, status: 'paid', transferId, failureReason: null, paidAt: now, updatedAt: now };
  }

  /** Stripe refused a transfer: its amount went back to the seller's balance until the retry. */
  markFailed(reason: string, now: Date): void {
    if (this.props.status !== 'requested') throw CommerceErrors.payoutInvalidTransition(this.props.status, 'failed');
    this.props = { ...this.props, status: 'failed', failureReason: reason.slice(0, 500), updatedAt: now };
  }

  /** A failed payout is tried again: a new attempt (its failed transfers with new keys), to the seller's current connected account. */
  retry(destination: string, now: Date): void {
    if (this.props.status !== 'failed') throw CommerceErrors.payoutInvalidTransition(this.props.status, 'requested');
    this.props = { ...this.props, status: 'requested', attempt: this.props.attempt + 1, destination, updatedAt: now };
  }
}

function movedAmount(amountMinor: number): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new Error(`not a payout amount: ${amountMinor}`);
  return amountMinor;
}

/** What an attempt sends (the whole payout, or on a retry its failed transfers) moves to in-transit. */
export function payoutRequestedPostings(payout: Payout, amountMinor: number): Posting[] {
  const amount = movedAmount(amountMinor);
  return [
    { account: account.sellerPayable(payout.orgId, payout.currency), amountMinor: -amount },
    { account: account.inTransit(payout.orgId, payout.currency), amountMinor: amount },
  ];
}

/** A transfer went through: its amount left the platform's balance at the provider. */
export function payoutPaidPostings(payout: Payout, amountMinor: number): Posting[] {
  const amount = movedAmount(amountMinor);
  return [
    { account: account.inTransit(payout.orgId, payout.currency), amountMinor: -amount },
    { account: account.clearing(payout.currency), amountMinor: amount },
  ];
}

/** A transfer was refused: its amount goes from in-transit back to what the platform owes the seller. */
export function payoutFailedPostings(payout: Payout, amountMinor: number): Posting[] {
  const amount = movedAmount(amountMinor);
  return [
    { account: account.inTransit(payout.orgId, payout.currency), amountMinor: -amount },
    { account: account.sellerPayable(payout.orgId, payout.currency), amountMinor: amount },
  ];
}
