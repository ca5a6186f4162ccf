/**
 * The business calendar: Chinese statutory holidays, 调休 make-up workdays, and the counting of
 * periods (期间) under 《中华人民共和国民法典》 第201–203条.
 *
 *   §201  按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。
 *         按照小时计算期间的，自法律规定或者当事人约定的时间开始计算。
 *   §202  按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日。
 *   §203  期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。
 *         期间的最后一日的截止时间为二十四时；有业务时间的，停止业务活动的时间为截止时间。
 *
 * "法定休假日" in §203 is read (as courts do) to cover both the weekly rest days and the statutory
 * holidays, but NOT a 调休 Saturday/Sunday, which is a working day. So the last-day rule is:
 * roll forward to the next working day.
 *
 * Every date here is a calendar date in Asia/Shanghai (UTC+8, no daylight saving), so the
 * arithmetic is plain integer day numbers: deterministic, no Intl, no local time zone, no clock.
 * Holiday data comes from the `chinese-days` package (State Council notices, 2004 → its last
 * published year). A later year counts the holidays the law itself fixes — 《全国年节及纪念日放假办法》
 * (2024 revision): 元旦 1/1, 春节 除夕–正月初三, 清明, 劳动节 5/1–5/2, 端午, 中秋, 国庆 10/1–10/3,
 * lunar dates from activities/lunar-holiday-dates.ts — and weekends; only that year's 调休 (make-up
 * workdays and bridging days) stays unknown, so such a year carries a zh-CN warning: never
 * guessed silently.
 *
 * Pure module (no I/O, no Node built-ins): the designer imports it for previews.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { DurationUnit } from '../dsl/schema.js';
import { LUNAR_HOLIDAY_DATES } from './lunar-holiday-dates.js';

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no DST since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

// ───────────────────────── holiday data ─────────────────────────

/** Holiday data: date 'YYYY-MM-DD' → description ("Spring Festival,春节,4" in chinese-days). */
export interface HolidayCalendar {
  /** Statutory days off (放假), including the weekend days inside a holiday block. */
  readonly holidays: Readonly<Record<string, string>>;
  /** 调休 make-up working days falling on a Saturday or Sunday. */
  readonly workdays: Readonly<Record<string, string>>;
  /** Years whose arrangement is known (derived from the data). */
  readonly publishedYears: ReadonlySet<number>;
}

/** Build a calendar from holiday data; a year counts as published when it has any holiday. */
export function createHolidayCalendar(data: {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}): HolidayCalendar {
  const publishedYears = new Set<number>();
  for (const date of Object.keys(data.holidays)) publishedYears.add(Number(date.slice(0, 4)));
  return { holidays: { ...data.holidays }, workdays: { ...data.workdays }, publishedYears };
}

/** The State Council arrangements shipped with `chinese-days`. */
export const DEFAULT_HOLIDAY_CALENDAR: HolidayCalendar = createHolidayCalendar(chineseDays);

// ───────────────────────── statutory holidays of an unpublished year ─────────────────────────

/** First year counted under the 2024 revision of 《全国年节及纪念日放假办法》 (in force 2025-01-01). */
export const STATUTORY_RULES_FROM = 2025;

const statutoryCache = new Map<number, ReadonlyMap<string, string>>();

/**
 * The days off that 《全国年节及纪念日放假办法》 (2024 revision) itself fixes for `year` (date → name):
 * 元旦 1 day, 春节 4 days (除夕 and 正月初一–初三), 清明 1, 劳动节 2 (5/1–5/2), 端午 1, 中秋 1, 国庆 3
 * (10/1–10/3) — 13 days. Not the year's arrangement: a holiday on a weekend is made up, and
 * bridging days are given, only by the State Council notice of that year. Undefined for a year
 * before the revision or beyond the lunar tables (2100).
 */
