/**
 * 拿回 (takeBack) and 减签 (removeSigner) as updates. The rules are pure (hand-off.ts, countersign.ts);
 * validators decide, handlers apply.
 */
import type { z } from 'zod';
import { engineError } from '../errors.js';
import type { RemoveSignerArgs, TakeBackArgs } from '../messages.js';
import type { TaskRecord } from '../types.js';
import { effects } from './activities.js';
import { countersignDecision } from './countersign.js';
import { requireOpenTask, requireOperation, requireRunning, requireSupervisor } from './guards.js';
import { takeBack } from './hand-off.js';
import { isTaskActor } from './permissions.js';
import type { CaseRuntime } from './runtime.js';
import { cancelTask, closeDecided, taskNode } from './task-node.js';
import { notifyWords } from './notify-words.js';

type Args<S extends z.ZodType> = z.output<S>;

// ── takeBack (拿回) ──

/** A vote that has received anything (a tally, a ballot) is no longer untouched. */
function voteTouched(rt: CaseRuntime, t: TaskRecord): boolean {
  if (t.kind !== 'vote') return false;
  const v = [...rt.votes.values()].find((x) => x.taskId === t.id);
  return !!v && (v.round > 1 || v.status !== 'collecting' || v.voted.length > 0 || !!v.pendingTally);
}

export function validateTakeBack(rt: CaseRuntime, a: Args<typeof TakeBackArgs>): TaskRecord {
  requireRunning(rt);
  const done = rt.task(a.taskId);
  if (!done) throw engineError('TASK_NOT_FOUND', a.taskId);
  const verdict = takeBack(rt.def, rt.tasks, rt.timeline, done, a.actor.userId, (t) => voteTouched(rt, t));
  if (!verdict.ok) throw engineError('TAKE_BACK_NOT_ALLOWED', verdict.reason);
  return verdict.next;
}

export async function applyTakeBack(rt: CaseRuntime, a: Args<typeof TakeBackArgs>): Promise<void> {
  const next = validateTakeBack(rt, a);
  const done = rt.task(a.taskId) as TaskRecord;
  cancelTask(next);
  const token = rt.tokens.get(next.tokenId);
  if (token) {
    token.jumpTo = done.nodeId;
    // The step reopens claimed by the one who took it back (engine/tasks.ts openHumanTask).
    token.reopenFor = { nodeId: done.nodeId, userId: a.actor.userId };
  }
  rt.progress();
  rt.wake(next.tokenId);
  rt.record({
    type: 'task.takenBack',
    actor: a.actor.userId,
    actorName: a.actor.name,
    nodeId: done.nodeId,
    taskId: next.id,
    comment: a.reason,
    detail: { from: next.nodeName, fromNodeId: next.nodeId, to: done.nodeName },
  });
  rt.changed();
  await effects.notify({
    key: `${rt.caseId}:${next.id}:takeBack`,
    kind: 'info',
    caseId: rt.caseId,
    taskId: next.id,
    userIds: next.assignees,
    grants: next.candidateGrants,
    title: `已拿回：${rt.input.title}`,
    message: `「${next.nodeName}」已由上一环节办理人${a.actor.name ?? ''}拿回，无需办理。`,
    ...notifyWords(rt).extra,
  });
}

// ── removeSigner (减签) ──

export function validateRemoveSigner(rt: CaseRuntime, a: Args<typeof RemoveSignerArgs>): TaskRecord {
  requireRunning(rt);
  const task = requireOpenTask(rt, a.taskId);
  requireOperation(rt, task, 'removeSigner');
  if (!task.signers) throw engineError('OPERATION_NOT_ALLOWED', '仅会签环节可以减签');
  if (!isTaskActor(a.actor, task)) requireSupervisor(rt, a.actor);
  for (const u of a.userIds) {
    const s = task.signers.find((x) => x.userId === u);
    if (!s) throw engineError('OPERATION_NOT_ALLOWED', '该人员不是本任务的会签人');
    if (s.action) throw engineError('OPERATION_NOT_ALLOWED', '已签署的会签人不能减去');
    if (u === a.actor.userId) throw engineError('OPERATION_NOT_ALLOWED', '不能减去自己（可转办）');
  }
  const left = task.signers.filter((s) => !a.userIds.includes(s.userId));
  if (left.length === 0) throw engineError('OPERATION_NOT_ALLOWED', '至少要保留一名会签人');
  return task;
}

export function applyRemoveSigner(rt: CaseRuntime, a: Args<typeof RemoveSignerArgs>): void {
  const task = validateRemoveSigner(rt, a);
  const removed = task.signers?.filter((s) => a.userIds.includes(s.userId)) ?? [];
  task.signers = task.signers?.filter((s) => !a.userIds.includes(s.userId));
  task.assignees = (task.signers ?? []).map((s) => s.userId);
  rt.record({
    type: 'task.signersRemoved',
    actor: a.actor.userId,
    actorName: a.actor.name,
    nodeId: task.nodeId,
    taskId: task.id,
    comment: a.reason,
    detail: { userIds: removed.map((s) => s.userId) },
  });
  rt.progress();
  rt.changed();
  // Those left may already decide it (票签: the approvals now reach the ratio; 会签: all others signed).
  const node = taskNode(rt, task);
  if (!node || !task.signers) return;
  const decision = countersignDecision(node.countersign, node.actions, task.signers);
  if (decision.decided) closeDecided(rt, task, a.actor, decision.action);
}
