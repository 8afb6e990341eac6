import { BOOKING_STATUSES, Booking, BookingStatus, canTransition } from './booking';
import { BOOKINGS_ERRORS } from './bookings-errors';

const start = new Date('2026-06-15T04:30:00Z');

function aBooking(paymentMethod: 'cash' | 'stripe' = 'cash', holdUntil: Date | null = null): Booking {
  return Booking.create(
    {
      id: 'b1',
      orgId: 'o1',
      bayId: 'bay',
      customerUserId: null,
      customerName: 'John Doe',
      customerPhone: '+919876543210',
      customerEmail: null,
      vehicleModelId: 'm1',
      serviceLocation: 'shop',
      address: null,
      startsAt: start,
      endsAt: new Date(start.getTime() + 3_600_000),
      blockedUntil: new Date(start.getTime() + 4_500_000),
      services: [{ serviceId: 's1', name: 'Oil change', priceMinor: 49_900, durationMinutes: 60 }],
      totalMinor: 49_900,
      currency: 'INR',
      paymentMethod,
      notes: null,
      createdAt: new Date('2026-06-01T00:00:00Z'),
    },
    holdUntil,
  );
}

const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('Booking status workflow', () => {
  const legal: Array<[BookingStatus, BookingStatus]> = [
    ['pending_payment', 'cancelled'],
    ['pending', 'confirmed'],
    ['pending', 'cancelled'],
    ['confirmed', 'in_progress'],
    ['confirmed', 'cancelled'],
    ['in_progress', 'completed'],
  ];

  it('allows exactly the workflow’s transitions', () => {
    for (const from of BOOKING_STATUSES) {
      for (const to of BOOKING_STATUSES) {
        expect({ from, to, allowed: canTransition(from, to) }).toEqual({ from, to, allowed: legal.some(([a, b]) => a === from && b === to) });
      }
    }
  });

  it('walks pending → confirmed → in_progress → completed', () => {
    const booking = aBooking();
    const now = new Date();
    expect(booking.changeStatus('confirmed', null, now)).toEqual({ from: 'pending', to: 'confirmed', reason: null });
    booking.changeStatus('in_progress', null, now);
    booking.changeStatus('completed', null, now);
    expect(booking.status).toBe('completed');
    expect(codeOf(() => booking.changeStatus('cancelled', 'late', now))).toBe(BOOKINGS_ERRORS.illegalTransition);
  });

  it('refuses skipping a step, going back, and cancelling once work started', () => {
    expect(codeOf(() => aBooking().changeStatus('completed', null, new Date()))).toBe(BOOKINGS_ERRORS.illegalTransition);
    const confirmed = aBooking();
    confirmed.changeStatus('confirmed', null, new Date());
    expect(codeOf(() => confirmed.changeStatus('pending', null, new Date()))).toBe(BOOKINGS_ERRORS.illegalTransition);
    confirmed.changeStatus('in_progress', null, new Date());
    expect(codeOf(() => confirmed.changeStatus('cancelled', 'changed mind', new Date()))).toBe(BOOKINGS_ERRORS.illegalTransition);
  });

  it('needs a reason to cancel, and keeps it', () => {
    const booking = aBooking();
    expect(codeOf(() => booking.changeStatus('cancelled', '   ', new Date()))).toBe(BOOKINGS_ERRORS.reasonRequired);
    expect(booking.status).toBe('pending');
    booking.changeStatus('cancelled', ' Parts unavailable ', new Date());
    expect(booking.snapshot()).toMatchObject({ status: 'cancelled', cancelReason: 'Parts unavailable' });
  });

  it('lets the customer cancel or reschedule only until the notice limit', () => {
    const early = new Date(start.getTime() - 3 * 3_600_000);
    const late = new Date(start.getTime() - 3_600_000);
    expect(codeOf(() => aBooking().cancelByCustomer(null, late, 120))).toBe(BOOKINGS_ERRORS.tooLate);
    expect(aBooking().cancelByCustomer(null, early, 120)).toEqual({ from: 'pending', to: 'cancelled', reason: 'cancelled by the customer' });
    const slot = {
      bayId: 'bay2',
      startsAt: new Date(start.getTime() + 86_400_000),
      endsAt: new Date(start.getTime() + 90_000_000),
      blockedUntil: new Date(start.getTime() + 90_000_000),
    };
    expect(codeOf(() => aBooking().reschedule(slot, late, 120))).toBe(BOOKINGS_ERRORS.tooLate);
    const moved = aBooking();
    moved.reschedule(slot, early, 120);
    expect(moved.snapshot()).toMatchObject({ bayId: 'bay2', startsAt: slot.startsAt, totalMinor: 49_900 });
  });

  it('is marked paid once, never when cancelled', () => {
    const booking = aBooking();
    booking.markPaid(new Date());
    expect(booking.snapshot().paymentStatus).toBe('paid');
    expect(codeOf(() => booking.markPaid(new Date()))).toBe(BOOKINGS_ERRORS.alreadyPaid);
    const cancelled = aBooking();
    cancelled.changeStatus('cancelled', 'no show', new Date());
    expect(codeOf(() => cancelled.markPaid(new Date()))).toBe(BOOKINGS_ERRORS.notPayable);
  });

  it('paid online: holds until the payment confirms it once, expires unpaid, and owes a refund when cancelled after paying', () => {
    const hold = new Date('2026-06-01T00:15:00Z');
    expect(() => aBooking('stripe')).toThrow();
    const paid = aBooking('stripe', hold);
    expect(paid.status).toBe('pending_payment');
    expect(paid.expireHold(new Date('2026-06-01T00:10:00Z'))).toBeUndefined();
    expect(paid.confirmPayment('order-1', new Date()).outcome).toBe('confirmed');
    expect(paid.snapshot()).toMatchObject({ status: 'confirmed', paymentStatus: 'paid', paymentOrderId: 'order-1', holdExpiresAt: null });
    expect(paid.confirmPayment('order-1', new Date()).outcome).toBe('already');
    expect(codeOf(() => paid.markPaid(new Date()))).toBe(BOOKINGS_ERRORS.paidOnline);
    paid.changeStatus('cancelled', 'plans changed', new Date());
    expect(paid.owesRefund).toBe(true);
    paid.recordRefund(49_900, new Date());
    expect(paid.snapshot()).toMatchObject({ paymentStatus: 'refunded', refundedMinor: 49_900 });
    expect(paid.owesRefund).toBe(false);

    const late = aBooking('stripe', hold);
    expect(late.expireHold(new Date('2026-06-01T00:15:01Z'))).toMatchObject({ from: 'pending_payment', to: 'expired' });
    expect(late.confirmPayment('order-2', new Date()).outcome).toBe('refund');
    expect(late.owesRefund).toBe(true);
  });
});