export function statutoryHolidays(year: number): ReadonlyMap<string, string> | undefined {
  if (year < STATUTORY_RULES_FROM) return undefined;
  const cached = statutoryCache.get(year);
  if (cached) return cached;
  const lunar = LUNAR_HOLIDAY_DATES[year];
  if (!lunar) return undefined;
  const [chuxi, chunjie, qingming, duanwu, zhongqiu] = lunar;
  const first = dayNumberOfDate(chunjie);
  const y = String(year);
  const days = new Map<string, string>([
    [`${y}-01-01`, '元旦'],
    [chuxi, '春节'],
    [chunjie, '春节'],
    [dateOfDayNumber(first + 1), '春节'],
    [dateOfDayNumber(first + 2), '春节'],
    [qingming, '清明'],
    [`${y}-05-01`, '劳动节'],
    [`${y}-05-02`, '劳动节'],
    [duanwu, '端午'],
    [zhongqiu, '中秋'],
    [`${y}-10-01`, '国庆节'],
    [`${y}-10-02`, '国庆节'],
    [`${y}-10-03`, '国庆节'],
  ]);
  statutoryCache.set(year, days);
  return days;
}

// ───────────────────────── errors ─────────────────────────

export type CalendarErrorCode = 'INVALID_INSTANT' | 'INVALID_DATE' | 'INVALID_AMOUNT';

export class CalendarError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}

// ───────────────────────── Shanghai dates as day numbers ─────────────────────────

/** Days since 1970-01-01 of the Shanghai calendar date of an instant. */
function dayNumberOfInstant(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

function dayNumberOfDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new CalendarError('INVALID_DATE', `日期格式错误：${date}（应为 YYYY-MM-DD）`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new CalendarError('INVALID_DATE', `日期不存在：${date}`);
  }
  return ms / DAY_MS;
}

function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function yearOfDayNumber(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The instant 00:00 Shanghai of a day. */
function startOfDayMs(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** 24:00 Shanghai of a day (= 00:00 of the next day): when a period ending that day ends (§203). */
function endOfDayMs(day: number): number {
  return startOfDayMs(day + 1);
}

function toMs(instant: Date | string): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(ms)) throw new CalendarError('INVALID_INSTANT', `时间格式错误：${String(instant)}`);
  return ms;
}

/** The Asia/Shanghai calendar date ('YYYY-MM-DD') of an instant. */
export function shanghaiDate(instant: Date | string): string {
  return dateOfDayNumber(dayNumberOfInstant(toMs(instant)));
}

/** The instant at which a period whose last day is `date` ends: 24:00 Asia/Shanghai of that day. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(endOfDayMs(dayNumberOfDate(date)));
}

// ───────────────────────── kinds of days ─────────────────────────

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeupWorkday';

export interface DayInfo {
  date: string;
  kind: DayKind;
  working: boolean;
  /** Holiday or make-up day name in Chinese, e.g. 春节. */
  name?: string;
  /** False when the year's holiday arrangement is not in the data (weekends only). */
  published: boolean;
}

function holidayName(description: string | undefined): string | undefined {
  // chinese-days: "Spring Festival,春节,4"; a hand-written file may give just "春节".
  if (description === undefined) return undefined;
  const parts = description.split(',');
  return (parts.length > 1 ? parts[1] : parts[0])?.trim() || undefined;
}

function describeDayNumber(day: number, cal: HolidayCalendar): DayInfo {
  const date = dateOfDayNumber(day);
  const year = yearOfDayNumber(day);
  const published = cal.publishedYears.has(year);
  const weekday = weekdayOfDayNumber(day);
  const weekend = weekday === 0 || weekday === 6;
  if (!published) {
    // Only what the law fixes; a weekend holiday stays a weekend day (its make-up is unpublished).
    const statutory = statutoryHolidays(year)?.get(date);
    if (statutory !== undefined) return { date, kind: 'holiday', working: false, name: statutory, published };
    return weekend ? { date, kind: 'weekend', working: false, published } : { date, kind: 'workday', working: true, published };
  }
  const makeup = cal.workdays[date];
  if (makeup !== undefined) return { date, kind: 'makeupWorkday', working: true, name: holidayName(makeup), published };
  const holiday = cal.holidays[date];
  if (holiday !== undefined) return { date, kind: 'holiday', working: false, name: holidayName(holiday), published };
  if (weekend) return { date, kind: 'weekend', working: false, published };
  return { date, kind: 'workday', working: true, published };
}

/** What kind of day `date` ('YYYY-MM-DD', Shanghai) is. */
export function describeDay(date: string, cal: HolidayCalendar = DEFAULT_HOLIDAY_CALENDAR): DayInfo {
  return describeDayNumber(dayNumberOfDate(date), cal);
}

