/**
 * The day sweep: everything that depends on "now" — due dates of every built-in deadline, the
 * demo's deadline promises, the green/yellow/red light, the inbox's 今天/7天内/已超期 filters — run
 * for a fixed set of instants: a Friday evening, a weekend, the Shanghai/UTC day boundary, a 调休
 * workday, 春节, the day before 国庆, New Year's Eve and a year whose arrangement is unpublished.
 * CI runs on any day; these instants are the days that used to break it.
 */
import { describe, expect, it } from 'vitest';
import { endOfShanghaiDay, isWorkingDay, isYearPublished, shanghaiDate } from '../../activities/business-calendar.js';
import { computeSchedule } from '../../activities/schedule.js';
import { isHumanNode, type Definition, type Duration } from '../../dsl/schema.js';
import { demoCases } from '../../procedures/demo/cases.js';
import { claimHolds, demoClaimSchedule } from '../../procedures/demo/deadlines.js';
import { loadBuiltinProcedures, type BuiltinKey, loadBuiltinProcedure } from '../../procedures/index.js';
import { dueLimit, inDueWindow } from '../../server/cases/due-window.js';
import { computeHealth } from '../../workflows/engine/health.js';
import { durationWithParams, resolveParams } from '../../workflows/engine/params.js';
import type { TaskRecord } from '../../workflows/types.js';
import { taskHealth } from '../../designer/src/lib/health.js';

const NOWS: [string, string][] = [
  ['a Friday evening', '2026-12-04T19:30:00+08:00'],
  ['a Saturday', '2026-12-05T10:00:00+08:00'],
  ['Sunday night in Shanghai', '2026-12-06T23:30:00+08:00'],
  ['Monday 00:30 in Shanghai, still Sunday in UTC', '2026-12-07T00:30:00+08:00'],
  ['a 调休 Saturday (2026-02-14, a working day)', '2026-02-14T09:00:00+08:00'],
  ['春节 (2026-02-17)', '2026-02-17T10:00:00+08:00'],
  ['the day before 国庆 (2026-09-30)', '2026-09-30T16:00:00+08:00'],
  ["New Year's Eve (2026-12-31)", '2026-12-31T22:00:00+08:00'],
  ['2027-01-02 (holiday arrangement not yet published)', '2027-01-02T10:00:00+08:00'],
];

const DAY = 86_400_000;

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** The Shanghai date a due instant closes (24:00 belongs to the day before). */
const lastDayOf = (dueAt: string) => shanghaiDate(new Date(Date.parse(dueAt) - 1));

/** Every deadline of every built-in procedure, with its parameter defaults applied. */
const deadlines: { where: string; duration: Duration; reminders: Duration[]; warnAtFraction: number }[] = loadBuiltinProcedures().flatMap((def: Definition) => {
  const params = resolveParams(def);
  return def.nodes.filter(isHumanNode).flatMap((n) =>
    n.deadline && n.deadline.duration.amount > 0
      ? [{ where: `${def.key}/${n.id}`, duration: durationWithParams(n.deadline.duration, params), reminders: n.deadline.reminders.map((r) => durationWithParams(r, params)), warnAtFraction: n.deadline.warnAtFraction }]
      : [],
  );
});

const openTask = (createdAt: string, s: { dueAt: string; warnAt: string }, over: Partial<TaskRecord> = {}): TaskRecord => ({
  id: 't', nodeId: 'n', nodeName: '审核', kind: 'task', status: 'open', assignees: [], candidateGrants: [], createdAt,
  dueAt: s.dueAt, warnAt: s.warnAt, urgedCount: 0, escalated: false, tokenId: 't0', ...over,
});

