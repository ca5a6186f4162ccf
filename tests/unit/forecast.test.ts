/**
 * 流程预测 (workflows/rules/forecast.ts): the path, owner roles and statutory due dates of a case
 * started on a given day — 2026-09-28, three days before 国庆, as the issue asks.
 */
import { describe, expect, it } from 'vitest';
import { addPeriod, describeDay, endOfShanghaiDay, shanghaiDate } from '../../activities/business-calendar.js';
import { forecastCase, nodeOutcomes } from '../../workflows/rules/forecast.js';
import { loadBuiltinProcedure } from '../../procedures/index.js';

const xf = loadBuiltinProcedure('xinfang');
const wy = loadBuiltinProcedure('wuyi-liangkai');
const START = '2026-09-28T09:00:00+08:00';
const step = (f: ReturnType<typeof forecastCase>, id: string) => f.steps.find((s) => s.nodeId === id)!;

describe('forecastCase on 信访 started 2026-09-28', () => {
  it('受理审查: 15 自然日 from the case start (信访工作条例 §22), over 国庆, to 信访办', () => {
    const f = forecastCase(xf, { startAt: START });
    const s = step(f, 'accept_decision');
    expect(s.role).toBe('TWN_XF_OFFICE');
    expect(s.due).toMatchObject({ amount: 15, unit: 'calendarDays', provenance: 'STAT', anchor: '案件发起', lastDay: '2026-10-13' });
    // The expectation from the calendar itself: 15 days counted from the day after the start (民法典 §201).
    const expected = addPeriod('2026-09-28', 15, 'calendarDays');
    expect(s.due!.lastDay).toBe(expected.lastDay);
    expect(s.due!.dueAt).toBe(endOfShanghaiDay(expected.lastDay!).toISOString());
    expect(s.due!.holidays).toContain(describeDay('2026-10-01').name);
  });

  it('without sample data the case is not accepted (the gateway default); with 受理 chosen it runs 办理 60 days from the 受理 decision', () => {
    const short = forecastCase(xf, { startAt: START });
    expect(short.end?.outcome).toBe('not_accepted');
    const long = forecastCase(xf, { startAt: START, data: { acceptance: 'accept' } });
    const accept = step(long, 'accept_decision');
    const handle = step(long, 'handle');
    expect(long.steps.map((x) => x.nodeId)).toContain('acceptance_notice');
    expect(handle.due!.anchor).toBe('「受理审查」办结');
    expect(handle.due!.from).toBe(accept.endsAt);
    expect(handle.due!.lastDay).toBe(addPeriod(shanghaiDate(accept.endsAt), 60, 'calendarDays').lastDay);
    // The steps run in time order along one branch.
    expect(Date.parse(handle.openedAt)).toBeGreaterThanOrEqual(Date.parse(accept.endsAt));
  });

  it('a chosen outcome takes its edge: 办理 → 申请延期 goes to the extension approval', () => {
    const f = forecastCase(xf, { startAt: START, data: { acceptance: 'accept' }, outcomes: { handle: 'request_extension' } });
    expect(step(f, 'handle').outcome).toBe('request_extension');
    expect(f.steps.map((x) => x.nodeId)).toContain('extension_approval');
  });
});

describe('forecastCase on 五议两公开', () => {
  it('parallel branches meet at their join when the later one arrives; 公示 counts its period; the case ends adopted', () => {
    const f = forecastCase(wy, { startAt: START });
    expect(f.end?.outcome).toBe('adopted');
    const publicity = f.steps.find((s) => s.kind === 'publicity')!;
    expect(publicity.due?.anchor).toBe('公示开始');
    expect(publicity.outcome).toBe('clear');
    const joins = f.steps.filter((s) => s.kind === 'gateway' && s.name === '实施完成');
    expect(joins).toHaveLength(1);
    const branchEnds = f.steps.filter((s) => s.branch > 0 && s.kind === 'task').map((s) => Date.parse(s.endsAt));
    expect(Date.parse(joins[0]!.openedAt)).toBe(Math.max(...branchEnds));
  });

  it('a 公示 with 有异议 takes the objection path (异议处理) before implementation', () => {
    const pub = wy.nodes.find((n) => n.id === 'publish_resolution')!;
    expect(nodeOutcomes(pub)).toEqual(['clear', 'objections']);
    const clear = forecastCase(wy, { startAt: START });
    const f = forecastCase(wy, { startAt: START, outcomes: { [pub.id]: 'objections' } });
    expect(step(f, pub.id).outcome).toBe('objections');
    expect(clear.steps.some((s) => s.nodeId === 'objection_review')).toBe(false);
    expect(f.steps.some((s) => s.nodeId === 'objection_review')).toBe(true);
    expect(Date.parse(f.end!.at)).toBeGreaterThan(Date.parse(clear.end!.at));
  });
});
