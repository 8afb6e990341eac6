import { NewOrderLine, Order, ORDER_STATUSES, canTransition } from './order';

const now = new Date('2026-12-01T10:00:00Z');
const later = new Date('2026-12-01T10:30:00Z');

/** A test data builder: one physical line unless told otherwise. */
function anOrder(lines: NewOrderLine[] = [{ listingId: 'l1', kind: 'part', title: 'Turbo', unitPriceMinor: 1000, quantity: 2 }], discountMinor = 0): Order {
  return Order.create({
    id: 'o1',
    sellerOrgId: 'seller',
    buyerUserId: 'buyer',
    currency: 'EUR',
    lines,
    discountMinor,
    discountCode: discountMinor ? 'SAVE' : null,
    checkoutId: 'c1',
    now,
    expiresAt: later,
  });
}

describe('order', () => {
  it('prices its lines and spreads the discount over them', () => {
    const order = anOrder(
      [
        { listingId: 'a', kind: 'part', title: 'A', unitPriceMinor: 333, quantity: 3 },
        { listingId: 'b', kind: 'tune', title: 'B', unitPriceMinor: 1, quantity: 1 },
      ],
      100,
    );
    const props = order.snapshot();
    expect(props.subtotalMinor).toBe(1000);
    expect(props.totalMinor).toBe(900);
    expect(props.lines.map((l) => l.discountMinor)).toEqual([100, 0]);
    expect(props.status).toBe('pending');
  });

  it('never discounts below zero', () => {
    expect(anOrder(undefined, 5000).totalMinor).toBe(0);
  });

  it('refuses empty carts and bad quantities', () => {
    expect(() => anOrder([])).toThrow(expect.objectContaining({ details: { errors: { items: ['an order has at least one line'] } } }));
    expect(() => anOrder([{ listingId: 'a', kind: 'part', title: 'A', unitPriceMinor: 1, quantity: 0 }])).toThrow(
      expect.objectContaining({ code: 'COMMERCE.VALIDATION_FAILED' }),
    );
  });

  it('walks the physical path pending → awaiting_payment → paid → confirmed → shipped → delivered', () => {
    const order = anOrder();
    order.awaitPayment(now);
    expect(order.markPaid(now)).toBe(true);
    order.confirm(now);
    order.ship(now);
    order.deliver(now);
    expect(order.pullChanges()).toEqual([
      { from: 'pending', to: 'awaiting_payment' },
      { from: 'awaiting_payment', to: 'paid' },
      { from: 'paid', to: 'confirmed' },
      { from: 'confirmed', to: 'shipped' },
      { from: 'shipped', to: 'delivered' },
    ]);
  });

  it('fulfils an all-digital order the moment it is paid, once', () => {
    const order = anOrder([{ listingId: 't', kind: 'tune', title: 'Stage 1', unitPriceMinor: 4999, quantity: 1 }]);
    order.awaitPayment(now);
    expect(order.markPaid(now)).toBe(true);
    expect(order.status).toBe('delivered');
    expect(order.markPaid(now)).toBe(false);
    expect(order.pullChanges().map((c) => c.to)).toEqual(['awaiting_payment', 'paid', 'delivered']);
  });

  it('refuses skipping steps and moving out of final states', () => {
    const order = anOrder();
    expect(() => order.ship(now)).toThrow('cannot become shipped');
    order.awaitPayment(now);
    order.markPaid(now);
    expect(() => order.deliver(now)).toThrow('cannot become delivered');
    expect(() => order.cancel(now)).toThrow('cannot become cancelled');
    const cancelled = anOrder();
    cancelled.cancel(now);
    expect(cancelled.markPaid(now)).toBe(false);
    expect(() => cancelled.confirm(now)).toThrow('cannot become confirmed');
  });

  it('only unpaid orders are cancelled', () => {
    for (const from of ORDER_STATUSES) {
      expect(canTransition(from, 'cancelled')).toBe(from === 'pending' || from === 'awaiting_payment');
    }
  });

  it('records partial then full refunds, never more than was paid', () => {
    const order = anOrder();
    order.markPaid(now);
    expect(order.recordRefund(500, now)).toEqual({ full: false });
    expect(order.status).toBe('partially_refunded');
    expect(() => order.recordRefund(1501, now)).toThrow('cannot exceed');
    expect(order.recordRefund(1500, now)).toEqual({ full: true });
    expect(order.status).toBe('refunded');
    expect(order.refundableMinor).toBe(0);
  });

  it('cannot refund an unpaid order', () => {
    expect(() => anOrder().recordRefund(100, now)).toThrow('cannot become partially_refunded');
  });
});