/**
 * A working day: Monday–Friday that is not a statutory holiday, or a 调休 make-up Saturday/Sunday.
 * In a year without a published arrangement the holidays of the 办法 and weekends are off, and
 * there are no make-up days (see `unpublishedYearWarning`).
 */
export function isWorkingDay(date: string, cal: HolidayCalendar = DEFAULT_HOLIDAY_CALENDAR): boolean {
  return describeDayNumber(dayNumberOfDate(date), cal).working;
}

/** Whether the State Council arrangement for `year` is in the calendar data. */
export function isYearPublished(year: number, cal: HolidayCalendar = DEFAULT_HOLIDAY_CALENDAR): boolean {
  return cal.publishedYears.has(year);
}

/** The zh-CN warning for a year whose State Council arrangement is not in the data. */
export function unpublishedYearWarning(year: number, cal: HolidayCalendar = DEFAULT_HOLIDAY_CALENDAR): string {
  const years = [...cal.publishedYears];
  const first = years.length ? Math.min(...years) : undefined;
  if (first !== undefined && year < first) {
    return `${year}年不在节假日数据范围内（${first}年起），已仅按双休日计算，请核对`;
  }
  if (statutoryHolidays(year)) {
    return `${year}年放假调休安排尚未公布，已按《全国年节及纪念日放假办法》规定的法定节假日和双休日计算（未计调休），请在公布后核对`;
  }
  return `${year}年法定节假日安排尚未公布，已仅按双休日计算，请在公布后核对`;
}

/** Collects warnings for the unpublished years a computation looked at. */
class YearWatch {
  private readonly years = new Set<number>();
  constructor(private readonly cal: HolidayCalendar) {}
  see(day: number): void {
    const y = yearOfDayNumber(day);
    if (!this.cal.publishedYears.has(y)) this.years.add(y);
  }
  warnings(): string[] {
    return [...this.years].sort((a, b) => a - b).map((y) => unpublishedYearWarning(y, this.cal));
  }
}

/** §203: a last day that is a rest day or statutory holiday moves to the next working day. */
function rollToWorkingDay(day: number, cal: HolidayCalendar, watch: YearWatch): number {
  let d = day;
  watch.see(d);
  while (!describeDayNumber(d, cal).working) {
    d += 1;
    watch.see(d);
  }
  return d;
}

/** Step `count` working days from `day` (exclusive) in direction `dir`. */
function stepWorkingDays(day: number, count: number, dir: 1 | -1, cal: HolidayCalendar, watch: YearWatch): number {
  let d = day;
  let left = count;
  while (left > 0) {
    d += dir;
    watch.see(d);
    if (describeDayNumber(d, cal).working) left -= 1;
  }
  return d;
}

/** Same day-of-month `months` later (or earlier); a missing day clamps to the month's end (§202). */
function addMonthsToDay(day: number, months: number): number {
  const date = new Date(day * DAY_MS);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return Date.UTC(targetYear, targetMonth, Math.min(date.getUTCDate(), lastDay)) / DAY_MS;
}

function checkAmount(amount: number): void {
  if (!Number.isInteger(amount) || amount < 0 || amount > 100_000) {
    throw new CalendarError('INVALID_AMOUNT', `期间数值无效：${amount}（应为 0 到 100000 的整数）`);
  }
}

export interface PeriodResult {
  /** The instant the period ends. */
  end: Date;
  /** The Shanghai date of the last day for day/month/year units (after the §203 roll). */
  lastDay?: string;
  /** True when §203 moved the last day off a rest day or holiday. */
  rolled: boolean;
  /** zh-CN warnings, e.g. a year without a published holiday arrangement. */
  warnings: string[];
}

/**
 * The end of a period of `amount` `unit`s starting at `from`.
 *
 * - minutes / hours: plain instant arithmetic (§201 ¶2: counted from the stated time).
 * - calendarDays: the start day is not counted (§201); the last day is the Nth day after it;
 *   if that is a rest day or holiday it moves to the next working day (§203); the period ends at
 *   24:00 Shanghai of the last day (§203 ¶2).
 * - workingDays: the start day is not counted; only working days count (weekends and statutory
 *   holidays skipped, 调休 make-up days counted); ends 24:00 of the Nth working day.
 * - months / years: the corresponding day of the target month, clamped to its end (§202), then
 *   the §203 roll, ending 24:00.
 * An amount of 0 ends at `from` itself.
 */
