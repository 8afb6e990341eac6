import fc from 'fast-check';
import { DEFAULT_PLATFORM_COMMISSION_BPS, refundSplit, splitRevenue } from '../../../src/modules/commerce/domain/revenue-split';

describe('revenue split', () => {
  it('is 80 % to the seller and 20 % to the platform by default (seed 000)', () => {
    expect(DEFAULT_PLATFORM_COMMISSION_BPS).toBe(2000);
    expect(splitRevenue(10_000)).toEqual({ sellerMinor: 8000, platformMinor: 2000 });
  });

  it('rounds the commission down: the fraction goes to the seller', () => {
    expect(splitRevenue(1999)).toEqual({ sellerMinor: 1600, platformMinor: 399 });
    expect(splitRevenue(1)).toEqual({ sellerMinor: 1, platformMinor: 0 });
    expect(splitRevenue(0)).toEqual({ sellerMinor: 0, platformMinor: 0 });
  });

  it('always adds up to the amount, with the platform never above its rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
        const { sellerMinor, platformMinor } = splitRevenue(amount, bps);
        expect(sellerMinor + platformMinor).toBe(amount);
        expect(platformMinor).toBeGreaterThanOrEqual(0);
        expect(sellerMinor).toBeGreaterThanOrEqual(0);
        expect(BigInt(platformMinor) * 10_000n).toBeLessThanOrEqual(BigInt(amount) * BigInt(bps));
        expect((BigInt(platformMinor) + 1n) * 10_000n).toBeGreaterThan(BigInt(amount) * BigInt(bps));
      }),
    );
  });

  it('refuses rates outside 0..100 %', () => {
    expect(() => splitRevenue(100, 10_001)).toThrow('basis points');
    expect(() => splitRevenue(100, 12.5)).toThrow('basis points');
  });

  it('partial refunds reverse each part exactly once everything is refunded', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }),
        (total, bps, weights) => {
          const split = splitRevenue(total, bps);
          // Cut the total into refunds in proportion to the weights (some may be zero: skipped).
          const sum = weights.reduce((a, b) => a + b, 0);
          const amounts: number[] = [];
          let given = 0;
          weights.forEach((w, i) => {
            const amount = i === weights.length - 1 ? total - given : Math.floor((total * w) / sum);
            given += amount;
            if (amount > 0) amounts.push(amount);
          });
          let refunded = 0;
          let seller = 0;
          let platform = 0;
          for (const amount of amounts) {
            const part = refundSplit({ totalMinor: total, split }, refunded, amount);
            expect(part.sellerMinor + part.platformMinor).toBe(amount);
            expect(part.platformMinor).toBeGreaterThanOrEqual(0);
            expect(part.sellerMinor).toBeGreaterThanOrEqual(0);
            refunded += amount;
            seller += part.sellerMinor;
            platform += part.platformMinor;
          }
          expect(refunded).toBe(total);
          expect(seller).toBe(split.sellerMinor);
          expect(platform).toBe(split.platformMinor);
        },
      ),
    );
  });

  it('refuses a refund above what is left', () => {
    const split = splitRevenue(1000);
    expect(() => refundSplit({ totalMinor: 1000, split }, 600, 401)).toThrow('cannot exceed');
  });
});
