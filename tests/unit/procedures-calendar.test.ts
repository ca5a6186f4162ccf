/**
 * The built-in procedures' own periods on the 2026 State Council holiday calendar (民法典
 * §201–203; procedures.md §0.3, §9): the due instants the engine will compute for them.
 */
import { describe, expect, it } from 'vitest';
import { computeSchedule } from '../../activities/schedule.js';
import type { Definition, Duration } from '../../dsl/schema.js';
import { loadBuiltinProcedure } from '../../procedures/index.js';

function duration(def: Definition, nodeId: string, params: Record<string, number> = {}): Duration {
  const n = def.nodes.find((x) => x.id === nodeId);
  if (!n) throw new Error(nodeId);
  const d = n.kind === 'publicity' ? n.period : n.kind === 'timer' ? n.duration : n.kind === 'task' || n.kind === 'vote' ? n.deadline?.duration : undefined;
  if (!d) throw new Error(`${nodeId} has no period`);
  const p = d.param !== undefined ? params[d.param] : undefined;
  return p === undefined ? d : { ...d, amount: p };
}

/** 24:00 Asia/Shanghai of a date = 16:00 UTC. */
const endOf = (date: string) => `${date}T16:00:00.000Z`;
const at = (shanghai: string) => new Date(`${shanghai}+08:00`).toISOString();

const xinfang = loadBuiltinProcedure('xinfang');
const wuyi = loadBuiltinProcedure('wuyi-liangkai');
const sanpiao = loadBuiltinProcedure('sanpiao-xuanju');

describe('statutory periods on the holiday calendar', () => {
  it('信访: a 60-day 办理 period whose last day falls in 国庆 (2026-10-01) ends on 2026-10-08, the day after the holiday (民法典 §203)', () => {
    const r = computeSchedule({ from: at('2026-08-02T10:00:00'), duration: duration(xinfang, 'handle') });
    expect(r.dueAt).toBe(endOf('2026-10-08'));
    expect(r.warnings).toEqual([]);
  });

  it('信访: a 60-day period from 2026-03-02 ends in 劳动节 (5/1–5/5) and so on 2026-05-06 (民法典 §203)', () => {
    const r = computeSchedule({ from: at('2026-03-02T09:00:00'), duration: duration(xinfang, 'handle') });
    expect(r.dueAt).toBe(endOf('2026-05-06'));
  });

  it('信访: a 60-day period ending on the 调休 Saturday 2026-05-09 ends that day — a make-up working day is not a rest day', () => {
    const r = computeSchedule({ from: at('2026-03-10T09:00:00'), duration: duration(xinfang, 'handle') });
    expect(r.dueAt).toBe(endOf('2026-05-09'));
  });

  it('信访: a 15-day 受理 period ending on 元旦 (2026-01-01…03) ends on 2026-01-04, a 调休 working Sunday', () => {
    const r = computeSchedule({ from: at('2025-12-17T15:00:00'), duration: duration(xinfang, 'accept_decision') });
    expect(r.dueAt).toBe(endOf('2026-01-04'));
  });

  it('信访: the reminders of the 60-day period fall 5 days and 1 day before it ends', () => {
    const handle = xinfang.nodes.find((n) => n.id === 'handle');
    if (handle?.kind !== 'task') throw new Error('handle');
    const r = computeSchedule({ from: at('2026-08-02T10:00:00'), duration: duration(xinfang, 'handle'), reminders: handle.deadline?.reminders });
    expect(r.remindAt).toEqual([endOf('2026-10-03'), endOf('2026-10-07')]);
  });
});

describe('publicity periods in working days across 调休', () => {
  it('五议两公开: a 7-working-day 决议公开 from 2026-02-09 counts the 调休 Saturday 2/14, skips 春节 2/15–2/23 and ends 2026-02-25', () => {
    const r = computeSchedule({ from: at('2026-02-09T10:00:00'), duration: duration(wuyi, 'publish_resolution_wd') });
    expect(r.dueAt).toBe(endOf('2026-02-25'));
  });

  it('五议两公开: the same 7 days counted as calendar days end on 2026-02-24 (last day 2/16 falls in 春节 → next day after the holiday)', () => {
    const r = computeSchedule({ from: at('2026-02-09T10:00:00'), duration: duration(wuyi, 'publish_resolution') });
    expect(r.dueAt).toBe(endOf('2026-02-24'));
  });

  it('三票制: a 5-working-day 公报 from Friday 2026-09-18 counts the 调休 Sunday 9/20 and ends 2026-09-24', () => {
    const r = computeSchedule({ from: at('2026-09-18T16:00:00'), duration: duration(sanpiao, 'announce') });
    expect(r.dueAt).toBe(endOf('2026-09-24'));
  });

  it('村民会议: the 10-day notice from 2026-09-25 (中秋) ends 2026-10-08, after 国庆', () => {
    const r = computeSchedule({ from: at('2026-09-25T10:00:00'), duration: duration(wuyi, 'villagers_notice') });
    expect(r.dueAt).toBe(endOf('2026-10-08'));
  });
});
