import { Discount, DiscountSettings } from './discount';

const NOW = new Date('2026-06-01T12:00:00Z');

function discount(settings: Partial<DiscountSettings> = {}, usesCount = 0): Discount {
  const created = Discount.create({
    id: '00000000-0000-4000-8000-000000000001',
    orgId: '00000000-0000-4000-8000-0000000000aa',
    now: NOW,
    code: 'Summer-10',
    description: null,
    value: { type: 'percentage', percentBps: 1000 },
    currency: null,
    minOrderMinor: 0,
    startsAt: null,
    endsAt: null,
    maxUses: null,
    maxUsesPerCustomer: null,
    scope: { type: 'organization' },
    active: true,
    ...settings,
  });
  return Discount.restore({ ...created.snapshot(), usesCount });
}

const line = (subtotalMinor: number, kind: 'tune' | 'part' | 'vehicle' = 'part', listingId = 'l1') => ({ listingId, kind, subtotalMinor });
const evaluate = (d: Discount, lines = [line(1999)], extra: { currency?: string; customerUses?: number; now?: Date } = {}) =>
  d.evaluate({ currency: extra.currency ?? 'EUR', lines, customerUses: extra.customerUses ?? 0, now: extra.now ?? NOW });

describe('Discount', () => {
  it('rounds a percentage down: 10 % of 1 999 is 199', () => {
    expect(evaluate(discount())).toEqual({ applies: true, discountMinor: 199, eligible: [true] });
  });

  it('caps a fixed amount at the eligible subtotal, so a total never goes below zero', () => {
    const d = discount({ value: { type: 'fixed', amountMinor: 5000 }, currency: 'EUR' });
    expect(evaluate(d, [line(1200)])).toMatchObject({ applies: true, discountMinor: 1200 });
  });

  it('takes off only what the scope covers', () => {
    const d = discount({ scope: { type: 'kinds', kinds: ['tune'] }, value: { type: 'percentage', percentBps: 5000 } });
    expect(evaluate(d, [line(1000, 'tune', 'a'), line(3000, 'part', 'b')])).toEqual({ applies: true, discountMinor: 500, eligible: [true, false] });
    const listings = discount({ scope: { type: 'listings', listingIds: ['b'] } });
    expect(evaluate(listings, [line(1000, 'tune', 'a'), line(3000, 'part', 'b')])).toMatchObject({ discountMinor: 300, eligible: [false, true] });
  });

  it('refuses with a reason', () => {
    const reason = (d: Discount, extra = {}, lines = [line(1999)]) => {
      const outcome = evaluate(d, lines, extra);
      return outcome.applies ? 'applies' : outcome.reason;
    };
    expect(reason(discount({ active: false }))).toBe('inactive');
    expect(reason(discount({ startsAt: new Date('2026-07-01T00:00:00Z') }))).toBe('not_started');
    expect(reason(discount({ endsAt: NOW }))).toBe('expired');
    expect(reason(discount({ maxUses: 3 }, 3))).toBe('used_up');
    expect(reason(discount({ maxUsesPerCustomer: 1 }), { customerUses: 1 })).toBe('customer_limit_reached');
    expect(reason(discount({ currency: 'USD' }))).toBe('currency_mismatch');
    expect(reason(discount({ minOrderMinor: 2000, currency: 'EUR' }))).toBe('minimum_not_met');
    expect(reason(discount({ minOrderMinor: 1999, currency: 'EUR' }))).toBe('applies');
    expect(reason(discount({ scope: { type: 'kinds', kinds: ['vehicle'] } }))).toBe('no_eligible_items');
  });

  it('refuses invalid definitions', () => {
    expect(() => discount({ value: { type: 'fixed', amountMinor: 100 } })).toThrow('invalid fields');
    expect(() => discount({ value: { type: 'percentage', percentBps: 0 } })).toThrow('invalid fields');
    expect(() => discount({ minOrderMinor: 100 })).toThrow('invalid fields');
    expect(() => discount({ code: 'a b' })).toThrow('invalid fields');
    expect(() => discount({ startsAt: NOW, endsAt: NOW })).toThrow('invalid fields');
    const used = discount({ maxUses: 10 }, 5);
    expect(() => used.update({ maxUses: 4 }, NOW)).toThrow('invalid fields');
  });
});
