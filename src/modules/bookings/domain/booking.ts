import { BookingsErrors } from './bookings-errors';

/**
 * `pending_payment`: paid online, waiting for the payment while it holds its slot;
 * `expired`: the hold ended unpaid (the slot is free again).
 */
export const BOOKING_STATUSES = ['pending_payment', 'pending', 'confirmed', 'in_progress', 'completed', 'cancelled', 'expired'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const PAYMENT_METHODS = ['cash', 'razorpay', 'stripe'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** Paid online through commerce (the others at the shop). */
export const ONLINE_PAYMENT_METHODS = ['stripe', 'razorpay'] as const;
export type OnlinePaymentMethod = (typeof ONLINE_PAYMENT_METHODS)[number];

export function isOnline(method: PaymentMethod): method is OnlinePaymentMethod {
  return (ONLINE_PAYMENT_METHODS as readonly string[]).includes(method);
}

export const PAYMENT_STATUSES = ['unpaid', 'paid', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const SERVICE_LOCATIONS = ['shop', 'home'] as const;
export type ServiceLocation = (typeof SERVICE_LOCATIONS)[number];

/** Seed 004's workflow: pending → confirmed → in_progress → completed; cancelled (with a reason) before the work starts. */
const TRANSITIONS: Record<BookingStatus, readonly BookingStatus[]> = {
  // The payment confirms it (confirmPayment) and the hold's end expires it (expireHold): staff can only cancel.
  pending_payment: ['cancelled'],
  pending: ['confirmed', 'cancelled'],
  confirmed: ['in_progress', 'cancelled'],
  in_progress: ['completed'],
  completed: [],
  cancelled: [],
  expired: [],
};

export function canTransition(from: BookingStatus, to: BookingStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** One service as priced when the booking was made: frozen, later price changes do not touch it. */
export interface BookedService {
  serviceId: string;
  name: string;
  priceMinor: number;
  durationMinutes: number;
}

export interface BookingState {
  id: string;
  orgId: string;
  bayId: string;
  customerUserId: string | null;
  customerName: string;
  customerPhone: string;
  customerEmail: string | null;
  vehicleModelId: string;
  serviceLocation: ServiceLocation;
  address: string | null;
  startsAt: Date;
  endsAt: Date;
  blockedUntil: Date;
  status: BookingStatus;
  cancelReason: string | null;
  services: BookedService[];
  totalMinor: number;
  currency: string;
  paymentMethod: PaymentMethod;
  paymentStatus: PaymentStatus;
  paidAt: Date | null;
  /** Paid online: when the slot's hold ends unpaid. */
  holdExpiresAt: Date | null;
  /** The commerce order that paid it online. */
  paymentOrderId: string | null;
  refundedMinor: number;
  notes: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StatusChange {
  from: BookingStatus;
  to: BookingStatus;
  reason: string | null;
}

/**
 * A booking: its status moves only along the workflow, a cancellation carries
 * a reason, the customer's own changes stop at the notice limit, and its
 * price is what was quoted when it was made.
 */
export class Booking {
  private constructor(private state: BookingState) {}

  /** Paid at the shop: `pending`. Paid online: `pending_payment`, holding the slot until `holdExpiresAt`. */
  static create(
    state: Omit<BookingState, 'status' | 'cancelReason' | 'paymentStatus' | 'paidAt' | 'updatedAt' | 'holdExpiresAt' | 'paymentOrderId' | 'refundedMinor'>,
    holdExpiresAt: Date | null = null,
  ): Booking {
    if (state.endsAt <= state.startsAt || state.blockedUntil < state.endsAt) throw new Error('a booking ends after it starts');
    if (state.totalMinor !== state.services.reduce((sum, service) => sum + service.priceMinor, 0)) throw new Error('the total is the sum of the services');
    if (isOnline(state.paymentMethod) !== (holdExpiresAt !== null)) throw new Error('a booking paid online holds its slot until a time, and only it');
    return new Booking({
      ...state,
      status: holdExpiresAt ? 'pending_payment' : 'pending',
      cancelReason: null,
      paymentStatus: 'unpaid',
      paidAt: null,
      holdExpiresAt,
      paymentOrderId: null,
      refundedMinor: 0,
      updatedAt: state.createdAt,
    });
  }

  static restore(state: BookingState): Booking {
    return new Booking({ ...state, services: [...state.services] });
  }

  snapshot(): Readonly<BookingState> {
    return { ...this.state, services: [...this.state.services] };
  }

  get id(): string {
    return this.state.id;
  }

  get status(): BookingStatus {
    return this.state.status;
  }

  /** A status change by the shop's staff. */
  changeStatus(to: BookingStatus, reason: string | null, now: Date): StatusChange {
    const from = this.state.status;
    if (!canTransition(from, to)) throw BookingsErrors.illegalTransition(from, to);
    const trimmed = reason?.trim() || null;
    if (to === 'cancelled' && !trimmed) throw BookingsErrors.reasonRequired();
    this.state.status = to;
    this.state.cancelReason = to === 'cancelled' ? trimmed : this.state.cancelReason;
    this.state.updatedAt = now;
    return { from, to, reason: trimmed };
  }

  /** The customer cancels, until `noticeMinutes` before the appointment. */
  cancelByCustomer(reason: string | null, now: Date, noticeMinutes: number): StatusChange {
    this.checkNotice(now, noticeMinutes);
    return this.changeStatus('cancelled', reason?.trim() || 'cancelled by the customer', now);
  }

  /** The customer moves it to another time (and bay), until `noticeMinutes` before the current appointment. */
  reschedule(slot: { bayId: string; startsAt: Date; endsAt: Date; blockedUntil: Date }, now: Date, noticeMinutes: number): void {
    if (this.state.status !== 'pending' && this.state.status !== 'confirmed') throw BookingsErrors.illegalTransition(this.state.status, 'rescheduled');
    this.checkNotice(now, noticeMinutes);
    this.state = { ...this.state, ...slot, updatedAt: now };
  }

  /**
   * The online payment arrived (commerce order `orderId` paid): a booking
   * waiting for it is confirmed. 'confirmed' once, 'already' for a repeat of the
   * same payment, 'refund' when the money came for a booking that no longer
   * waits for it (expired or cancelled meanwhile): it must go back.
   */
  confirmPayment(orderId: string, now: Date): { outcome: 'confirmed'; change: StatusChange } | { outcome: 'already' | 'refund' } {
    if (this.state.paymentOrderId === orderId && this.state.paymentStatus !== 'unpaid') return { outcome: 'already' };
    if (this.state.status !== 'pending_payment') {
      if (this.state.paymentStatus === 'unpaid') this.state = { ...this.state, paymentStatus: 'paid', paidAt: now, paymentOrderId: orderId, updatedAt: now };
      return { outcome: 'refund' };
    }
    const from = this.state.status;
    this.state = { ...this.state, status: 'confirmed', paymentStatus: 'paid', paidAt: now, paymentOrderId: orderId, holdExpiresAt: null, updatedAt: now };
    return { outcome: 'confirmed', change: { from, to: 'confirmed', reason: null } };
  }

  /** The hold ended unpaid: the booking expires and frees its slot. Undefined when it no longer waits for a payment. */
  expireHold(now: Date): StatusChange | undefined {
    if (this.state.status !== 'pending_payment') return undefined;
    if (this.state.holdExpiresAt && this.state.holdExpiresAt > now) return undefined;
    const reason = 'the online payment was not made in time';
    this.state = { ...this.state, status: 'expired', cancelReason: reason, updatedAt: now };
    return { from: 'pending_payment', to: 'expired', reason };
  }

  /** Money paid online that was given back (through commerce). */
  recordRefund(amountMinor: number, now: Date): void {
    if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) return;
    this.state.refundedMinor = Math.min(this.state.totalMinor, this.state.refundedMinor + amountMinor);
    this.state.paymentStatus = 'refunded';
    this.state.updatedAt = now;
  }

  /** Cancelled (or expired) after an online payment that is not refunded yet. */
  get owesRefund(): boolean {
    return (this.state.status === 'cancelled' || this.state.status === 'expired') && isOnline(this.state.paymentMethod) && this.state.paymentStatus === 'paid';
  }

  /**
   * The customer (re)opens the online payment of a booking that waits for it:
   * a paid booking, one paid at the shop, or one that no longer takes place
   * is refused with the reason.
   */
  checkAwaitingPayment(): void {
    if (!isOnline(this.state.paymentMethod)) throw BookingsErrors.paidAtShop();
    if (this.state.paymentStatus !== 'unpaid') throw BookingsErrors.alreadyPaid();
    if (this.state.status !== 'pending_payment') throw BookingsErrors.notPayable();
  }

  /** Staff record the cash they received. */
  markPaid(now: Date): void {
    if (isOnline(this.state.paymentMethod)) throw BookingsErrors.paidOnline();
    if (this.state.status === 'cancelled') throw BookingsErrors.notPayable();
    if (this.state.paymentStatus === 'paid') throw BookingsErrors.alreadyPaid();
    this.state.paymentStatus = 'paid';
    this.state.paidAt = now;
    this.state.updatedAt = now;
  }

  private checkNotice(now: Date, noticeMinutes: number): void {
    if (this.state.status !== 'pending' && this.state.status !== 'confirmed') return;
    if (this.state.startsAt.getTime() - now.getTime() < noticeMinutes * 60_000) throw BookingsErrors.tooLate(noticeMinutes);
  }
}
