/**
 * Task operations as updates: claim, unclaim, complete, return (退回), transfer (转办),
 * delegate (委托), addSigner (加签), comment, urge (催办). Validators decide; handlers apply.
 */
import type { z } from 'zod';
import { anchorFieldKeys, instantOfDateValue } from '../../dsl/clock.js';
import { engineError } from '../errors.js';
import type { AddSignerArgs, ClaimArgs, CommentArgs, CompleteArgs, DelegateArgs, ReturnArgs, TransferArgs, UnclaimArgs, UrgeArgs } from '../messages.js';
import type { TaskRecord } from '../types.js';
import { effects } from './activities.js';
import { nowMs } from './clock.js';
import { currentSequentialSigner } from './countersign.js';
import { formIssues, issueLine, missingRequired } from './form.js';
import { requireOpenTask, requireOperation, requireRunning, requireSupervisor, requireTaskActor } from './guards.js';
import { isSupervisor, isTaskActor } from './permissions.js';
import type { CaseRuntime } from './runtime.js';
import { applyCompletion, applyReturn, taskNode } from './task-node.js';
import { returnTargets } from './hand-off.js';
import { notifyWords } from './notify-words.js';

type Args<S extends z.ZodType> = z.output<S>;

// ── claim / unclaim ──

export function validateClaim(rt: CaseRuntime, a: Args<typeof ClaimArgs>): TaskRecord {
  requireRunning(rt);
  const task = requireOpenTask(rt, a.taskId);
  if (task.signers) throw engineError('OPERATION_NOT_ALLOWED', '会签任务无需签收');
  requireTaskActor(a.actor, task);
  return task;
}

export function applyClaim(rt: CaseRuntime, a: Args<typeof ClaimArgs>): void {
  const task = rt.task(a.taskId) as TaskRecord;
  task.status = 'claimed';
  task.claimedBy = a.actor.userId;
  rt.record({ type: 'task.claimed', actor: a.actor.userId, actorName: a.actor.name, nodeId: task.nodeId, taskId: task.id });
}

export function validateUnclaim(rt: CaseRuntime, a: Args<typeof UnclaimArgs>): TaskRecord {
  requireRunning(rt);
  const task = requireOpenTask(rt, a.taskId);
  if (!task.claimedBy) throw engineError('NOT_CLAIMED');
  if (task.claimedBy !== a.actor.userId) throw engineError('TASK_CLAIMED_BY_OTHER');
  return task;
}

export function applyUnclaim(rt: CaseRuntime, a: Args<typeof UnclaimArgs>): void {
  const task = rt.task(a.taskId) as TaskRecord;
  task.status = 'open';
  task.claimedBy = undefined;
  rt.record({ type: 'task.unclaimed', actor: a.actor.userId, actorName: a.actor.name, nodeId: task.nodeId, taskId: task.id });
}

// ── complete ──

export function validateComplete(rt: CaseRuntime, a: Args<typeof CompleteArgs>): { task: TaskRecord; action: string } {
  requireRunning(rt);
  const task = requireOpenTask(rt, a.taskId);
  const node = taskNode(rt, task);
  if (!node) throw engineError('OPERATION_NOT_ALLOWED', task.kind === 'vote' ? '表决环节请录入计票或投票' : '该环节无需办理');
  if (task.signers) {
    const mine = task.signers.filter((s) => s.userId === a.actor.userId || s.onBehalfOf === a.actor.userId);
    if (mine.length === 0) throw engineError('NOT_ASSIGNEE');
    if (mine.every((s) => s.action)) throw engineError('ALREADY_SIGNED');
    if (node.countersign.mode === 'sequential') {
      const turn = currentSequentialSigner(task.signers);
      const signer = task.signers.find((s) => s.userId === turn);
      if (turn !== a.actor.userId && signer?.onBehalfOf !== a.actor.userId) throw engineError('NOT_YOUR_TURN');
    }
  } else {
    requireTaskActor(a.actor, task);
  }
  const action = node.actions.find((x) => x.name === (a.action ?? node.actions[0]?.name));
  if (!action) throw engineError('INVALID_ACTION', a.action);
  if (action.requireComment && !a.comment?.trim()) throw engineError('COMMENT_REQUIRED');
  // Every problem at its field (['data', key]): the API answers 422 with the paths, the form pins them.
  const issues = formIssues(rt.def.fields, node.form, a.data, action.approve ? { keys: node.requiredFields, caseData: rt.data } : undefined);
  const future = futureAnchorDate(rt, a.data);
  if (future && !issues.some((i) => i.path[0] === future.key)) issues.push({ path: [future.key], message: future.message });
  const first = issues[0];
  if (first) {
    const missing = issues.filter((i) => i.message.startsWith('请填写')).length === issues.length;
    const detail = missing ? `请填写：${missingRequired(rt.def.fields, issues.map((i) => String(i.path[0])), {}, {}).join('、')}` : issueLine(rt.def.fields, first);
    throw engineError('INVALID_FORM', detail, issues.map((i) => ({ path: ['data', ...i.path], message: i.message })));
  }
  return { task, action: action.name };
}

