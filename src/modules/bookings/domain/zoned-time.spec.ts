import { isCalendarDate, isoWeekday, isValidTimeZone, offsetMinutes, zonedInstant, zonedIso, zonedParts } from './zoned-time';

describe('zoned time', () => {
  it('turns a wall-clock time of a zone into the instant', () => {
    expect(zonedInstant('2026-06-15', 9 * 60, 'Asia/Kolkata').toISOString()).toBe('2026-06-15T03:30:00.000Z');
    expect(zonedInstant('2026-01-15', 9 * 60, 'America/New_York').toISOString()).toBe('2026-01-15T14:00:00.000Z');
    expect(zonedInstant('2026-07-15', 9 * 60, 'America/New_York').toISOString()).toBe('2026-07-15T13:00:00.000Z');
  });

  it('moves a time that does not exist (clocks going forward) forward by the gap', () => {
    // 2026-03-08: New York goes from 02:00 EST to 03:00 EDT.
    expect(zonedInstant('2026-03-08', 2 * 60 + 30, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(zonedIso(new Date('2026-03-08T07:30:00Z'), 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
  });

  it('takes the earlier of an ambiguous time (clocks going back)', () => {
    // 2026-11-01: New York goes from 02:00 EDT back to 01:00 EST; 01:30 happens twice.
    expect(zonedInstant('2026-11-01', 90, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('handles half-hour zones and the southern hemisphere', () => {
    expect(offsetMinutes(new Date('2026-01-10T00:00:00Z'), 'Australia/Adelaide')).toBe(630);
    expect(offsetMinutes(new Date('2026-07-10T00:00:00Z'), 'Australia/Adelaide')).toBe(570);
    expect(zonedInstant('2026-04-05', 2 * 60 + 30, 'Australia/Adelaide').toISOString()).toBe('2026-04-04T16:00:00.000Z');
  });

  it('reads an instant back as the zone’s date and minute', () => {
    expect(zonedParts(new Date('2026-03-08T07:30:00Z'), 'America/New_York')).toEqual({ date: '2026-03-08', minuteOfDay: 3 * 60 + 30 });
    expect(zonedParts(new Date('2026-06-14T20:00:00Z'), 'Asia/Kolkata')).toEqual({ date: '2026-06-15', minuteOfDay: 90 });
  });

  it('validates zones and dates', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isoWeekday('2026-03-08')).toBe(7);
  });
});
