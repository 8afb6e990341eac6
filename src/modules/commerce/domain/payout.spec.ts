import { journalEntry } from './ledger';
import { Payout, PayoutLine, payableUntil, payoutFailedPostings, payoutPaidPostings, payoutRequestedPostings, periodBounds, previousPeriod } from './payout';

const NOW = new Date('2026-12-05T10:00:00Z');
let posting = 0;
const line = (amountMinor: number, entryKind = 'order.paid'): PayoutLine => ({
  postingId: String((posting += 1)),
  entryKind,
  reference: `ref-${posting}`,
  orderId: null,
  amountMinor,
  occurredAt: new Date('2026-11-10T00:00:00Z'),
});

/** A payout builder: lines of 800 + 1600 by default, a minimum of 1000. */
function open(overrides: Partial<Parameters<typeof Payout.open>[0]> = {}): Payout | undefined {
  return Payout.open({
    id: 'p-1',
    orgId: 'org-1',
    currency: 'EUR',
    period: '2026-11',
    destination: 'acct_1',
    lines: [line(800), line(1600)],
    minimumMinor: 1000,
    now: NOW,
    ...overrides,
  });
}

describe('Payout', () => {
  it('pays the sum of its lines, refunds included, requested at attempt 1', () => {
    const payout = open({ lines: [line(800), line(1600), line(-400, 'refund.completed')] }) as Payout;
    expect(payout.snapshot()).toMatchObject({ amountMinor: 2000, status: 'requested', attempt: 1, transferId: null });
  });

  it('is not opened below the minimum, at zero or when refunds exceed sales (the balance carries over)', () => {
    expect(open({ lines: [line(999)] })).toBeUndefined();
    expect(open({ lines: [] })).toBeUndefined();
    expect(open({ lines: [line(500), line(-900, 'refund.completed')], minimumMinor: 1 })).toBeUndefined();
    expect(open({ lines: [line(1000)] })?.amountMinor).toBe(1000);
  });

  it('requested → paid, and a paid payout cannot fail or be retried', () => {
    const payout = open() as Payout;
    payout.markPaid('tr_1', NOW);
    expect(payout.snapshot()).toMatchObject({ status: 'paid', transferId: 'tr_1', paidAt: NOW });
    expect(() => payout.markFailed('x', NOW)).toThrow(expect.objectContaining({ code: 'COMMERCE.PAYOUT_INVALID_TRANSITION' }));
    expect(() => payout.retry('acct_1', NOW)).toThrow(expect.objectContaining({ code: 'COMMERCE.PAYOUT_INVALID_TRANSITION' }));
    expect(() => payout.markPaid('tr_2', NOW)).toThrow(expect.objectContaining({ code: 'COMMERCE.PAYOUT_INVALID_TRANSITION' }));
  });

  it('requested → failed → retried as a new attempt with a new reference', () => {
    const payout = open() as Payout;
    const firstRef = payout.attemptReference();
    payout.markFailed('insufficient balance', NOW);
    expect(payout.status).toBe('failed');
    expect(() => payout.markPaid('tr_1', NOW)).toThrow();
    payout.retry('acct_2', NOW);
    expect(payout.snapshot()).toMatchObject({ status: 'requested', attempt: 2, destination: 'acct_2' });
    expect(payout.attemptReference()).not.toBe(firstRef);
    expect(() => payout.retry('acct_2', NOW)).toThrow();
  });

  it('posts balanced entries of the amount moved: payable → in transit → settled, or back to payable when refused', () => {
    const payout = open() as Payout;
    for (const postings of [payoutRequestedPostings(payout, 2400), payoutPaidPostings(payout, 1600), payoutFailedPostings(payout, 800)]) {
      expect(() => journalEntry({ id: 'e', kind: 'k', reference: 'r', postings, occurredAt: NOW })).not.toThrow();
    }
    expect(payoutRequestedPostings(payout, 2400)).toEqual([
      { account: { kind: 'seller_payable', ownerId: 'org-1', currency: 'EUR' }, amountMinor: -2400 },
      { account: { kind: 'payouts_in_transit', ownerId: 'org-1', currency: 'EUR' }, amountMinor: 2400 },
    ]);
    expect(payoutPaidPostings(payout, 1600)).toEqual([
      { account: { kind: 'payouts_in_transit', ownerId: 'org-1', currency: 'EUR' }, amountMinor: -1600 },
      { account: { kind: 'payment_clearing', ownerId: 'platform', currency: 'EUR' }, amountMinor: 1600 },
    ]);
    expect(payoutFailedPostings(payout, 800)[1]).toEqual({ account: { kind: 'seller_payable', ownerId: 'org-1', currency: 'EUR' }, amountMinor: 800 });
    for (const bad of [0, -1, 1.5]) expect(() => payoutPaidPostings(payout, bad)).toThrow();
  });
});

describe('payout periods', () => {
  it('bounds a month in UTC and refuses malformed ones', () => {
    expect(periodBounds('2026-12')).toEqual({ start: new Date('2026-12-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') });
    for (const bad of ['2026-13', '2026-1', '26-11', '2026-00', 'x']) {
      expect(() => periodBounds(bad)).toThrow(expect.objectContaining({ code: 'COMMERCE.PAYOUT_PERIOD_INVALID' }));
    }
  });

  it('pays up to the end of a past month, up to now in the running month, and refuses a future month', () => {
    expect(payableUntil('2026-11', NOW)).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(payableUntil('2026-12', NOW)).toEqual(NOW);
    expect(() => payableUntil('2027-01', NOW)).toThrow(expect.objectContaining({ code: 'COMMERCE.PAYOUT_PERIOD_INVALID' }));
  });

  it('the run on the first of a month pays the month before, across a year', () => {
    expect(previousPeriod(new Date('2027-01-01T03:00:00Z'))).toBe('2026-12');
    expect(previousPeriod(new Date('2026-12-01T03:00:00Z'))).toBe('2026-11');
  });
});