/**
 * A date some deadline counts from (送达, 收到申请) cannot lie in the future: a period would start
 * counting from a day that has not come.
 */
function futureAnchorDate(rt: CaseRuntime, data: Record<string, unknown>): { key: string; message: string } | undefined {
  for (const key of anchorFieldKeys(rt.def)) {
    const at = instantOfDateValue(data[key]);
    if (at && Date.parse(at) > nowMs()) return { key, message: '不能晚于今天（时限自该日起算）' };
  }
  return undefined;
}

export function applyComplete(rt: CaseRuntime, a: Args<typeof CompleteArgs>): void {
  const { task, action } = validateComplete(rt, a);
  if (!task.signers && !task.claimedBy) task.claimedBy = a.actor.userId;
  applyCompletion(rt, task, a.actor, action, a.data, a.comment);
}

// ── return (退回) ──

export function validateReturn(rt: CaseRuntime, a: Args<typeof ReturnArgs>): TaskRecord {
  requireRunning(rt);
  const task = requireOpenTask(rt, a.taskId);
  requireOperation(rt, task, 'return');
  requireTaskActor(a.actor, task);
  // The listed targets, and with 驳回到任意节点 every step completed on this task's path (hand-off.ts).
  if (!returnTargets(rt.def, rt.tasks, task).some((t) => t.nodeId === a.toNodeId)) throw engineError('INVALID_RETURN_TARGET', a.toNodeId);
  return task;
}

export function applyReturnOp(rt: CaseRuntime, a: Args<typeof ReturnArgs>): void {
  applyReturn(rt, rt.task(a.taskId) as TaskRecord, a.actor, a.toNodeId, a.reason);
}

// ── transfer (转办) / delegate (委托) ──

export function validateTransfer(rt: CaseRuntime, a: Args<typeof TransferArgs>): TaskRecord {
  requireRunning(rt);
  const task = requireOpenTask(rt, a.taskId);
  requireOperation(rt, task, 'transfer');
  if (a.toUserId === a.actor.userId) throw engineError('OPERATION_NOT_ALLOWED', '不能转办给自己');
  if (!task.signers) requireTaskActorUnlessSupervisor(rt, a.actor, task);
  else {
    if (!task.signers.some((s) => s.userId === a.actor.userId && !s.action)) throw engineError('NOT_ASSIGNEE');
    if (task.signers.some((s) => s.userId === a.toUserId)) throw engineError('OPERATION_NOT_ALLOWED', '对方已是本任务的会签人');
  }
  return task;
}

function requireTaskActorUnlessSupervisor(rt: CaseRuntime, actor: Args<typeof TransferArgs>['actor'], task: TaskRecord): void {
  if (isSupervisor(actor, rt.input.org)) return;
  requireTaskActor(actor, task);
}

/** The name the timeline last gave `userId` (everyone who acted is named there). */
function nameOf(rt: CaseRuntime, userId: string): string | undefined {
  return rt.timeline.findLast((e) => e.actor === userId && e.actorName)?.actorName;
}

export async function applyTransfer(rt: CaseRuntime, a: Args<typeof TransferArgs>): Promise<void> {
  const task = rt.task(a.taskId) as TaskRecord;
  // From the one who held it: the claimant, the signer handing over, or the actor (a supervisor's 改派 names the claimant).
  const from = task.signers ? a.actor.userId : (task.claimedBy ?? a.actor.userId);
  const fromName = from === a.actor.userId ? a.actor.name : nameOf(rt, from);
  if (task.signers) {
    const signer = task.signers.find((s) => s.userId === a.actor.userId && !s.action);
    if (signer) {
      signer.userId = a.toUserId;
      signer.onBehalfOf = undefined;
    }
    task.assignees = task.signers.map((s) => s.userId);
  } else {
    task.assignees = [a.toUserId];
    task.candidateGrants = [];
    task.claimedBy = undefined;
    task.delegatedFrom = undefined;
    task.actingFor = undefined;
    task.status = 'open';
  }
  rt.record({
    type: 'task.transferred',
    actor: a.actor.userId,
    actorName: a.actor.name,
    nodeId: task.nodeId,
    taskId: task.id,
    comment: a.reason,
    detail: { from, to: a.toUserId, ...(fromName ? { fromName } : {}), ...(a.toName ? { toName: a.toName } : {}) },
  });
  rt.changed();
  await effects.notify({
    key: `${rt.caseId}:${task.id}:transfer:${rt.timeline.length}`,
    kind: 'assignment',
    caseId: rt.caseId,
    taskId: task.id,
    userIds: [a.toUserId],
    grants: [],
    title: `转办待办：${rt.input.title}`,
    message: `「${task.nodeName}」已${fromName ? `由${fromName}` : ''}转由您办理${a.reason ? `：${a.reason}` : '。'}`,
    ...notifyWords(rt).extra,
  });
}

