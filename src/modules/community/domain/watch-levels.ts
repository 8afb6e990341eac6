/**
 * Watch levels as Discourse has them, per thread and per category:
 * - muted: never notified, not counted as unread;
 * - normal: notified only when someone replies to one of your posts;
 * - tracking: unread counts shown, notified of replies to you;
 * - watching: notified of every new reply (on a category: of every new thread too).
 * A thread without a level of its own takes its category's, else normal.
 * Starting a thread or replying to one sets `watching` unless the person chose a level for it.
 */
export const WATCH_LEVELS = ['muted', 'normal', 'tracking', 'watching'] as const;
export type WatchLevel = (typeof WATCH_LEVELS)[number];

export const DEFAULT_WATCH_LEVEL: WatchLevel = 'normal';
/** What starting or replying to a thread sets when the person has no level of their own on it. */
export const PARTICIPANT_WATCH_LEVEL: WatchLevel = 'watching';

export function effectiveWatchLevel(threadLevel: WatchLevel | null | undefined, categoryLevel: WatchLevel | null | undefined): WatchLevel {
  return threadLevel ?? categoryLevel ?? DEFAULT_WATCH_LEVEL;
}

/** Whether a new reply in a thread notifies someone at `level`, given whether it answers one of their posts. */
export function notifiedOfReply(level: WatchLevel, repliesToTheirPost: boolean): boolean {
  if (level === 'muted') return false;
  if (level === 'watching') return true;
  return repliesToTheirPost;
}

/** Whether a new thread in a category notifies someone watching it at `level`. */
export function notifiedOfNewThread(categoryLevel: WatchLevel | null | undefined): boolean {
  return categoryLevel === 'watching';
}

/** Whether the thread shows an unread count for someone at `level` (muted and normal threads do not nag). */
export function showsUnread(level: WatchLevel): boolean {
  return level === 'tracking' || level === 'watching';
}
