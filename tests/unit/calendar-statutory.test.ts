/**
 * Years after the published data (2027+): the holidays 《全国年节及纪念日放假办法》 (2024 revision)
 * fixes by law are counted — 元旦, 春节 (除夕–初三), 清明, 劳动节 (5/1–5/2), 端午, 中秋, 国庆
 * (10/1–10/3) — and only the year's 调休 stays unknown and flagged (procedures.md §9, corrected).
 * The lunar dates come from a generated table; it is checked here against a recomputation and
 * against every published State Council arrangement in chinese-days.
 */
import { describe, expect, it } from 'vitest';
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import {
  addPeriod,
  DEFAULT_HOLIDAY_CALENDAR,
  describeDay,
  endOfShanghaiDay,
  isWorkingDay,
  isYearPublished,
  statutoryHolidays,
} from '../../activities/business-calendar.js';
import { computeSchedule } from '../../activities/schedule.js';
import { LUNAR_HOLIDAY_DATES, LUNAR_HOLIDAY_YEARS } from '../../activities/lunar-holiday-dates.js';
import { computeLunarHolidayDates } from '../../scripts/lunar-holiday-dates.js';

const published = Object.keys(chineseDays.holidays);
const publishedYears = [...new Set(published.map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
const lastPublished = publishedYears.at(-1)!;

describe('the lunar-date table', () => {
  it('equals a fresh computation from the chinese-days lunar tables, 2004–2100', () => {
    for (let y = LUNAR_HOLIDAY_YEARS.first; y <= LUNAR_HOLIDAY_YEARS.last; y += 1) {
      expect(LUNAR_HOLIDAY_DATES[y], String(y)).toEqual(computeLunarHolidayDates(y));
    }
  });

  it.each(publishedYears.filter((y) => y >= 2008))(
    '%i: 春节 初一–初三, 清明, 端午 and 中秋 from the table are days off in the published State Council arrangement',
    (y) => {
      const [, chunjie, qingming, duanwu, zhongqiu] = LUNAR_HOLIDAY_DATES[y]!;
      const c = Date.parse(`${chunjie}T00:00:00Z`);
      const days = [0, 1, 2].map((i) => new Date(c + i * 86_400_000).toISOString().slice(0, 10));
      // Not a working day in the published data (the data omits weekend days inside some blocks).
      for (const d of [...days, qingming, duanwu, zhongqiu]) expect(isWorkingDay(d), `${y}: ${d}`).toBe(false);
    },
  );

  it('2025 and 2026 (published under the 2024 revision): every day the 放假办法 fixes is a day off in the State Council arrangement', () => {
    for (const y of [2025, 2026]) {
      const days = [...statutoryHolidays(y)!.keys()];
      expect(days).toHaveLength(13);
      for (const d of days) expect(isWorkingDay(d), d).toBe(false);
    }
  });
});

describe('2027 and later: statutory holidays counted, 调休 unknown (全国年节及纪念日放假办法 2024)', () => {
  it('the published data ends before 2027, so 2027 is the first year counted by the 办法', () => {
    expect(lastPublished).toBeLessThan(2027);
    expect(isYearPublished(2027)).toBe(false);
  });

  it.each([
    ['2027-01-01', '元旦'],
    ['2027-02-05', '春节'], // 除夕
    ['2027-02-06', '春节'], // 正月初一
    ['2027-02-07', '春节'],
    ['2027-02-08', '春节'], // 正月初三
    ['2027-04-05', '清明'],
    ['2027-05-01', '劳动节'],
    ['2027-05-02', '劳动节'],
    ['2027-06-09', '端午'],
    ['2027-09-15', '中秋'],
    ['2027-10-01', '国庆节'],
    ['2027-10-02', '国庆节'],
    ['2027-10-03', '国庆节'],
  ])('%s is a statutory holiday (%s), flagged as unpublished', (date, name) => {
    expect(describeDay(date)).toMatchObject({ kind: 'holiday', working: false, name, published: false });
  });

  it('only the 13 days of the 办法 are added: 2027-02-09 (初四) and 2027-10-04 are ordinary working days (no bridging or make-up guessed)', () => {
    expect(statutoryHolidays(2027)!.size).toBe(13);
    expect(describeDay('2027-02-09')).toMatchObject({ kind: 'workday', working: true, published: false });
    expect(describeDay('2027-10-04')).toMatchObject({ kind: 'workday', working: true, published: false });
    // A Saturday before 春节 stays a rest day: a make-up workday exists only in a published notice.
    expect(isWorkingDay('2027-01-30')).toBe(false);
  });

  it('procedures.md §9: a 15-day period from 2026-12-17 ends on 2027-01-04, not on 元旦 (民法典 §203)', () => {
    // Day 15 = Fri 2027-01-01 (元旦) → Sat, Sun → Mon 2027-01-04.
    const r = addPeriod('2026-12-17T10:00:00+08:00', 15, 'calendarDays');
    expect(r).toMatchObject({ lastDay: '2027-01-04', rolled: true });
    expect(r.end.toISOString()).toBe(endOfShanghaiDay('2027-01-04').toISOString());
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^2027年放假调休安排尚未公布/);
  });

  it('a 30-day period whose last day is 2027-10-01 (国庆) ends on Mon 2027-10-04, after the holiday and the weekend', () => {
    const r = computeSchedule({ from: '2027-09-01T09:00:00+08:00', duration: { amount: 30, unit: 'calendarDays' } });
    expect(r.dueAt).toBe(endOfShanghaiDay('2027-10-04').toISOString());
  });

  it('a period whose last day is 除夕 2027 (Fri 2/5) ends on Tue 2/9, after 春节', () => {
    const r = addPeriod('2027-01-06T09:00:00+08:00', 30, 'calendarDays');
    expect(r.lastDay).toBe('2027-02-09');
  });

  it('working days skip 春节 2027: 3 working days from Thu 2/4 end on Thu 2/11', () => {
    // 2/5 除夕 off, 2/6–2/8 off (初一–初三), 2/9 Tue = 1, 2/10 = 2, 2/11 = 3.
    expect(addPeriod('2027-02-04T09:00:00+08:00', 3, 'workingDays').lastDay).toBe('2027-02-11');
  });

  it('a newly published arrangement (JICENG_HOLIDAYS) replaces the statutory-only count for its year', () => {
    expect(DEFAULT_HOLIDAY_CALENDAR.publishedYears.has(2027)).toBe(false);
    expect(statutoryHolidays(2024)).toBeUndefined(); // before the 2024 revision: published data only
    expect(statutoryHolidays(2101)).toBeUndefined(); // beyond the lunar tables
    expect(addPeriod('2101-03-01T09:00:00+08:00', 1, 'calendarDays').warnings[0]).toMatch(/已仅按双休日计算/);
  });
});
