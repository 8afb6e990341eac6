import { freeSlots, openMinutes, SchedulingRules } from './availability';

const everyDay = (open: string, close: string) =>
  (['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const).map((day) => ({ day, open, close }));

function rules(overrides: Partial<SchedulingRules> = {}): SchedulingRules {
  return {
    timeZone: 'Asia/Kolkata',
    hours: everyDay('09:00', '13:00'),
    closures: [],
    slotStepMinutes: 60,
    bufferMinutes: 0,
    minNoticeMinutes: 0,
    ...overrides,
  };
}

const longAgo = new Date('2020-01-01T00:00:00Z');
const local = (slots: Array<{ start: Date }>, timeZone = 'Asia/Kolkata') =>
  slots.map((slot) => slot.start.toLocaleTimeString('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }));

describe('free slots', () => {
  it('steps through the opening hours; a job must end by closing time', () => {
    const slots = freeSlots(rules(), { date: '2026-06-15', durationMinutes: 90, now: longAgo, bayIds: ['a'], occupations: [] });
    expect(local(slots)).toEqual(['09:00', '10:00', '11:00']);
  });

  it('offers nothing on a closure or a day without hours', () => {
    const closed = rules({ closures: [{ date: '2026-06-15', reason: 'Holiday' }] });
    expect(freeSlots(closed, { date: '2026-06-15', durationMinutes: 30, now: longAgo, bayIds: ['a'], occupations: [] })).toEqual([]);
    const weekdays = rules({ hours: [{ day: 'monday', open: '09:00', close: '12:00' }] });
    expect(freeSlots(weekdays, { date: '2026-06-16', durationMinutes: 30, now: longAgo, bayIds: ['a'], occupations: [] })).toEqual([]);
  });

  it('keeps a bay taken for the job plus the buffer, and uses another bay when one is free', () => {
    const taken = [{ bayId: 'a', start: new Date('2026-06-15T04:30:00Z'), blockedUntil: new Date('2026-06-15T05:45:00Z') }]; // 10:00–11:15 IST
    const oneBay = freeSlots(rules({ bufferMinutes: 15 }), { date: '2026-06-15', durationMinutes: 45, now: longAgo, bayIds: ['a'], occupations: taken });
    // 09:00 + 45 min + 15 min buffer = 10:00, touching the job at 10:00 (half-open ranges): free. 11:00 overlaps until 11:15.
    expect(local(oneBay)).toEqual(['09:00', '12:00']);
    const twoBays = freeSlots(rules({ bufferMinutes: 15 }), { date: '2026-06-15', durationMinutes: 45, now: longAgo, bayIds: ['a', 'b'], occupations: taken });
    expect(local(twoBays)).toEqual(['09:00', '10:00', '11:00', '12:00']);
    expect(twoBays[1].freeBayIds).toEqual(['b']);
  });

  it('respects the minimum notice', () => {
    const now = new Date('2026-06-15T04:10:00Z'); // 09:40 IST
    const slots = freeSlots(rules({ minNoticeMinutes: 60 }), { date: '2026-06-15', durationMinutes: 30, now, bayIds: ['a'], occupations: [] });
    expect(local(slots)).toEqual(['11:00', '12:00']);
  });

  it('never offers a time that does not exist on the day clocks go forward, and the night is an hour shorter', () => {
    const night = rules({ timeZone: 'America/New_York', hours: everyDay('00:00', '06:00'), slotStepMinutes: 60 });
    const slots = freeSlots(night, { date: '2026-03-08', durationMinutes: 60, now: longAgo, bayIds: ['a'], occupations: [] });
    expect(local(slots, 'America/New_York')).toEqual(['00:00', '01:00', '03:00', '04:00', '05:00']);
    expect(openMinutes(night, '2026-03-08')).toBe(5 * 60);
    expect(openMinutes(night, '2026-03-09')).toBe(6 * 60);
  });

  it('offers both 01:00s on the day clocks go back, and the night is an hour longer', () => {
    const night = rules({ timeZone: 'America/New_York', hours: everyDay('00:00', '04:00'), slotStepMinutes: 60 });
    const slots = freeSlots(night, { date: '2026-11-01', durationMinutes: 60, now: longAgo, bayIds: ['a'], occupations: [] });
    expect(slots.map((slot) => slot.start.toISOString())).toEqual([
      '2026-11-01T04:00:00.000Z', // 00:00 EDT
      '2026-11-01T05:00:00.000Z', // 01:00 EDT
      '2026-11-01T06:00:00.000Z', // 01:00 EST
      '2026-11-01T07:00:00.000Z', // 02:00 EST
      '2026-11-01T08:00:00.000Z', // 03:00 EST
    ]);
    expect(openMinutes(night, '2026-11-01')).toBe(5 * 60);
  });

  it('keeps daytime hours on the clock across a change (Europe, last Sunday of March)', () => {
    const paris = rules({ timeZone: 'Europe/Paris', hours: everyDay('09:00', '11:00') });
    const before = freeSlots(paris, { date: '2026-03-28', durationMinutes: 60, now: longAgo, bayIds: ['a'], occupations: [] });
    const after = freeSlots(paris, { date: '2026-03-29', durationMinutes: 60, now: longAgo, bayIds: ['a'], occupations: [] });
    expect(before.map((slot) => slot.start.toISOString())).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-28T09:00:00.000Z']);
    expect(after.map((slot) => slot.start.toISOString())).toEqual(['2026-03-29T07:00:00.000Z', '2026-03-29T08:00:00.000Z']);
  });
});
