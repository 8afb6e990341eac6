import { BookingsErrors } from './bookings-errors';

export const BOOKING_STATUSES = ['pending', 'confirmed', 'in_progress', 'completed', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const PAYMENT_METHODS = ['cash', 'razorpay', 'stripe'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** Methods that work today; the others wait for the commerce context's payment port. */
export const AVAILABLE_PAYMENT_METHODS: readonly PaymentMethod[] = ['cash'];

export const PAYMENT_STATUSES = ['unpaid', 'paid'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const SERVICE_LOCATIONS = ['shop', 'home'] as const;
export type ServiceLocation = (typeof SERVICE_LOCATIONS)[number];

/** Seed 004's workflow: pending → confirmed → in_progress → completed; cancelled (with a reason) before the work starts. */
const TRANSITIONS: Record<BookingStatus, readonly BookingStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['in_progress', 'cancelled'],
  in_progress: ['completed'],
  completed: [],
  cancelled: [],
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

  static create(state: Omit<BookingState, 'status' | 'cancelReason' | 'paymentStatus' | 'paidAt' | 'updatedAt'>): Booking {
    if (state.endsAt <= state.startsAt || state.blockedUntil < state.endsAt) throw new Error('a booking ends after it starts');
    if (state.totalMinor !== state.services.reduce((sum, service) => sum + service.priceMinor, 0)) throw new Error('the total is the sum of the services');
    return new Booking({ ...state, status: 'pending', cancelReason: null, paymentStatus: 'unpaid', paidAt: null, updatedAt: state.createdAt });
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

  /** Staff record the cash they received. */
  markPaid(now: Date): void {
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
