/**
 * The migration planner (workflows/engine/migration-plan.ts), pure: the mapping's rules, the
 * refusals that do not need a running case (suspended, an open incident, a token in transit), the
 * suspended time added to a rescheduled due date, and the clock events a new anchor needs taken
 * from the timeline.
 */
import { describe, expect, it } from 'vitest';
import { backfillClockEvents, mappingProblems, pausedSince, planMigration, type CasePosition } from '../../workflows/engine/migration-plan.js';
import type { TaskRecord } from '../../workflows/types.js';
import { anchoredIntake, intake, intakeV2, intakeV3, parallelV2, parallelV3 } from '../workflow/fixtures/migration-definitions.js';

const T0 = '2026-09-28T02:00:00.000Z';

const task = (nodeId: string, more: Partial<TaskRecord> = {}): TaskRecord => ({
  id: `${nodeId}-1`,
  nodeId,
  nodeName: nodeId,
  kind: 'task',
  status: 'open',
  assignees: [],
  candidateGrants: [],
  createdAt: T0,
  urgedCount: 0,
  escalated: false,
  tokenId: 't0',
  ...more,
});

function at(nodeId: string, more: Partial<CasePosition> = {}): CasePosition {
  return {
    status: 'running',
    startedAt: T0,
    data: {},
    tokens: [{ id: 't0', nodeId, moving: false }],
    tasks: [task(nodeId)],
    votes: [],
    publicity: [],
    timers: new Map(),
    incidents: [],
    clockEvents: {},
    timeline: [],
    subdefinitionKeys: [],
    ...more,
  };
}

describe('the node mapping', () => {
  it.each([
    ['identical ids map by default', intake, intakeV2, {}, []],
    ['a removed step needs a target', intake, intakeV3, {}, ['「受理」在新版本中已删除，请为它指定目标环节']],
    ['mapped, it is fine', intake, intakeV3, { accept: 'handle' }, []],
    ['an end node is no target', intake, intakeV2, { accept: 'end' }, ['「受理」不能映射到结束节点「办结」']],
    ['a target that does not exist', intake, intakeV2, { accept: 'nowhere' }, ['「受理」的目标环节 nowhere 在新版本中不存在']],
    ['the same version', intake, intake, {}, ['源版本与目标版本相同（第 1 版）']],
  ] as const)('%s', (_, source, target, mapping, messages) => {
    expect(mappingProblems(source, target, mapping).map((p) => p.message)).toEqual(messages);
  });
});

describe('refusals that do not depend on the node', () => {
  it.each([
    ['a suspended case', at('accept', { status: 'suspended' }), 'SUSPENDED'],
    ['an open incident', at('accept', { incidents: [{ id: 'incident-1', code: 'AUTO_LOOP_LIMIT', message: '…', nodeId: 'accept', nodeName: '受理', tokenId: 't0', at: T0 }] }), 'INCIDENT'],
    ['a token in transit', at('accept', { tokens: [{ id: 't0', nodeId: 'accept', moving: true }] }), 'IN_TRANSIT'],
    ['an ended case', at('accept', { status: 'completed' }), 'CASE_ENDED'],
  ] as const)('%s is refused', (_, pos, code) => {
    const plan = planMigration(pos, intake, intakeV2, {});
    expect(plan.ok).toBe(false);
    expect(plan.refusals.map((r) => r.code)).toContain(code);
  });

  it('a case on another version than the one asked for is refused', () => {
    const plan = planMigration(at('accept'), intake, intakeV2, {}, 2);
    expect(plan.refusals).toEqual([expect.objectContaining({ code: 'WRONG_VERSION', message: '本案当前为第 1 版，不是第 2 版' })]);
  });

  it('a case at rest on a task is planned, the due time counted from when the task opened', () => {
    const plan = planMigration(at('accept'), intake, intakeV2, {});
    expect(plan.ok).toBe(true);
    const deadline = plan.changes.find((c) => c.kind === 'deadline');
    expect(deadline).toMatchObject({ reschedule: { request: { from: T0, duration: { amount: 10, unit: 'calendarDays' } }, pausedMs: 0 } });
  });

  it('a task whose due time was extended (延期) keeps it', () => {
    const pos = at('accept', { tasks: [task('accept', { dueAt: '2026-10-20T16:00:00.000Z' })], timeline: [{ at: T0, actor: 'boss', type: 'task.extended', taskId: 'accept-1' }] });
    expect(planMigration(pos, intake, intakeV2, {}).changes).toContainEqual(expect.objectContaining({ kind: 'deadlineKept', due: '2026-10-20T16:00:00.000Z' }));
  });

  it('a token outside a parallel block may not land inside one', () => {
    // v3 runs 村委预审 in sequence; v2 has it inside the parallel block.
    const plan = planMigration(at('a0'), parallelV3, parallelV2, { b: 'b2' }, 3);
    expect(plan.refusals).toEqual([expect.objectContaining({ code: 'PARALLEL_BRANCH', message: '目标环节「村委预审」位于并行分支内，而本案的「村委预审」不在并行分支中' })]);
  });
});

describe('time and anchors', () => {
  it('the time suspended since a task opened is added to its new due time (each 恢复 records how long)', () => {
    const timeline = [
      { at: '2026-09-27T00:00:00.000Z', actor: 'boss', type: 'case.resumed' as const, detail: { pausedMs: 5_000 } },
      { at: '2026-09-29T00:00:00.000Z', actor: 'boss', type: 'case.resumed' as const, detail: { pausedMs: 86_400_000 } },
      { at: '2026-09-30T00:00:00.000Z', actor: 'boss', type: 'case.resumed' as const, detail: { pausedMs: 3_600_000 } },
    ];
    expect(pausedSince(timeline, T0)).toBe(86_400_000 + 3_600_000);
  });

  it('an anchor the new version adds is filled from the timeline when the old version kept no instant for it', () => {
    const timeline = [
      { at: T0, actor: 'system', type: 'node.entered' as const, nodeId: 'accept' },
      { at: '2026-09-30T03:00:00.000Z', actor: 'li', type: 'task.completed' as const, nodeId: 'accept', taskId: 'accept-1' },
    ];
    expect(backfillClockEvents({ clockEvents: {}, timeline }, anchoredIntake)).toEqual({ 'opened:accept': T0, 'completed:accept': '2026-09-30T03:00:00.000Z' });
    // What the case kept itself is never overwritten.
    expect(backfillClockEvents({ clockEvents: { 'completed:accept': '2026-09-29T00:00:00.000Z' }, timeline }, anchoredIntake)).toEqual({ 'opened:accept': T0 });
  });
});