export function validateDelegate(rt: CaseRuntime, a: Args<typeof DelegateArgs>): TaskRecord {
  requireRunning(rt);
  const task = requireOpenTask(rt, a.taskId);
  requireOperation(rt, task, 'delegate');
  requireTaskActor(a.actor, task);
  if (a.toUserId === a.actor.userId) throw engineError('OPERATION_NOT_ALLOWED', '不能委托给自己');
  if (task.signers && !task.signers.some((s) => s.userId === a.actor.userId && !s.action)) throw engineError('NOT_ASSIGNEE');
  return task;
}

export function applyDelegate(rt: CaseRuntime, a: Args<typeof DelegateArgs>): void {
  const task = rt.task(a.taskId) as TaskRecord;
  if (task.signers) {
    const signer = task.signers.find((s) => s.userId === a.actor.userId && !s.action);
    if (signer) {
      signer.onBehalfOf = a.actor.userId;
      signer.userId = a.toUserId;
    }
  } else {
    // 委托: the delegate acts on behalf of the delegator, who stays responsible (and may still act).
    task.delegatedFrom = a.actor.userId;
    task.assignees = [a.toUserId];
    task.claimedBy = a.toUserId;
    task.status = 'claimed';
  }
  rt.record({
    type: 'task.delegated',
    actor: a.actor.userId,
    actorName: a.actor.name,
    nodeId: task.nodeId,
    taskId: task.id,
    comment: a.reason,
    detail: { from: a.actor.userId, to: a.toUserId, ...(a.actor.name ? { fromName: a.actor.name } : {}), ...(a.toName ? { toName: a.toName } : {}) },
  });
}

// ── addSigner (加签) ──

export function validateAddSigner(rt: CaseRuntime, a: Args<typeof AddSignerArgs>): TaskRecord {
  requireRunning(rt);
  const task = requireOpenTask(rt, a.taskId);
  const node = requireOperation(rt, task, 'addSigner');
  if (!task.signers || (node.kind === 'task' && node.countersign.mode === 'single')) throw engineError('OPERATION_NOT_ALLOWED', '仅会签环节可以加签');
  if (!isTaskActor(a.actor, task)) requireSupervisor(rt, a.actor);
  const dup = a.userIds.find((u) => task.signers?.some((s) => s.userId === u));
  if (dup) throw engineError('OPERATION_NOT_ALLOWED', `${dup} 已是会签人`);
  return task;
}

export function applyAddSigner(rt: CaseRuntime, a: Args<typeof AddSignerArgs>): void {
  const task = rt.task(a.taskId) as TaskRecord;
  for (const userId of a.userIds) task.signers?.push({ userId });
  task.assignees = (task.signers ?? []).map((s) => s.userId);
  rt.record({ type: 'task.signersAdded', actor: a.actor.userId, actorName: a.actor.name, nodeId: task.nodeId, taskId: task.id, comment: a.reason, detail: { userIds: a.userIds } });
}

// ── comment / urge (催办) ──

export function validateComment(rt: CaseRuntime, a: Args<typeof CommentArgs>): void {
  const isParticipant =
    a.actor.userId === rt.input.initiator.userId || isSupervisor(a.actor, rt.input.org) || rt.tasks.some((t) => isTaskActor(a.actor, t));
  if (!isParticipant) throw engineError('NOT_ASSIGNEE');
  if (a.taskId) {
    const task = rt.task(a.taskId);
    if (!task) throw engineError('TASK_NOT_FOUND', a.taskId);
    requireOperation(rt, task, 'comment');
  }
}

export function applyComment(rt: CaseRuntime, a: Args<typeof CommentArgs>): void {
  const task = a.taskId ? rt.task(a.taskId) : undefined;
  rt.record({ type: 'comment', actor: a.actor.userId, actorName: a.actor.name, nodeId: task?.nodeId, taskId: task?.id, comment: a.comment });
}

export function validateUrge(rt: CaseRuntime, a: Args<typeof UrgeArgs>): TaskRecord {
  requireRunning(rt);
  const task = requireOpenTask(rt, a.taskId);
  requireOperation(rt, task, 'urge');
  if (a.actor.userId !== rt.input.initiator.userId) requireSupervisor(rt, a.actor);
  return task;
}

export async function applyUrge(rt: CaseRuntime, a: Args<typeof UrgeArgs>): Promise<void> {
  const task = rt.task(a.taskId) as TaskRecord;
  task.urgedCount += 1;
  rt.record({ type: 'task.urged', actor: a.actor.userId, actorName: a.actor.name, nodeId: task.nodeId, taskId: task.id, comment: a.comment, detail: { n: task.urgedCount } });
  rt.changed();
  const users = new Set<string>(task.claimedBy ? [task.claimedBy] : task.assignees);
  task.signers?.filter((s) => !s.action).forEach((s) => users.add(s.userId));
  await effects.notify({
    key: `${rt.caseId}:${task.id}:urge:${task.urgedCount}`,
    kind: 'urge',
    caseId: rt.caseId,
    taskId: task.id,
    userIds: [...users],
    grants: task.claimedBy ? [] : task.candidateGrants,
    title: `催办：${rt.input.title}`,
    message: a.comment ? `「${task.nodeName}」请尽快办理：${a.comment}` : `「${task.nodeName}」请尽快办理。`,
    ...notifyWords(rt).extra,
  });
}
