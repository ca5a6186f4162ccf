/**
 * The period of a task whose deadline does not simply count from the task's opening: a clock
 * anchor (受理, the recorded 送达 date, a branch resolution …), an overall cap across the nodes of a
 * stage, or an extension (延期) of another node's period, which the deadline ledger records in the
 * approver's name. New behaviour for definitions that use it, behind patch ANCHOR_CLOCKS.
 */
import { patched } from '@temporalio/workflow';
import { anchorLabel, hasClockRules, resolveAnchor } from '../../dsl/clock.js';
import type { Duration, HumanNode } from '../../dsl/schema.js';
import type { TaskClock, TaskRecord } from '../types.js';
import { nowIso } from './clock.js';
import { durationWithParams } from './params.js';
import type { CaseRuntime } from './runtime.js';

/**
 * Patch id: a deadline with a clock anchor, a cap or an extension link computes its period from
 * the anchor (and records the extension in the ledger). Definitions without them never call
 * `patched()`, so recorded histories replay unchanged.
 */
export const ANCHOR_CLOCKS = 'anchor-clocks';

export interface ClockPlan {
  /** The instant the period counts from. */
  from: string;
  cap?: { from: string; duration: Duration };
  clock: TaskClock;
  warnings: string[];
}

/** Whether this node's task takes the anchored path (records the patch marker the first time). */
export function usesClockRules(node: HumanNode): boolean {
  return hasClockRules(node.deadline) && patched(ANCHOR_CLOCKS);
}

/** Where the period of a task of `node` opening at `openedAt` counts from, and its cap. */
export function planClock(rt: CaseRuntime, node: HumanNode, openedAt: string): ClockPlan {
  const dl = node.deadline;
  const ctx = { taskOpenedAt: openedAt, caseStartedAt: rt.startedAt, events: rt.clockEvents, data: rt.data };
  const warnings: string[] = [];
  const anchored = resolveAnchor(dl?.anchor, ctx, rt.def);
  const clock: TaskClock = { from: openedAt, anchor: anchorLabel(dl?.anchor, rt.def) };
  if ('from' in anchored) clock.from = anchored.from;
  else {
    clock.fallback = true;
    warnings.push(`「${node.name}」的时限应自${anchored.missing}起算，但该时间尚未记录，暂按本环节开始时间计算，请核对`);
  }
  let cap: ClockPlan['cap'];
  if (dl?.cap) {
    const c = resolveAnchor(dl.cap.anchor, ctx, rt.def);
    if ('from' in c) {
      cap = { from: c.from, duration: durationWithParams(dl.cap.duration, rt.params) };
      clock.capFrom = c.from;
    } else warnings.push(`「${node.name}」的总时限应自${c.missing}起算，但该时间尚未记录，本次未能按总时限封顶，请核对`);
  }
  return { from: clock.from, cap, clock, warnings };
}

function latest(rt: CaseRuntime, pred: (t: TaskRecord) => boolean): TaskRecord | undefined {
  for (let i = rt.tasks.length - 1; i >= 0; i -= 1) {
    const t = rt.tasks[i] as TaskRecord;
    if (pred(t)) return t;
  }
  return undefined;
}

/**
 * The task extends the period of an earlier node (延期): the move of the due time goes into the
 * deadline ledger as an `extend`, in the name of whoever approved it — the same record the
 * supervisor's 延期 writes.
 */
export function recordExtension(rt: CaseRuntime, node: HumanNode, task: TaskRecord): void {
  const ext = node.deadline?.extensionOf;
  if (!ext) return;
  const extended = latest(rt, (t) => t.nodeId === ext.nodeId && t.id !== task.id);
  const approval = ext.approvalNode ? latest(rt, (t) => t.nodeId === ext.approvalNode && t.status === 'done') : undefined;
  const actor = approval?.completedBy ?? 'system';
  const reason = [extended?.comment, approval?.comment].filter((c): c is string => !!c?.trim()).join('；') || `${node.name}`;
  const entry = {
    at: nowIso(),
    actor,
    taskId: task.id,
    nodeId: task.nodeId,
    kind: 'extend' as const,
    from: extended?.dueAt,
    to: task.dueAt,
    reason,
    ...(task.clock?.capAt && task.dueAt === task.clock.capAt ? { capped: true } : {}),
  };
  rt.ledger.push(entry);
  rt.record({
    type: 'task.extended',
    actor,
    nodeId: task.nodeId,
    taskId: task.id,
    comment: reason,
    detail: { from: entry.from, to: entry.to, extends: extended?.id, approvedIn: approval?.id },
  });
}
