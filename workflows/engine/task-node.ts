/**
 * The mutations behind task operations, shared by the update handlers and by the deadline loop
 * (autoPass / autoReturn act as the system). Synchronous: each leaves the runtime consistent.
 */
import type { NodeOf } from '../../dsl/schema.js';
import type { TaskRecord } from '../types.js';
import { nowIso } from './clock.js';
import { countersignDecision } from './countersign.js';
import type { CaseRuntime } from './runtime.js';

export interface ActingUser {
  userId: string;
  name?: string;
}

export const SYSTEM: ActingUser = { userId: 'system', name: '系统' };

export function taskNode(rt: CaseRuntime, task: TaskRecord): NodeOf<'task'> | undefined {
  const n = rt.node(task.nodeId);
  return n.kind === 'task' ? n : undefined;
}

function close(rt: CaseRuntime, task: TaskRecord, action: string, by: ActingUser): void {
  task.status = 'done';
  task.action = action;
  task.completedBy = by.userId;
  task.completedAt = nowIso();
  rt.progress();
  rt.wake(task.tokenId);
}

/** Complete (or sign, in countersign modes). Returns true when the task is decided. */
export function applyCompletion(
  rt: CaseRuntime,
  task: TaskRecord,
  by: ActingUser,
  action: string,
  data: Record<string, unknown>,
  comment: string | undefined,
): boolean {
  const node = taskNode(rt, task);
  Object.assign(rt.data, data);
  const onBehalfOf = task.delegatedFrom && task.delegatedFrom !== by.userId ? task.delegatedFrom : undefined;
  if (task.signers && node) {
    const signer = task.signers.find((s) => !s.action && (s.userId === by.userId || s.onBehalfOf === by.userId));
    if (signer) {
      signer.action = action;
      signer.at = nowIso();
      signer.comment = comment;
    }
    rt.record({ type: 'task.signed', actor: by.userId, actorName: by.name, nodeId: task.nodeId, taskId: task.id, comment, detail: { action, onBehalfOf: signer?.onBehalfOf } });
    const decision = countersignDecision(node.countersign, node.actions, task.signers);
    rt.progress();
    if (!decision.decided) return false;
    action = decision.action;
  }
  task.comment = comment;
  task.submitted = { ...(task.submitted ?? {}), ...data };
  close(rt, task, action, by);
  rt.nodeOutputs[task.nodeId] = { action, by: by.userId, data: task.submitted, at: task.completedAt };
  rt.record({ type: 'task.completed', actor: by.userId, actorName: by.name, nodeId: task.nodeId, taskId: task.id, comment, detail: { action, onBehalfOf: onBehalfOf ?? task.actingFor?.[by.userId] } });
  return true;
}

/** A countersign task whose remaining signers already decide it (after 减签): closed with that action. */
export function closeDecided(rt: CaseRuntime, task: TaskRecord, by: ActingUser, action: string): void {
  close(rt, task, action, by);
  rt.nodeOutputs[task.nodeId] = { action, by: by.userId, data: task.submitted ?? {}, at: task.completedAt };
  rt.record({ type: 'task.completed', actor: by.userId, actorName: by.name, nodeId: task.nodeId, taskId: task.id, detail: { action, countersign: true } });
}

/** Decide a task at once (autoPass): every unsigned signer is skipped. */
export function forceCompletion(rt: CaseRuntime, task: TaskRecord, by: ActingUser, action: string, comment: string): void {
  close(rt, task, action, by);
  task.comment = comment;
  rt.nodeOutputs[task.nodeId] = { action, by: by.userId, at: task.completedAt };
  rt.record({ type: 'task.completed', actor: by.userId, actorName: by.name, nodeId: task.nodeId, taskId: task.id, comment, detail: { action, auto: true } });
}

export function cancelTask(task: TaskRecord): void {
  if (task.status === 'open' || task.status === 'claimed') task.status = 'cancelled';
}

/** 退回: cancel the open tasks of the token and send it back to `target`. */
export function applyReturn(rt: CaseRuntime, task: TaskRecord, by: ActingUser, target: string, reason: string): void {
  for (const t of rt.openTasks()) if (t.tokenId === task.tokenId) cancelTask(t);
  const token = rt.tokens.get(task.tokenId);
  if (token) token.jumpTo = target;
  rt.progress();
  rt.wake(task.tokenId);
  rt.record({ type: 'task.returned', actor: by.userId, actorName: by.name, nodeId: task.nodeId, taskId: task.id, comment: reason, detail: { to: target, toName: rt.node(target).name } });
}
