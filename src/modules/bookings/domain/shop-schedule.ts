import { formatClock, isCalendarDate, isoWeekday, parseClock, zonedInstant } from './zoned-time';

/** Days as the API names them, ISO order (Monday first). */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening interval of a weekday, in wall-clock `HH:MM` of the shop's zone (`close` may be `24:00`). */
export interface OpeningHours {
  day: Weekday;
  open: string;
  close: string;
}

/** A whole day the shop is closed (holiday, inventory…). */
export interface Closure {
  date: string;
  reason: string;
}

export const MAX_INTERVALS_PER_DAY = 4;
export const MAX_CLOSURES = 366;

/** Problems with a week's hours and closures, by field (empty when valid). */
export function scheduleErrors(hours: OpeningHours[], closures: Closure[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const byDay = new Map<Weekday, Array<[number, number]>>();
  hours.forEach((entry, index) => {
    const open = parseClock(entry.open);
    const close = parseClock(entry.close);
    if (!WEEKDAYS.includes(entry.day)) add(`weekly_hours[${index}].day`, `day must be one of ${WEEKDAYS.join(', ')}`);
    if (open === undefined || open >= 24 * 60) add(`weekly_hours[${index}].open`, 'open must be a time HH:MM before 24:00');
    if (close === undefined) add(`weekly_hours[${index}].close`, 'close must be a time HH:MM up to 24:00');
    if (open !== undefined && close !== undefined && close <= open) add(`weekly_hours[${index}].close`, 'close must be after open');
    if (open !== undefined && close !== undefined && close > open) {
      const list = byDay.get(entry.day) ?? [];
      list.push([open, close]);
      byDay.set(entry.day, list);
    }
  });
  for (const [day, list] of byDay) {
    if (list.length > MAX_INTERVALS_PER_DAY) add('weekly_hours', `${day} has more than ${MAX_INTERVALS_PER_DAY} intervals`);
    const sorted = [...list].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i][0] < sorted[i - 1][1]) add('weekly_hours', `${day} has overlapping intervals`);
    }
  }
  if (closures.length > MAX_CLOSURES) add('closures', `at most ${MAX_CLOSURES} closures`);
  closures.forEach((closure, index) => {
    if (!isCalendarDate(closure.date)) add(`closures[${index}].date`, 'date must be a calendar date YYYY-MM-DD');
  });
  return errors;
}

/** Opening intervals sorted by day and time, as stored. */
export function normalizedHours(hours: OpeningHours[]): OpeningHours[] {
  return [...hours]
    .map((entry) => ({ day: entry.day, open: formatClock(parseClock(entry.open)!), close: formatClock(parseClock(entry.close)!) }))
    .sort((a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) || a.open.localeCompare(b.open));
}

/** The instants a date's opening intervals start and end, in the shop's zone; none on a closure. */
export function openingWindows(date: string, timeZone: string, hours: OpeningHours[], closures: Closure[]): Array<{ start: Date; end: Date }> {
  if (closures.some((closure) => closure.date === date)) return [];
  const day = WEEKDAYS[isoWeekday(date) - 1];
  return hours
    .filter((entry) => entry.day === day)
    .map((entry) => ({ start: zonedInstant(date, parseClock(entry.open)!, timeZone), end: zonedInstant(date, parseClock(entry.close)!, timeZone) }))
    .filter((window) => window.end > window.start)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}
