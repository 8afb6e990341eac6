import { DomainError } from '../../../platform/kernel';
import { checkedRange, MAX_RANGE_DAYS } from './date-range';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as DomainError).code;
  }
};

describe('checkedRange', () => {
  it('lists every UTC day of an inclusive range, across a month end and a leap day', () => {
    expect(checkedRange('2028-02-28', '2028-03-01').days).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(checkedRange('2026-12-05', '2026-12-05').days).toEqual(['2026-12-05']);
  });

  it('accepts exactly MAX_RANGE_DAYS days and refuses one more', () => {
    expect(checkedRange('2026-01-01', '2027-01-01').days).toHaveLength(MAX_RANGE_DAYS);
    expect(codeOf(() => checkedRange('2026-01-01', '2027-01-02'))).toBe('ANALYTICS.VALIDATION_FAILED');
  });

  it('refuses a reversed range and dates that do not exist', () => {
    expect(codeOf(() => checkedRange('2026-03-02', '2026-03-01'))).toBe('ANALYTICS.VALIDATION_FAILED');
    expect(codeOf(() => checkedRange('2026-02-30', '2026-03-01'))).toBe('ANALYTICS.VALIDATION_FAILED');
    expect(codeOf(() => checkedRange('2026-1-01', '2026-03-01'))).toBe('ANALYTICS.VALIDATION_FAILED');
  });
});
