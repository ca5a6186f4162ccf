/**
 * The business calendar: 民法典 §201–203 over the State Council holiday arrangements
 * (chinese-days). Every expected date below was counted by hand; the count is in the comment.
 * Instants are written with +08:00 so the Shanghai calendar day is visible; expected due times
 * are 24:00 Shanghai of the last day = 16:00Z of that day.
 */
import { describe, expect, it } from 'vitest';
import {
  addPeriod,
  CalendarError,
  createHolidayCalendar,
  DEFAULT_HOLIDAY_CALENDAR,
  describeDay,
  endOfShanghaiDay,
  type DayKind,
  isWorkingDay,
  isYearPublished,
  shanghaiDate,
  subtractPeriod,
  workingDaysBetween,
} from '../../activities/business-calendar.js';

/** 24:00 Asia/Shanghai at the end of `date`, as an ISO instant. */
const endOf = (date: string): string => endOfShanghaiDay(date).toISOString();

describe('holiday data (国务院办公厅关于2026年部分节假日安排的通知, via chinese-days)', () => {
  it.each([
    ['2026-02-14', true, 'makeupWorkday', '春节前 调休 Saturday is a working day'],
    ['2026-02-15', false, 'holiday', '春节 first day off'],
    ['2026-02-23', false, 'holiday', '春节 last day off (9-day block 2/15–2/23)'],
    ['2026-02-24', true, 'workday', 'first working day after 春节'],
    ['2026-02-28', true, 'makeupWorkday', '春节后 调休 Saturday is a working day'],
    ['2026-03-01', false, 'weekend', 'an ordinary Sunday'],
    ['2026-09-20', true, 'makeupWorkday', '国庆 调休 Sunday'],
    ['2026-10-01', false, 'holiday', '国庆 first day'],
    ['2026-10-07', false, 'holiday', '国庆 last day'],
    ['2026-10-08', true, 'workday', 'first working day after 国庆'],
    ['2026-10-10', true, 'makeupWorkday', '国庆 调休 Saturday'],
    ['2026-01-04', true, 'makeupWorkday', '元旦 调休 Sunday'],
    ['2026-05-09', true, 'makeupWorkday', '劳动节 调休 Saturday'],
  ] as [string, boolean, DayKind, string][])('%s working=%s (%s): %s', (date, working, kind) => {
    expect(isWorkingDay(date)).toBe(working);
    expect(describeDay(date)).toMatchObject({ kind, published: true });
  });

  it('names the holiday a day belongs to, in Chinese', () => {
    expect(describeDay('2026-02-18').name).toBe('春节');
    expect(describeDay('2026-10-03').name).toBe('国庆节');
  });

  it('2026 is published; 2027 is not in chinese-days 1.5.7 and is reported as such', () => {
    expect(isYearPublished(2026)).toBe(true);
    expect(isYearPublished(2027)).toBe(false);
    expect(describeDay('2027-02-08').published).toBe(false);
  });

  it('rejects a malformed or impossible date with a zh-CN message', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(CalendarError);
    expect(() => isWorkingDay('2026/02/14')).toThrow(/日期格式错误/);
  });
});

