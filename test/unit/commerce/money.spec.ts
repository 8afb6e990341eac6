import fc from 'fast-check';
import { DomainError } from '../../../src/platform/kernel';
import { add, allocate, money, multiply, shareFloor } from '../../../src/modules/commerce/domain/money';

describe('money', () => {
  it('is whole minor units in an ISO currency', () => {
    expect(money(1999, 'EUR')).toEqual({ amountMinor: 1999, currency: 'EUR' });
    expect(() => money(19.99, 'EUR')).toThrow(DomainError);
    expect(() => money(100, 'eur')).toThrow('currency');
    expect(() => money(Number.MAX_SAFE_INTEGER + 1, 'EUR')).toThrow(DomainError);
  });

  it('never adds two currencies', () => {
    expect(add(money(1, 'EUR'), money(2, 'EUR')).amountMinor).toBe(3);
    expect(() => add(money(1, 'EUR'), money(2, 'USD'))).toThrow('cannot be combined');
  });

  it('multiplies exactly and refuses overflow', () => {
    expect(multiply(money(333, 'USD'), 3).amountMinor).toBe(999);
    expect(() => multiply(money(2 ** 52, 'USD'), 4)).toThrow('too large');
  });

  it('takes floor shares in basis points, exactly for large amounts', () => {
    expect(shareFloor(1999, 2000)).toBe(399);
    expect(shareFloor(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('allocates parts that always add up to the total, each within one unit of its exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.array(fc.integer({ min: 0, max: 10 ** 6 }), { minLength: 1, maxLength: 20 }), (total, weights) => {
        const parts = allocate(total, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        const weightSum = weights.reduce((a, b) => a + b, 0);
        parts.forEach((part, i) => {
          expect(part).toBeGreaterThanOrEqual(0);
          if (weightSum > 0) expect(Math.abs(part - (total * weights[i]) / weightSum)).toBeLessThan(1 + 1e-6 * total);
        });
      }),
    );
  });

  it('gives the leftover units to the largest remainders', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [0, 0])).toEqual([10, 0]);
  });
});
