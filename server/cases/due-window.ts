/**
 * The inbox's due filters — 今天到期, 7天内到期, 已超期 — as instants. Days are Asia/Shanghai
 * calendar days whatever the server's time zone; "now" is an argument so every window can be
 * checked for any day (tests/unit/day-sweep.test.ts).
 */
import { endOfShanghaiDay, shanghaiDate } from '../../activities/business-calendar.js';

export type DueWindow = 'overdue' | 'today' | 'week';

const DAY_MS = 86_400_000;

/**
 * The latest due instant a task may have to fall in the window: `overdue` — now itself; `today` —
 * 24:00 of today in Shanghai (a period ending today ends then, 民法典 §203); `week` — 24:00 of the
 * 7th day counting today.
 */
export function dueLimit(window: DueWindow, now: Date): Date {
  if (window === 'overdue') return now;
  const endOfToday = endOfShanghaiDay(shanghaiDate(now)).getTime();
  return new Date(window === 'today' ? endOfToday : endOfToday + 6 * DAY_MS);
}

/** A predicate on a task's due time (`null`: no deadline, never in a window). */
export function inDueWindow(window: DueWindow | undefined, now: Date): (dueAt: string | null) => boolean {
  if (!window) return () => true;
  const limit = dueLimit(window, now).getTime();
  return (dueAt) => dueAt !== null && Date.parse(dueAt) <= limit;
}
