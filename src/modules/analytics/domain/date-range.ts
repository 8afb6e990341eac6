import { AnalyticsErrors } from './analytics-errors';

export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function parse(value: string): number | undefined {
  if (!ISO_DAY.test(value)) return undefined;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value ? undefined : time;
}

/** Checks a requested range of UTC days: real dates, from ≤ to, at most MAX_RANGE_DAYS days in all. */
export function checkedRange(from: string, to: string): { from: string; to: string; days: string[] } {
  const start = parse(from);
  const end = parse(to);
  const errors: Record<string, string[]> = {};
  if (start === undefined) errors.from = ['from must be a real date (YYYY-MM-DD)'];
  if (end === undefined) errors.to = ['to must be a real date (YYYY-MM-DD)'];
  if (start !== undefined && end !== undefined) {
    if (end < start) errors.to = ['to must not be before from'];
    else if ((end - start) / DAY_MS + 1 > MAX_RANGE_DAYS) errors.to = [`the range may cover at most ${MAX_RANGE_DAYS} days`];
  }
  if (Object.keys(errors).length > 0) throw AnalyticsErrors.validation(errors);
  const days: string[] = [];
  for (let t = start!; t <= end!; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return { from, to, days };
}

/** The UTC day of an ISO timestamp. */
export function utcDay(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}
