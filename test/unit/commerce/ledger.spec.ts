import fc from 'fast-check';
import { account, applyPosting, journalEntry, refundPostings, salePostings, topUpPostings } from '../../../src/modules/commerce/domain/ledger';
import { refundSplit, splitRevenue } from '../../../src/modules/commerce/domain/revenue-split';

const at = new Date('2026-12-01T00:00:00Z');

function entry(postings: Parameters<typeof journalEntry>[0]['postings']) {
  return journalEntry({ id: 'e', kind: 'test', reference: 'r', postings, occurredAt: at });
}

describe('ledger', () => {
  it('accepts entries that balance to zero per currency', () => {
    const e = entry(topUpPostings('u1', 'EUR', 500));
    expect(e.postings).toHaveLength(2);
  });

  it('refuses unbalanced entries, fractions and lone postings', () => {
    expect(() =>
      entry([
        { account: account.clearing('EUR'), amountMinor: -500 },
        { account: account.wallet('u', 'EUR'), amountMinor: 499 },
      ]),
    ).toThrow('balance to zero');
    expect(() =>
      entry([
        { account: account.clearing('EUR'), amountMinor: -5 },
        { account: account.wallet('u', 'USD'), amountMinor: 5 },
      ]),
    ).toThrow('balance to zero');
    expect(() =>
      entry([
        { account: account.clearing('EUR'), amountMinor: -0.5 },
        { account: account.wallet('u', 'EUR'), amountMinor: 0.5 },
      ]),
    ).toThrow('whole number');
    expect(() => entry([{ account: account.clearing('EUR'), amountMinor: 0 }])).toThrow('balance to zero');
  });

  it('merges postings to one account and drops zeros', () => {
    const e = entry([
      { account: account.clearing('EUR'), amountMinor: -5 },
      { account: account.wallet('u', 'EUR'), amountMinor: 2 },
      { account: account.wallet('u', 'EUR'), amountMinor: 3 },
      { account: account.platformRevenue('EUR'), amountMinor: 0 },
    ]);
    expect(e.postings).toEqual([
      { account: account.clearing('EUR'), amountMinor: -5 },
      { account: account.wallet('u', 'EUR'), amountMinor: 5 },
    ]);
  });

  it('never lets a wallet go negative, while the seller payable may (refund after payout)', () => {
    expect(applyPosting('buyer_wallet', 100, -100)).toBe(0);
    expect(() => applyPosting('buyer_wallet', 100, -101)).toThrow('balance is too low');
    expect(() => applyPosting('payouts_in_transit', 0, -1)).toThrow('balance is too low');
    expect(applyPosting('seller_payable', 0, -50)).toBe(-50);
  });

  it('a sale and its refunds, whatever the amounts, balance and leave every account where it started', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 10 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 5 }), (total, bps, cuts) => {
        const split = splitRevenue(total, bps);
        const balances = new Map<string, number>();
        const post = (postings: Parameters<typeof entry>[0]) => {
          for (const p of entry(postings).postings) {
            const key = `${p.account.kind}:${p.account.ownerId}`;
            balances.set(key, (balances.get(key) ?? 0) + p.amountMinor);
          }
        };
        post(salePostings({ sellerOrgId: 's', currency: 'EUR', totalMinor: total, split, funding: { kind: 'provider' } }));
        let refunded = 0;
        for (let i = 0; i < cuts; i++) {
          const amount = i === cuts - 1 ? total - refunded : Math.floor(total / cuts);
          if (amount === 0) continue;
          post(
            refundPostings({
              sellerOrgId: 's',
              currency: 'EUR',
              refund: refundSplit({ totalMinor: total, split }, refunded, amount),
              funding: { kind: 'provider' },
            }),
          );
          refunded += amount;
        }
        for (const value of balances.values()) expect(value).toBe(0);
      }),
    );
  });
});
