import { Payout, PayoutLine } from './payout';
import { planPayoutTransfers, PayoutTransfer } from './payout-transfer';

const NOW = new Date('2026-12-05T10:00:00Z');
let posting = 0;
const line = (orderId: string | null, amountMinor: number, entryKind = amountMinor < 0 ? 'refund.completed' : 'order.paid'): PayoutLine => ({
  postingId: String((posting += 1)),
  entryKind,
  reference: `ref-${posting}`,
  orderId,
  amountMinor,
  occurredAt: new Date('2026-11-10T00:00:00Z'),
});

const total = (planned: Array<{ amountMinor: number }>) => planned.reduce((sum, t) => sum + t.amountMinor, 0);

function payoutOf(lines: PayoutLine[]): Payout {
  return Payout.open({ id: 'p-1', orgId: 'org-1', currency: 'EUR', period: '2026-11', destination: 'acct_1', lines, minimumMinor: 1, now: NOW }) as Payout;
}

function planned(lines: PayoutLine[], charges: Record<string, string> = {}): PayoutTransfer[] {
  let id = 0;
  return PayoutTransfer.plan({ payout: payoutOf(lines), lines, charges: new Map(Object.entries(charges)), newId: () => `t-${(id += 1)}`, now: NOW });
}

describe('planPayoutTransfers', () => {
  it('makes one transfer per order, its sale minus its refunds on the same statement, in the order of the lines', () => {
    expect(planPayoutTransfers([line('o-1', 800), line('o-2', 1600), line('o-2', -400)])).toEqual([
      { orderId: 'o-1', amountMinor: 800 },
      { orderId: 'o-2', amountMinor: 1200 },
    ]);
  });

  it('takes a refund of an order paid out earlier (a negative net) from the largest transfer first', () => {
    const plan = planPayoutTransfers([line('old', -400), line('o-1', 1000), line('o-2', 1600)]);
    expect(plan).toEqual([
      { orderId: 'o-1', amountMinor: 1000 },
      { orderId: 'o-2', amountMinor: 1200 },
    ]);
  });

  it('drops a transfer the deficit takes whole and goes on to the next largest', () => {
    const plan = planPayoutTransfers([line('o-1', 1000), line('o-2', 1600), line('old', -2000)]);
    expect(plan).toEqual([{ orderId: 'o-1', amountMinor: 600 }]);
  });

  it('breaks ties by order id, so the same lines always give the same transfers', () => {
    const lines = [line('o-b', 1000), line('o-a', 1000), line('old', -300)];
    expect(planPayoutTransfers(lines)).toEqual([
      { orderId: 'o-b', amountMinor: 1000 },
      { orderId: 'o-a', amountMinor: 700 },
    ]);
    expect(planPayoutTransfers([...lines].reverse())).toEqual([
      { orderId: 'o-a', amountMinor: 700 },
      { orderId: 'o-b', amountMinor: 1000 },
    ]);
  });

  it('lines without an order: a negative sum reduces the transfers, a positive one is a transfer of its own', () => {
    expect(planPayoutTransfers([line('o-1', 1000), line(null, -250, 'adjustment')])).toEqual([{ orderId: 'o-1', amountMinor: 750 }]);
    expect(planPayoutTransfers([line('o-1', 1000), line(null, 250, 'adjustment'), line(null, 50, 'adjustment')])).toEqual([
      { orderId: 'o-1', amountMinor: 1000 },
      { orderId: null, amountMinor: 300 },
    ]);
  });

  it('a cash sale (the seller owes the commission) is a negative net like a refund', () => {
    const plan = planPayoutTransfers([line('cash', -200), line('card', 1600)]);
    expect(plan).toEqual([{ orderId: 'card', amountMinor: 1400 }]);
  });

  it('every transfer is above zero and they sum exactly to the total; nothing when the total is not positive', () => {
    const cases: PayoutLine[][] = [
      [line('a', 1), line('b', 1), line('c', 1), line('x', -2)],
      [line('a', 999), line('b', 1), line('b', -1), line(null, -998)],
      [line('a', 5000), line('b', 3000), line('c', 2000), line('x', -7500), line(null, 100)],
    ];
    for (const lines of cases) {
      const plan = planPayoutTransfers(lines);
      expect(plan.every((t) => t.amountMinor > 0 && Number.isSafeInteger(t.amountMinor))).toBe(true);
      expect(total(plan)).toBe(total(lines));
    }
    expect(planPayoutTransfers([])).toEqual([]);
    expect(planPayoutTransfers([line('a', 500), line('x', -500)])).toEqual([]);
    expect(planPayoutTransfers([line('a', 500), line('x', -900)])).toEqual([]);
  });
});

