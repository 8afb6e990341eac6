import { openingWindows, type Closure, type OpeningHours } from './shop-schedule';

const MINUTE_MS = 60_000;

/** A period a bay is taken: the job plus the buffer after it (what the exclusion constraint compares). */
export interface BayOccupation {
  bayId: string;
  start: Date;
  blockedUntil: Date;
}

export interface SchedulingRules {
  timeZone: string;
  hours: OpeningHours[];
  closures: Closure[];
  /** Start times are offered every this many minutes from each opening. */
  slotStepMinutes: number;
  /** A bay stays taken this long after a job, for cleaning and handover. */
  bufferMinutes: number;
  /** No start time sooner than this after now. */
  minNoticeMinutes: number;
}

export interface AvailabilityRequest {
  date: string;
  durationMinutes: number;
  now: Date;
  bayIds: string[];
  occupations: BayOccupation[];
}

export interface Slot {
  start: Date;
  end: Date;
  /** The job and its buffer. */
  blockedUntil: Date;
  freeBayIds: string[];
}

/**
 * The free start times of a date: stepping through each opening window in
 * real time (so a day when the clocks change is an hour shorter or longer, and
 * never offers a time that does not exist), a job must end by closing time,
 * start after the minimum notice, and find a bay whose job-plus-buffer does
 * not overlap another job-plus-buffer on it.
 */
export function freeSlots(rules: SchedulingRules, request: AvailabilityRequest): Slot[] {
  const durationMs = request.durationMinutes * MINUTE_MS;
  const blockMs = durationMs + rules.bufferMinutes * MINUTE_MS;
  const stepMs = rules.slotStepMinutes * MINUTE_MS;
  const earliest = request.now.getTime() + rules.minNoticeMinutes * MINUTE_MS;
  const byBay = new Map<string, BayOccupation[]>(request.bayIds.map((id) => [id, []]));
  for (const occupation of request.occupations) byBay.get(occupation.bayId)?.push(occupation);

  const slots: Slot[] = [];
  for (const window of openingWindows(request.date, rules.timeZone, rules.hours, rules.closures)) {
    for (let start = window.start.getTime(); start + durationMs <= window.end.getTime(); start += stepMs) {
      if (start < earliest) continue;
      const blockedUntil = start + blockMs;
      const freeBayIds = request.bayIds.filter((bayId) =>
        byBay.get(bayId)!.every((taken) => blockedUntil <= taken.start.getTime() || taken.blockedUntil.getTime() <= start),
      );
      if (freeBayIds.length > 0) slots.push({ start: new Date(start), end: new Date(start + durationMs), blockedUntil: new Date(blockedUntil), freeBayIds });
    }
  }
  return slots;
}

/** Minutes the shop is open on a date (for bay utilization). */
export function openMinutes(rules: Pick<SchedulingRules, 'timeZone' | 'hours' | 'closures'>, date: string): number {
  return openingWindows(date, rules.timeZone, rules.hours, rules.closures).reduce(
    (sum, window) => sum + (window.end.getTime() - window.start.getTime()) / MINUTE_MS,
    0,
  );
}
