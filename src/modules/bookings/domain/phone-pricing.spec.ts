import { normalizePhone } from './phone';
import { quote } from './pricing';
import { inServiceArea } from './shop';
import { scheduleErrors } from './shop-schedule';

describe('phone numbers', () => {
  it('normalizes to E.164 with the shop’s calling code for national numbers', () => {
    expect(normalizePhone('9876543210', '91')).toBe('+919876543210');
    expect(normalizePhone('098765 43210', '91')).toBe('+919876543210');
    expect(normalizePhone('+1 (415) 555-0123', '91')).toBe('+14155550123');
    expect(normalizePhone('0044 20 7946 0958', '91')).toBe('+442079460958');
  });

  it('refuses what is not a phone number', () => {
    expect(normalizePhone('12', '91')).toBeUndefined();
    expect(normalizePhone('+0123456789', '91')).toBeUndefined();
    expect(normalizePhone('98765x43210', '91')).toBeUndefined();
    expect(normalizePhone('+1234567890123456', '91')).toBeUndefined();
  });
});

describe('quotes', () => {
  it('uses the vehicle model’s price where the shop set one, else the base price', () => {
    const result = quote([
      { id: 'a', name: 'Oil change', durationMinutes: 30, basePriceMinor: 50_000, modelPriceMinor: 65_000 },
      { id: 'b', name: 'Chain', durationMinutes: 45, basePriceMinor: 30_000, modelPriceMinor: null },
    ]);
    expect(result).toEqual({
      services: [
        { serviceId: 'a', name: 'Oil change', priceMinor: 65_000, durationMinutes: 30 },
        { serviceId: 'b', name: 'Chain', priceMinor: 30_000, durationMinutes: 45 },
      ],
      totalMinor: 95_000,
      durationMinutes: 75,
    });
  });
});

describe('shop rules', () => {
  it('checks the home-service area by postal code or city', () => {
    const shop = { homeServicePostalCodes: ['560001'], homeServiceCities: ['Mysuru'] };
    expect(inServiceArea(shop, '12 MG Road, Bengaluru 560001')).toBe(true);
    expect(inServiceArea(shop, '4 Palace Rd, mysuru')).toBe(true);
    expect(inServiceArea(shop, '1 Marine Drive, Mumbai 400020')).toBe(false);
    expect(inServiceArea({ homeServicePostalCodes: [], homeServiceCities: [] }, 'anywhere')).toBe(true);
  });

  it('refuses overlapping or inverted hours and impossible closures', () => {
    expect(
      scheduleErrors(
        [
          { day: 'monday', open: '09:00', close: '13:00' },
          { day: 'monday', open: '12:00', close: '18:00' },
          { day: 'tuesday', open: '18:00', close: '09:00' },
        ],
        [{ date: '2026-02-30', reason: 'x' }],
      ),
    ).toEqual({
      'weekly_hours[2].close': ['close must be after open'],
      weekly_hours: ['monday has overlapping intervals'],
      'closures[0].date': ['date must be a calendar date YYYY-MM-DD'],
    });
    expect(scheduleErrors([{ day: 'sunday', open: '00:00', close: '24:00' }], [])).toEqual({});
  });
});
