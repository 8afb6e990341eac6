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
 * requested → paid | failed; a failed payout is retried (requested again, with
 * a new attempt number). The key sent to Stripe is derived from (organization,
 * currency, period, attempt): a repeated or concurrent run of one attempt can
 * never create a second transfer, and an outcome that is unknown (timeout) is
 * retried with the same key.
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

  /** The Stripe idempotency key of the current attempt: the same (org, currency, period, attempt) always sends the same key. */
  transferKey(): string {
    return `payout:${this.props.orgId}:${this.props.currency}:${this.props.period}:${this.props.attempt}`;
  }

  /** The ledger reference of the current attempt (each attempt moves the money to in-transit once). */
  attemptReference(): string {
    return `${this.props.id}:${this.props.attempt}`;
  }

  /** The transfer went through. */
  markPaid(transferId: string, now: Date): void {
    if (this.props.status !== 'requested') throw CommerceErrors.payoutInvalidTransition(this.props.status, 'paid');
    this.props = { ...this.props, status: 'paid', transferId, failureReason: null, paidAt: now, updatedAt: now };
  }

  /** Stripe refused the transfer: the money goes back to the seller's balance until the retry. */
  markFailed(reason: string, now: Date): void {
    if (this.props.status !== 'requested') throw CommerceErrors.payoutInvalidTransition(this.props.status, 'failed');
    this.props = { ...this.props, status: 'failed', failureReason: reason.slice(0, 500), updatedAt: now };
  }

  /** A failed payout is tried again: a new attempt, a new key, to the seller's current connected account. */
  retry(destination: string, now: Date): void {
    if (this.props.status !== 'failed') throw CommerceErrors.payoutInvalidTransition(this.props.status, 'requested');
    this.props = { ...this.props, status: 'requested', attempt: this.props.attempt + 1, destination, updatedAt: now };
  }
}

/** The seller's balance moves to in-transit while the transfer is made. */
export function payoutRequestedPostings(payout: Payout): Posting[] {
  return [
    { account: account.sellerPayable(payout.orgId, payout.currency), amountMinor: -payout.amountMinor },
    { account: account.inTransit(payout.orgId, payout.currency), amountMinor: payout.amountMinor },
  ];
}

/** The transfer went through: the money left the platform's balance at the provider. */
export function payoutPaidPostings(payout: Payout): Posting[] {
  return [
    { account: account.inTransit(payout.orgId, payout.currency), amountMinor: -payout.amountMinor },
    { account: account.clearing(payout.currency), amountMinor: payout.amountMinor },
  ];
}

/** The transfer was refused: in-transit goes back to what the platform owes the seller. */
export function payoutFailedPostings(payout: Payout): Posting[] {
  return [
    { account: account.inTransit(payout.orgId, payout.currency), amountMinor: -payout.amountMinor },
    { account: account.sellerPayable(payout.orgId, payout.currency), amountMinor: payout.amountMinor },
  ];
}
