/**
 * computeSchedule: due time, reminder times and the yellow-light time of a deadline.
 * Pure given its inputs (the holiday calendar defaults to the `chinese-days` data).
 */
import { DurationSchema } from '../dsl/schema.js';
import type { ScheduleRequest, ScheduleResult } from './types.js';
import {
  addPeriod,
  CalendarError,
  DEFAULT_HOLIDAY_CALENDAR,
  subtractPeriod,
  type HolidayCalendar,
} from './business-calendar.js';
import { z } from 'zod';

export const DEFAULT_WARN_AT_FRACTION = 0.8;

const Instant = (message: string) => z.string().refine((s) => Number.isFinite(Date.parse(s)), { message });

const ScheduleRequestSchema = z.object({
  from: Instant('开始时间格式错误'),
  duration: DurationSchema,
  reminders: z.array(DurationSchema).max(10).optional(),
  warnAtFraction: z.number().gt(0).lt(1).optional(),
  cap: z.object({ from: Instant('总时限起算时间格式错误'), duration: DurationSchema }).optional(),
  notBefore: Instant('提醒起点格式错误').optional(),
});

/** A request the calendar cannot compute; the activity reports it as INVALID_SCHEDULE (办理时限参数无效). */
export class ScheduleError extends Error {
  readonly code = 'INVALID_SCHEDULE';
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleError';
  }
}

/**
 * - dueAt: `addPeriod(from, duration)` (民法典 §201–203, see business-calendar.ts), or the end of
 *   `cap` when that comes first (capAt, capped).
 * - remindAt: dueAt minus each reminder (working-day reminders count back working days), ascending,
 *   without duplicates, keeping only those strictly after `notBefore` (default `from`) and strictly
 *   before dueAt.
 * - warnAt: from + warnAtFraction × (dueAt − from), default 0.8.
 * - warnings: every calendar warning met (e.g. a year without published holidays), deduplicated.
 */
export function computeSchedule(req: ScheduleRequest, cal: HolidayCalendar = DEFAULT_HOLIDAY_CALENDAR): ScheduleResult {
  const parsed = ScheduleRequestSchema.safeParse(req);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ScheduleError(issue ? `${issue.path.join('.') || '(根)'} ${issue.message}` : '请求格式错误');
  }
  const { from, duration, reminders = [], warnAtFraction = DEFAULT_WARN_AT_FRACTION, cap, notBefore } = parsed.data;
  try {
    const fromMs = Date.parse(from);
    const own = addPeriod(from, duration.amount, duration.unit, cal);
    const warnings = [...own.warnings];
    let end = own.end;
    let capAt: string | undefined;
    let capped: boolean | undefined;
    if (cap) {
      const c = addPeriod(cap.from, cap.duration.amount, cap.duration.unit, cal);
      warnings.push(...c.warnings);
      capAt = c.end.toISOString();
      capped = c.end.getTime() < own.end.getTime();
      if (capped) end = c.end;
    }
    const dueMs = end.getTime();
    const earliest = notBefore === undefined ? fromMs : Math.max(fromMs, Date.parse(notBefore));
    const remind = new Set<number>();
    for (const r of reminders) {
      const { at, warnings: w } = subtractPeriod(end, r.amount, r.unit, cal);
      warnings.push(...w);
      const ms = at.getTime();
      if (ms > earliest && ms < dueMs) remind.add(ms);
    }
    return {
      dueAt: end.toISOString(),
      remindAt: [...remind].sort((a, b) => a - b).map((ms) => new Date(ms).toISOString()),
      warnAt: new Date(fromMs + Math.round(warnAtFraction * (dueMs - fromMs))).toISOString(),
      warnings: [...new Set(warnings)],
      ...(capAt !== undefined ? { capAt, capped } : {}),
    };
  } catch (err) {
    if (err instanceof CalendarError) throw new ScheduleError(err.message);
    throw err;
  }
}
