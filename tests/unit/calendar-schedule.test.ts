/**
 * computeSchedule: the due time of a human node, its reminders (催办提醒) and the moment the
 * health light turns yellow. Reminder defaults per domain/procedures.md §4.5: T−5 and T−1 days.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { computeSchedule } from '../../activities/schedule.js';
import { createActivities, defaultHolidayCalendar, describeDay } from '../../activities/index.js';

describe('computeSchedule', () => {
  it('信访 60 日 with T−5 / T−1 reminders: due 24:00 on 10/8 (rolled past 国庆), reminders 10/3 and 10/7', () => {
    const s = computeSchedule({
      from: '2026-08-04T15:00:00+08:00',
      duration: { amount: 60, unit: 'calendarDays' },
      reminders: [
        { amount: 1, unit: 'calendarDays' },
        { amount: 5, unit: 'calendarDays' },
      ],
    });
    expect(s.dueAt).toBe('2026-10-08T16:00:00.000Z');
    // Ascending order whatever order the reminders were listed in.
    expect(s.remindAt).toEqual(['2026-10-03T16:00:00.000Z', '2026-10-07T16:00:00.000Z']);
    expect(s.warnings).toEqual([]);
  });

  it('working-day reminders count back working days: 1 working day before 2/26 is 2/25, 3 is 2/14', () => {
    // Due: 5 working days from 2/12 = 24:00 on 2/26 (see calendar.test.ts).
    const s = computeSchedule({
      from: '2026-02-12T10:00:00+08:00',
      duration: { amount: 5, unit: 'workingDays' },
      reminders: [
        { amount: 1, unit: 'workingDays' },
        { amount: 3, unit: 'workingDays' },
      ],
    });
    expect(s.dueAt).toBe('2026-02-26T16:00:00.000Z');
    expect(s.remindAt).toEqual(['2026-02-14T16:00:00.000Z', '2026-02-25T16:00:00.000Z']);
  });

  it('reminders that would fall before the start are dropped; duplicates appear once', () => {
    const s = computeSchedule({
      from: '2026-02-12T10:00:00+08:00',
      duration: { amount: 5, unit: 'workingDays' },
      reminders: [
        { amount: 10, unit: 'workingDays' },
        { amount: 1, unit: 'workingDays' },
        { amount: 1, unit: 'calendarDays' },
      ],
    });
    expect(s.remindAt).toEqual(['2026-02-25T16:00:00.000Z']);
  });

  it('the light turns yellow at 80% of the period by default', () => {
    // 10 calendar days from 3/10 09:00 → due 24:00 on 3/20 (Friday). Span = 10 d 15 h = 255 h; 80% = 204 h.
    const s = computeSchedule({ from: '2026-03-10T09:00:00+08:00', duration: { amount: 10, unit: 'calendarDays' } });
    expect(s.dueAt).toBe('2026-03-20T16:00:00.000Z');
    expect(s.warnAt).toBe(new Date(Date.parse('2026-03-10T01:00:00Z') + 204 * 3_600_000).toISOString());
    expect(s.remindAt).toEqual([]);
  });

  it('warnAtFraction 0.5 puts the yellow light half-way', () => {
    const s = computeSchedule({
      from: '2026-03-10T00:00:00Z',
      duration: { amount: 48, unit: 'hours' },
      warnAtFraction: 0.5,
    });
    expect(s.warnAt).toBe('2026-03-11T00:00:00.000Z');
  });

  it('a due date in 2027 carries the unpublished-year warning, once', () => {
    const s = computeSchedule({
      from: '2026-12-20T10:00:00+08:00',
      duration: { amount: 15, unit: 'workingDays' },
      reminders: [{ amount: 2, unit: 'workingDays' }],
    });
    expect(s.warnings).toEqual(['2027年放假调休安排尚未公布，已按《全国年节及纪念日放假办法》规定的法定节假日和双休日计算（未计调休），请在公布后核对']);
  });

  it('the activity rejects an invalid request as a non-retryable INVALID_SCHEDULE failure', async () => {
    const acts = createActivities({});
    const err = await acts
      .computeSchedule({ from: 'yesterday', duration: { amount: 5, unit: 'workingDays' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'INVALID_SCHEDULE', nonRetryable: true });
    expect((err as Error).message).toBe('办理时限参数无效：from 开始时间格式错误');
  });
});

describe('a newly published arrangement loaded from JICENG_HOLIDAYS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jiceng-hol-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops the 2027 warning and counts the file’s holidays and 调休 days', async () => {
    // A hypothetical 2027 arrangement (not the real one): 1/1 off, Sat 1/2 a make-up workday.
    const file = join(dir, 'holidays.json');
    writeFileSync(file, JSON.stringify({ holidays: { '2027-01-01': '元旦' }, workdays: { '2027-01-02': '元旦' } }));
    const calendar = defaultHolidayCalendar({ JICENG_HOLIDAYS: file });
    expect(describeDay('2027-01-01', calendar)).toMatchObject({ kind: 'holiday', name: '元旦', published: true });
    const acts = createActivities({ calendar });
    // Start Wed 2026-12-30. 12/31 = 1, 1/1 off, 1/2 Sat 调休 = 2.
    const s = await acts.computeSchedule({ from: '2026-12-30T10:00:00+08:00', duration: { amount: 2, unit: 'workingDays' } });
    expect(s).toMatchObject({ dueAt: '2027-01-02T16:00:00.000Z', warnings: [] });
    // The shipped data is untouched: without the file 2027 is still flagged (元旦 off by law, no 调休:
    // 12/31 = 1, 1/1 off, 1/2–1/3 weekend, 1/4 = 2).
    const plain = await createActivities({}).computeSchedule({ from: '2026-12-30T10:00:00+08:00', duration: { amount: 2, unit: 'workingDays' } });
    expect(plain.dueAt).toBe('2027-01-04T16:00:00.000Z');
    expect(plain.warnings).toHaveLength(1);
  });

  it('a malformed file is a HOLIDAYS_INVALID failure naming the bad date', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ holidays: { '2027/01/01': '元旦' } }));
    expect(() => defaultHolidayCalendar({ JICENG_HOLIDAYS: file })).toThrow(/节假日安排文件格式错误.*2027\/01\/01/);
  });
});