describe('Shanghai calendar dates', () => {
  it('an instant after 16:00Z already belongs to the next Shanghai day', () => {
    expect(shanghaiDate('2026-02-12T15:59:59Z')).toBe('2026-02-12');
    expect(shanghaiDate('2026-02-12T16:00:00Z')).toBe('2026-02-13');
  });

  it('due dates do not depend on the server time zone', () => {
    const saved = process.env.TZ;
    const atShanghai = addPeriod('2026-02-12T23:30:00+08:00', 5, 'workingDays').end.toISOString();
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(addPeriod('2026-02-12T23:30:00+08:00', 5, 'workingDays').end.toISOString()).toBe(atShanghai);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('calendar days (民法典 §201: start day not counted; §203: ends 24:00 of the last day)', () => {
  it('1 day from 09:00 on 3/10 ends 24:00 on 3/11, not 09:00 on 3/11 (§201, §203 ¶2)', () => {
    // 3/10 (start, not counted) → 3/11 day 1 (Wednesday, a working day).
    const r = addPeriod('2026-03-10T09:00:00+08:00', 1, 'calendarDays');
    expect(r.end.toISOString()).toBe(endOf('2026-03-11'));
    expect(r).toMatchObject({ lastDay: '2026-03-11', rolled: false, warnings: [] });
  });

  it('a start late in the evening still counts from the next Shanghai day (§201)', () => {
    // 23:59 on 3/10 Shanghai is 15:59Z — still 3/10; day 1 is 3/11.
    expect(addPeriod('2026-03-10T23:59:00+08:00', 1, 'calendarDays').end.toISOString()).toBe(endOf('2026-03-11'));
    // 00:30 on 3/11 Shanghai is 3/10 16:30Z — already 3/11; day 1 is 3/12.
    expect(addPeriod('2026-03-10T16:30:00Z', 1, 'calendarDays').end.toISOString()).toBe(endOf('2026-03-12'));
  });

  it('信访 15-day period ending on a Sunday rolls to Monday (§203: weekly rest days count as 休假日)', () => {
    // Start Sat 3/7; day 15 = 3/22, a Sunday → last day Mon 3/23.
    const r = addPeriod('2026-03-07T10:00:00+08:00', 15, 'calendarDays');
    expect(r.lastDay).toBe('2026-03-23');
    expect(r.rolled).toBe(true);
    expect(r.end.toISOString()).toBe('2026-03-23T16:00:00.000Z');
  });

  it('信访 60-day 办理 period whose last day falls in 国庆 ends on the first working day after it (§203)', () => {
    // Start 8/4; 8/5…8/31 = 27 days, 9/1…9/30 = 30 (57), 10/1…10/3 = 3 → day 60 = 10/3 (国庆).
    // 10/3…10/7 off → last day Thu 10/8, ends 24:00.
    const r = addPeriod('2026-08-04T15:00:00+08:00', 60, 'calendarDays');
    expect(r.lastDay).toBe('2026-10-08');
    expect(r.rolled).toBe(true);
    expect(r.end.toISOString()).toBe('2026-10-08T16:00:00.000Z');
  });

  it('信访 60-day period whose last day falls in 春节 ends on 2/24, after the 9-day block (§203)', () => {
    // Start 2025-12-22; 12/23…12/31 = 9 days, 1/1…1/31 = 31 (40), 2/1…2/20 = 20 → day 60 = 2/20 (春节).
    // 2/20…2/23 off → last day Tue 2/24.
    const r = addPeriod('2025-12-22T09:00:00+08:00', 60, 'calendarDays');
    expect(r.lastDay).toBe('2026-02-24');
    expect(r.end.toISOString()).toBe(endOf('2026-02-24'));
  });

  it('a period ending on a 调休 make-up Saturday does not roll: that Saturday is a working day', () => {
    // Start 2/13; day 15 = Sat 2/28, a 春节 make-up workday.
    const r = addPeriod('2026-02-13T10:00:00+08:00', 15, 'calendarDays');
    expect(r).toMatchObject({ lastDay: '2026-02-28', rolled: false });
  });

  it('a 7-day publicity period in calendar days spanning 春节 is not lengthened by the days off inside it', () => {
    // Start 2/12; day 7 = Thu 2/19 (春节) → rolls to 2/24; only the LAST day matters (§203).
    const r = addPeriod('2026-02-12T10:00:00+08:00', 7, 'calendarDays');
    expect(r.lastDay).toBe('2026-02-24');
    // Start 2/3; day 7 = Tue 2/10, a working day: no change although nothing was off in between.
    expect(addPeriod('2026-02-03T10:00:00+08:00', 7, 'calendarDays').lastDay).toBe('2026-02-10');
  });
});

describe('working days (工作日: weekends and statutory holidays skipped, 调休 days counted)', () => {
  it('5 working days from 2026-02-12 end 24:00 on 2/26, across the Spring Festival', () => {
    // Start Thu 2/12 (not counted). 2/13 Fri = 1, 2/14 Sat 调休 = 2, 2/15…2/23 春节 off,
    // 2/24 Tue = 3, 2/25 Wed = 4, 2/26 Thu = 5.
    const r = addPeriod('2026-02-12T10:00:00+08:00', 5, 'workingDays');
    expect(r.lastDay).toBe('2026-02-26');
    expect(r.end.toISOString()).toBe('2026-02-26T16:00:00.000Z');
    expect(r.warnings).toEqual([]);
  });

  it('the start day is not counted even when it is itself a working day', () => {
    // Start Tue 3/10 (working, not counted) → 1 working day = Wed 3/11.
    expect(addPeriod('2026-03-10T08:00:00+08:00', 1, 'workingDays').lastDay).toBe('2026-03-11');
  });

  it('counting from inside the holiday starts at the first working day after it', () => {
    // Start Fri 2/20 (春节). 2/21…2/23 off → 2/24 = 1.
    expect(addPeriod('2026-02-20T10:00:00+08:00', 1, 'workingDays').lastDay).toBe('2026-02-24');
  });

  it('the 2/28 make-up Saturday is a working day in the count', () => {
    // Start Wed 2/25. 2/26 = 1, 2/27 = 2, 2/28 Sat 调休 = 3.
    expect(addPeriod('2026-02-25T10:00:00+08:00', 3, 'workingDays').lastDay).toBe('2026-02-28');
  });

  it('5-working-day publicity (公示) from 2/10 spans the 2/14 调休 and the holiday, ending 2/24', () => {
    // Start Tue 2/10. 2/11 = 1, 2/12 = 2, 2/13 = 3, 2/14 Sat 调休 = 4, 2/15…2/23 off, 2/24 = 5.
    const r = addPeriod('2026-02-10T17:00:00+08:00', 5, 'workingDays');
    expect(r.end.toISOString()).toBe(endOf('2026-02-24'));
    expect(workingDaysBetween('2026-02-11', '2026-02-24')).toBe(5);
  });

  it('国庆 2026: 5 working days from 9/28 end on the 10/10 make-up Saturday', () => {
    // Start Mon 9/28. 9/29 = 1, 9/30 = 2, 10/1…10/7 off, 10/8 Thu = 3, 10/9 Fri = 4, 10/10 Sat 调休 = 5.
    const r = addPeriod('2026-09-28T10:00:00+08:00', 5, 'workingDays');
    expect(r.end.toISOString()).toBe('2026-10-10T16:00:00.000Z');
  });

  it('国庆 2026: the 9/20 make-up Sunday is the first working day after Friday 9/18', () => {
    // Start Fri 9/18. 9/19 Sat off, 9/20 Sun 调休 = 1.
    expect(addPeriod('2026-09-18T10:00:00+08:00', 1, 'workingDays').lastDay).toBe('2026-09-20');
  });

  it('中秋 2026 (9/25–9/27) is skipped: 2 working days from 9/24 end 9/29', () => {
    // Start Thu 9/24. 9/25 Fri 中秋 off, 9/26, 9/27 off, 9/28 Mon = 1, 9/29 = 2.
    expect(addPeriod('2026-09-24T10:00:00+08:00', 2, 'workingDays').lastDay).toBe('2026-09-29');
  });
});

describe('hours, minutes, months and years', () => {
  it('hours are plain arithmetic from the stated time, even across a holiday (§201 ¶2)', () => {
    const r = addPeriod('2026-02-14T10:00:00+08:00', 48, 'hours');
    expect(r.end.toISOString()).toBe('2026-02-16T02:00:00.000Z');
    expect(r.rolled).toBe(false);
    expect(addPeriod('2026-02-14T10:00:00+08:00', 90, 'minutes').end.toISOString()).toBe('2026-02-14T03:30:00.000Z');
  });

  it('1 month from 1/31 ends on 2/28, the month end (§202); 2/28 is a make-up workday so no roll', () => {
    const r = addPeriod('2026-01-31T10:00:00+08:00', 1, 'months');
    expect(r).toMatchObject({ lastDay: '2026-02-28', rolled: false });
  });

  it('1 month from 3/31 ends on 4/30 (§202: no corresponding day → month end)', () => {
    expect(addPeriod('2026-03-31T10:00:00+08:00', 1, 'months').lastDay).toBe('2026-04-30');
  });

  it('1 year from 2025-10-03 lands on 国庆 2026 and rolls to 10/8 (§202 + §203)', () => {
    const r = addPeriod('2025-10-03T10:00:00+08:00', 1, 'years');
    expect(r).toMatchObject({ lastDay: '2026-10-08', rolled: true });
  });

  it('an amount of 0 ends at the start instant itself', () => {
    expect(addPeriod('2026-02-14T10:00:00+08:00', 0, 'workingDays').end.toISOString()).toBe('2026-02-14T02:00:00.000Z');
  });

  it('rejects a negative or fractional amount and an unparsable instant', () => {
    expect(() => addPeriod('2026-02-14T10:00:00+08:00', -1, 'calendarDays')).toThrow(/期间数值无效/);
    expect(() => addPeriod('2026-02-14T10:00:00+08:00', 1.5, 'workingDays')).toThrow(CalendarError);
    expect(() => addPeriod('next tuesday', 1, 'calendarDays')).toThrow(/时间格式错误/);
  });
});

describe('years without a published arrangement: the statutory holidays count, the 调休 stays unknown and is flagged', () => {
  const W2027 = '2027年放假调休安排尚未公布，已按《全国年节及纪念日放假办法》规定的法定节假日和双休日计算（未计调休），请在公布后核对';

  it('a calendar-day period ending in 2027 warns that the 2027 arrangement is unpublished', () => {
    // Start 12/28; day 10 = Thu 2027-01-07, an ordinary working day.
    const r = addPeriod('2026-12-28T10:00:00+08:00', 10, 'calendarDays');
    expect(r.lastDay).toBe('2027-01-07');
    expect(r.warnings).toEqual([W2027]);
  });

  it('working days counted into 2027 skip 元旦 (放假办法: 1/1 is a holiday by law) and warn', () => {
    // Start Wed 2026-12-30. 12/31 Thu = 1, 2027-01-01 Fri 元旦 off, 1/2–1/3 weekend, 1/4 Mon = 2, 1/5 Tue = 3.
    const r = addPeriod('2026-12-30T10:00:00+08:00', 3, 'workingDays');
    expect(r.lastDay).toBe('2027-01-05');
    expect(r.warnings).toEqual([W2027]);
  });

  it('a period entirely within 2026 carries no warning', () => {
    expect(addPeriod('2026-06-01T10:00:00+08:00', 30, 'workingDays').warnings).toEqual([]);
  });

  it('once a year’s arrangement is loaded the warning disappears and its holidays count', () => {
    // A hypothetical 2027 arrangement: 1/1 off, 1/2 a make-up Saturday.
    const cal = createHolidayCalendar({
      holidays: { ...DEFAULT_HOLIDAY_CALENDAR.holidays, '2027-01-01': "New Year's Day,元旦,1" },
      workdays: { ...DEFAULT_HOLIDAY_CALENDAR.workdays, '2027-01-02': "New Year's Day,元旦,1" },
    });
    // Start Wed 12/30. 12/31 = 1, 1/1 off, 1/2 Sat 调休 = 2, 1/4 Mon = 3.
    const r = addPeriod('2026-12-30T10:00:00+08:00', 2, 'workingDays', cal);
    expect(r).toMatchObject({ lastDay: '2027-01-02', warnings: [] });
  });

  it('a year before the data range is flagged as outside it', () => {
    const r = addPeriod('2003-05-01T10:00:00+08:00', 3, 'workingDays');
    expect(r.warnings[0]).toMatch(/^2003年不在节假日数据范围内/);
  });
});

describe('counting back (for reminders)', () => {
  it('3 working days before 24:00 on 2/26 is 24:00 on 2/14, skipping the holiday', () => {
    // Last day Thu 2/26. Back: 2/25 = 1, 2/24 = 2, 2/23…2/15 off, 2/14 Sat 调休 = 3.
    const r = subtractPeriod('2026-02-26T16:00:00Z', 3, 'workingDays');
    expect(r.at.toISOString()).toBe(endOf('2026-02-14'));
  });

  it('calendar days back keep the time of day', () => {
    expect(subtractPeriod('2026-10-08T16:00:00Z', 5, 'calendarDays').at.toISOString()).toBe(endOf('2026-10-03'));
    expect(subtractPeriod('2026-10-08T06:00:00Z', 1, 'hours').at.toISOString()).toBe('2026-10-08T05:00:00.000Z');
  });
});
