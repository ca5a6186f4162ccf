/**
 * Extra holiday arrangements from a file, for when the State Council publishes a year before the
 * `chinese-days` package ships it: env JICENG_HOLIDAYS names a JSON file in the package's own
 * format, merged over the shipped data. Once a year is in the file its unpublished-year warning
 * stops and its holidays and 调休 days count.
 *
 *   {"holidays": {"2027-01-01": "元旦"}, "workdays": {"2027-02-20": "春节"}}
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { createHolidayCalendar, DEFAULT_HOLIDAY_CALENDAR, type HolidayCalendar } from './business-calendar.js';
import { activityFailure } from './errors.js';

const DateMap = z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期应为 YYYY-MM-DD' }), z.string());
export const HolidayFileSchema = z.object({ holidays: DateMap.default({}), workdays: DateMap.default({}) });

/** The shipped calendar with the arrangements in `path` merged over it. */
export function loadHolidayFile(path: string, base: HolidayCalendar = DEFAULT_HOLIDAY_CALENDAR): HolidayCalendar {
  let parsed;
  try {
    parsed = HolidayFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    throw activityFailure('HOLIDAYS_INVALID', `${path}：${err instanceof Error ? err.message : String(err)}`);
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw activityFailure('HOLIDAYS_INVALID', `${path}：${issue?.path.join('.')} ${issue?.message}`);
  }
  // A date listed in one map of the file is removed from the other map of the base, so a
  // correction (a day that turned out to be a make-up workday) takes effect.
  const holidays = { ...base.holidays };
  const workdays = { ...base.workdays };
  for (const [d, name] of Object.entries(parsed.data.holidays)) {
    delete workdays[d];
    holidays[d] = name;
  }
  for (const [d, name] of Object.entries(parsed.data.workdays)) {
    delete holidays[d];
    workdays[d] = name;
  }
  return createHolidayCalendar({ holidays, workdays });
}

/** The calendar named by env JICENG_HOLIDAYS, else the shipped one. */
export function defaultHolidayCalendar(env: NodeJS.ProcessEnv = process.env): HolidayCalendar {
  return env.JICENG_HOLIDAYS ? loadHolidayFile(env.JICENG_HOLIDAYS) : DEFAULT_HOLIDAY_CALENDAR;
}