describe.each(NOWS)('day sweep: %s (%s)', (_label, nowText) => {
  const now = new Date(nowText);
  const nowIso = now.toISOString();
  const today = shanghaiDate(now);

  it('every built-in deadline: due after now, on the period the law counts (民法典 §201–203), with its warning point and reminders inside the period', () => {
    expect(deadlines.length).toBeGreaterThan(50);
    for (const d of deadlines) {
      const s = computeSchedule({ from: nowIso, duration: d.duration, reminders: d.reminders, warnAtFraction: d.warnAtFraction });
      const due = Date.parse(s.dueAt);
      const at = `${d.where} ${d.duration.amount} ${d.duration.unit}`;
      expect(due, at).toBeGreaterThan(now.getTime());
      const warn = Date.parse(s.warnAt);
      expect(warn, at).toBeGreaterThan(now.getTime());
      expect(warn, at).toBeLessThan(due);
      for (const r of s.remindAt) {
        expect(Date.parse(r), at).toBeGreaterThan(now.getTime());
        expect(Date.parse(r), at).toBeLessThan(due);
      }
      expect([...s.remindAt].sort(), at).toEqual(s.remindAt);
      const { amount, unit } = d.duration;
      if (unit === 'minutes' || unit === 'hours') {
        // §201 ¶2: counted from the stated time, whatever the day.
        expect(due - now.getTime(), at).toBe(amount * (unit === 'minutes' ? 60_000 : 3_600_000));
        continue;
      }
      // Day units end at 24:00 Shanghai of a working day.
      const last = lastDayOf(s.dueAt);
      expect(s.dueAt, at).toBe(endOfShanghaiDay(last).toISOString());
      expect(isWorkingDay(last), `${at}: last day ${last}`).toBe(true);
      if (unit === 'calendarDays') {
        // The start day is not counted; a last day on a rest day or holiday moves to the next working day.
        let expected = addDays(today, amount);
        while (!isWorkingDay(expected)) expected = addDays(expected, 1);
        expect(last, at).toBe(expected);
      } else if (unit === 'workingDays') {
        let counted = 0;
        for (let day = addDays(today, 1); day <= last; day = addDays(day, 1)) if (isWorkingDay(day)) counted += 1;
        expect(counted, at).toBe(amount);
      } else {
        // Months and years: at least the nominal span; every day skipped past it is a rest day.
        expect(last > today, at).toBe(true);
        expect(Date.parse(`${last}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`), at).toBeGreaterThanOrEqual((unit === 'years' ? 365 * amount : 28 * amount) * DAY);
      }
      // A year whose holidays are unpublished is flagged, never guessed.
      let unpublished = false;
      for (let day = today; day <= last; day = addDays(day, 1)) if (!isYearPublished(Number(day.slice(0, 4)))) unpublished = true;
      if (unpublished) expect(s.warnings.join(''), at).toMatch(/尚未公布|不在节假日数据范围/);
      else expect(s.warnings, at).toEqual([]);
    }
  });

  it('the demo keeps its promises: one task due within a day of opening, one overdue within minutes (procedures/demo/cases.ts)', () => {
    const claimed = demoCases.filter((c) => c.deadline);
    expect(claimed.map((c) => c.deadline!.claim).sort()).toEqual(['nearDue', 'overdue']);
    for (const c of claimed) {
      const s = demoClaimSchedule(c, loadBuiltinProcedure(c.procedure as BuiltinKey), now)!;
      expect(claimHolds(c.deadline!.claim, now, s.dueAt), `${c.id} opened ${nowIso} → due ${s.dueAt}`).toBe(true);
    }
  });

  it('the light of a task opened now: green, yellow from its warning point, red once due; a suspended case stays green — the engine and the web app agree', () => {
    for (const duration of [{ amount: 1, unit: 'calendarDays' }, { amount: 5, unit: 'workingDays' }, { amount: 2, unit: 'hours' }, { amount: 1, unit: 'months' }] as Duration[]) {
      const s = computeSchedule({ from: nowIso, duration });
      const t = openTask(nowIso, s);
      const at = (ms: number) => ({ engine: computeHealth({ tasks: [t], nowMs: ms }).health, web: taskHealth(t, ms) });
      const warn = Date.parse(s.warnAt);
      const due = Date.parse(s.dueAt);
      expect(at(now.getTime()), `${duration.amount} ${duration.unit}`).toEqual({ engine: 'green', web: 'green' });
      expect(at(warn - 1000), `${duration.amount} ${duration.unit}`).toEqual({ engine: 'green', web: 'green' });
      expect(at(warn + 1000), `${duration.amount} ${duration.unit}`).toEqual({ engine: 'yellow', web: 'yellow' });
      expect(at(due + 1), `${duration.amount} ${duration.unit}`).toEqual({ engine: 'red', web: 'red' });
      expect(computeHealth({ tasks: [t], nowMs: due + DAY, suspended: true }).health).toBe('green');
    }
  });

  it('inbox filters: 今天到期 up to 24:00 of today in Shanghai, 7天内 up to 24:00 of the 7th day, 已超期 up to now', () => {
    const endOfToday = endOfShanghaiDay(today).toISOString();
    const endOfWeek = endOfShanghaiDay(addDays(today, 6)).toISOString();
    expect(dueLimit('today', now).toISOString()).toBe(endOfToday);
    expect(dueLimit('week', now).toISOString()).toBe(endOfWeek);
    const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
    const inToday = inDueWindow('today', now);
    const inWeek = inDueWindow('week', now);
    const overdue = inDueWindow('overdue', now);
    expect([inToday(endOfToday), inToday(later(endOfToday, 1)), inToday(null)]).toEqual([true, false, false]);
    expect([inWeek(later(endOfToday, 1)), inWeek(endOfWeek), inWeek(later(endOfWeek, 1))]).toEqual([true, true, false]);
    expect([overdue(nowIso), overdue(later(nowIso, 1)), overdue(later(nowIso, -DAY))]).toEqual([true, false, true]);
    // A period ending yesterday (24:00 Shanghai) is overdue now, never "today".
    const endOfYesterday = endOfShanghaiDay(addDays(today, -1)).toISOString();
    expect([overdue(endOfYesterday), Date.parse(endOfYesterday) <= now.getTime()]).toEqual([true, true]);
    expect(inDueWindow(undefined, now)(null)).toBe(true);
  });
});