export function addPeriod(
  from: Date | string,
  amount: number,
  unit: DurationUnit,
  cal: HolidayCalendar = DEFAULT_HOLIDAY_CALENDAR,
): PeriodResult {
  const fromMs = toMs(from);
  checkAmount(amount);
  if (amount === 0) return { end: new Date(fromMs), rolled: false, warnings: [] };
  const watch = new YearWatch(cal);
  const startDay = dayNumberOfInstant(fromMs);
  const endOnDay = (nominal: number, roll: boolean): PeriodResult => {
    const last = roll ? rollToWorkingDay(nominal, cal, watch) : nominal;
    return { end: new Date(endOfDayMs(last)), lastDay: dateOfDayNumber(last), rolled: last !== nominal, warnings: watch.warnings() };
  };
  switch (unit) {
    case 'minutes':
      return { end: new Date(fromMs + amount * 60_000), rolled: false, warnings: [] };
    case 'hours':
      return { end: new Date(fromMs + amount * 3_600_000), rolled: false, warnings: [] };
    case 'calendarDays':
      return endOnDay(startDay + amount, true);
    case 'workingDays':
      return endOnDay(stepWorkingDays(startDay, amount, 1, cal, watch), false);
    case 'months':
      return endOnDay(addMonthsToDay(startDay, amount), true);
    case 'years':
      return endOnDay(addMonthsToDay(startDay, amount * 12), true);
    default: {
      const never: never = unit;
      throw new CalendarError('INVALID_AMOUNT', `未知的期间单位：${String(never)}`);
    }
  }
}

/**
 * The instant `amount` `unit`s before `instant` — for reminders before a due time.
 * Working days count back over working days only and keep the time of day (a due time of 24:00
 * on a Thursday, 1 working day earlier, is 24:00 on the previous working day); calendar days,
 * months and years count back plainly (no §203 roll: a reminder is not a period end).
 */
export function subtractPeriod(
  instant: Date | string,
  amount: number,
  unit: DurationUnit,
  cal: HolidayCalendar = DEFAULT_HOLIDAY_CALENDAR,
): { at: Date; warnings: string[] } {
  const ms = toMs(instant);
  checkAmount(amount);
  if (amount === 0) return { at: new Date(ms), warnings: [] };
  // Anchor a 24:00 due time on the day it closes, not the next day's 00:00.
  const anchorDay = dayNumberOfInstant(ms - 1);
  const timeOfDay = ms - startOfDayMs(anchorDay);
  const watch = new YearWatch(cal);
  switch (unit) {
    case 'minutes':
      return { at: new Date(ms - amount * 60_000), warnings: [] };
    case 'hours':
      return { at: new Date(ms - amount * 3_600_000), warnings: [] };
    case 'calendarDays':
      return { at: new Date(startOfDayMs(anchorDay - amount) + timeOfDay), warnings: [] };
    case 'workingDays': {
      const day = stepWorkingDays(anchorDay, amount, -1, cal, watch);
      return { at: new Date(startOfDayMs(day) + timeOfDay), warnings: watch.warnings() };
    }
    case 'months':
      return { at: new Date(startOfDayMs(addMonthsToDay(anchorDay, -amount)) + timeOfDay), warnings: [] };
    case 'years':
      return { at: new Date(startOfDayMs(addMonthsToDay(anchorDay, -amount * 12)) + timeOfDay), warnings: [] };
    default: {
      const never: never = unit;
      throw new CalendarError('INVALID_AMOUNT', `未知的期间单位：${String(never)}`);
    }
  }
}

/** Working days from `fromDate` to `toDate` inclusive (Shanghai dates), e.g. for the board. */
export function workingDaysBetween(
  fromDate: string,
  toDate: string,
  cal: HolidayCalendar = DEFAULT_HOLIDAY_CALENDAR,
): number {
  const a = dayNumberOfDate(fromDate);
  const b = dayNumberOfDate(toDate);
  let n = 0;
  for (let d = a; d <= b; d += 1) if (describeDayNumber(d, cal).working) n += 1;
  return n;
}