describe('PayoutTransfer', () => {
  it('plans a payout’s transfers: group per order, the order’s card charge as source, attempt 1, keys per payout and order', () => {
    const transfers = planned([line('o-1', 800), line('o-2', 1600), line('o-2', -400), line(null, 100, 'adjustment')], { 'o-2': 'ch_2' });
    expect(transfers.map((t) => t.snapshot())).toEqual([
      expect.objectContaining({ id: 't-1', payoutId: 'p-1', orgId: 'org-1', orderId: 'o-1', amountMinor: 800, position: 0, transferGroup: 'order_o-1' }),
      expect.objectContaining({ orderId: 'o-2', amountMinor: 1200, position: 1, transferGroup: 'order_o-2', sourceTransaction: 'ch_2' }),
      expect.objectContaining({ orderId: null, amountMinor: 100, position: 2, transferGroup: 'payout_p-1', sourceTransaction: null }),
    ]);
    expect(transfers[0].snapshot()).toMatchObject({ sourceTransaction: null, status: 'pending', attempt: 1, transferId: null });
    expect(transfers.map((t) => t.idempotencyKey)).toEqual(['payout:p-1:o-1:1', 'payout:p-1:o-2:1', 'payout:p-1:balance:1']);
    expect(transfers.map((t) => t.attemptReference())).toEqual(['p-1:o-1:1', 'p-1:o-2:1', 'p-1:balance:1']);
  });

  it('the same lines planned again (another run) send the same keys', () => {
    const lines = [line('o-1', 800), line('o-2', 1600)];
    expect(planned(lines).map((t) => t.idempotencyKey)).toEqual(planned(lines).map((t) => t.idempotencyKey));
  });

  it('pending → paid; pending → failed → retried with a new attempt, key and reference; a paid one is never retried', () => {
    const [paid, failed] = planned([line('o-1', 800), line('o-2', 1600)]);
    paid.markPaid('tr_1', NOW);
    expect(paid.snapshot()).toMatchObject({ status: 'paid', transferId: 'tr_1' });
    expect(() => paid.retry(NOW)).toThrow(expect.objectContaining({ code: 'COMMERCE.PAYOUT_INVALID_TRANSITION' }));
    expect(() => paid.markFailed('x', NOW)).toThrow(expect.objectContaining({ code: 'COMMERCE.PAYOUT_INVALID_TRANSITION' }));
    failed.markFailed('Insufficient funds', NOW);
    expect(() => failed.markPaid('tr_2', NOW)).toThrow();
    failed.retry(NOW);
    expect(failed.snapshot()).toMatchObject({ status: 'pending', attempt: 2, idempotencyKey: 'payout:p-1:o-2:2' });
    expect(failed.attemptReference()).toBe('p-1:o-2:2');
    expect(() => failed.retry(NOW)).toThrow();
    failed.markPaid('tr_2', NOW);
    expect(failed.snapshot()).toMatchObject({ status: 'paid', transferId: 'tr_2', failureReason: null });
  });
});

describe('Payout.conclude', () => {
  it('waits while a transfer is pending, fails when one was refused, is paid (the first transfer kept) when all were paid', () => {
    const lines = [line('o-1', 800), line('o-2', 1600)];
    const payout = payoutOf(lines);
    const [first, second] = planned(lines);
    first.markPaid('tr_1', NOW);
    expect(payout.conclude([first, second], NOW)).toBeUndefined();
    expect(payout.status).toBe('requested');
    second.markFailed('Insufficient funds', NOW);
    expect(payout.conclude([first, second], NOW)).toBe('failed');
    expect(payout.snapshot()).toMatchObject({ status: 'failed', failureReason: 'Insufficient funds' });
    payout.retry('acct_1', NOW);
    second.retry(NOW);
    second.markPaid('tr_2', NOW);
    expect(payout.conclude([first, second], NOW)).toBe('paid');
    expect(payout.snapshot()).toMatchObject({ status: 'paid', attempt: 2, transferId: 'tr_1', paidAt: NOW });
  });

  it('refuses transfers that do not sum to the payout', () => {
    const lines = [line('o-1', 800)];
    expect(() => PayoutTransfer.plan({ payout: payoutOf([line('o-1', 900)]), lines, charges: new Map(), newId: () => 't', now: NOW })).toThrow(/sum/);
  });
});
