/** 延期 within the node's statute (workflows/rules/extension.ts), table-driven. */
import { describe, expect, it } from 'vitest';
import { extensionProblem, extensionsOf, type ExtensionAmount } from '../../workflows/rules/extension.js';
import type { Deadline } from '../../dsl/schema.js';

const xinfang: Deadline = {
  duration: { amount: 60, unit: 'calendarDays' },
  reminders: [],
  timeoutAction: 'escalate',
  warnAtFraction: 0.8,
  source: '信访工作条例（2022）：60日内办结',
  provenance: 'STAT',
  maxExtension: { amount: 30, unit: 'calendarDays' },
  maxExtensions: 1,
};
const d = (amount: number, unit: ExtensionAmount['unit'] = 'calendarDays'): ExtensionAmount => ({ amount, unit });

describe('信访 办理: 延长期限不得超过30日, once (信访工作条例)', () => {
  it.each([
    ['+30 days', [], d(30), undefined],
    ['+365 days', [], d(365), /累计不得超过 30 日/],
    ['+31 days', [], d(31), /累计不得超过 30 日/],
    ['+720 hours (= 30 days)', [], d(720, 'hours'), undefined],
    ['+721 hours', [], d(721, 'hours'), /累计不得超过/],
    ['+20 working days (not comparable with calendar days)', [], d(20, 'workingDays'), /以自然日计/],
    ['a second extension of 1 day', [d(10)], d(1), /最多延期 1 次，已延期 1 次/],
  ] as const)('%s', (_label, prior, req, expected) => {
    const problem = extensionProblem(xinfang, prior, req);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });

  it('names the statute in the refusal', () => {
    expect(extensionProblem(xinfang, [], d(365))).toContain('信访工作条例');
  });
});

describe('other caps', () => {
  const base = { ...xinfang, maxExtension: undefined, maxExtensions: undefined };
  it('no cap: anything goes', () => expect(extensionProblem(base, [d(100), d(100)], d(365))).toBeUndefined());
  it('maxExtensions 0: never', () => expect(extensionProblem({ ...base, maxExtensions: 0 }, [], d(1))).toMatch(/不能延期/));
  it('a total cap over several extensions: 10 + 15 used of 30 leaves 5', () => {
    const cap = { ...base, maxExtension: { amount: 30, unit: 'calendarDays' as const } };
    expect(extensionProblem(cap, [d(10), d(15)], d(5))).toBeUndefined();
    expect(extensionProblem(cap, [d(10), d(15)], d(6))).toMatch(/已延期 25 日，最多还可延期 5 日/);
  });
  it('working-day caps count working days', () => {
    const cap = { ...base, maxExtension: { amount: 10, unit: 'workingDays' as const } };
    expect(extensionProblem(cap, [d(6, 'workingDays')], d(4, 'workingDays'))).toBeUndefined();
    expect(extensionProblem(cap, [d(6, 'workingDays')], d(5, 'workingDays'))).toMatch(/10 个工作日/);
    expect(extensionProblem(cap, [], d(3))).toMatch(/以工作日计/);
  });
  it('prior extensions are read from the timeline of that task only', () => {
    const timeline = [
      { at: '', actor: 'sec', type: 'task.extended', taskId: 't1', detail: { amount: 10, unit: 'calendarDays' } },
      { at: '', actor: 'sec', type: 'task.extended', taskId: 't2', detail: { amount: 5, unit: 'hours' } },
      { at: '', actor: 'sec', type: 'task.urged', taskId: 't1' },
    ] as const;
    expect(extensionsOf(timeline, 't1')).toEqual([d(10)]);
  });
});
