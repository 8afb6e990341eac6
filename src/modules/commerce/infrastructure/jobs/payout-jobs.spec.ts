import { payoutPeriodOf } from './payout-jobs';

describe('the monthly payouts job', () => {
  it('pays the month before its scheduled time, not before the time it was queued', () => {
    // Queued by the 1 December run, scheduled for 1 January: it pays December.
    const queuedAt = Date.parse('2026-12-01T03:00:00.010Z');
    const scheduledFor = Date.parse('2027-01-01T03:00:00Z');
    expect(payoutPeriodOf({ timestamp: queuedAt, opts: { delay: scheduledFor - queuedAt } })).toBe('2026-12');
  });

  it('a job added without delay pays the month before it was added', () => {
    expect(payoutPeriodOf({ timestamp: Date.parse('2026-11-01T03:00:00Z'), opts: {} })).toBe('2026-10');
  });
});
