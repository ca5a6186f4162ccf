/**
 * Checks shared by the update validators. Each throws engineError(code): thrown from a validator,
 * the rejection never enters history.
 */
import { isHumanNode, type HumanNode, type Operation } from '../../dsl/schema.js';
import { engineError } from '../errors.js';
import type { Actor, TaskRecord } from '../types.js';
import { isOpen } from './health.js';
import { claimedByOther, isSupervisor, isTaskActor } from './permissions.js';
import type { CaseRuntime } from './runtime.js';

export function requireRunning(rt: CaseRuntime): void {
  if (rt.suspended) throw engineError('CASE_SUSPENDED');
  if (rt.ended) throw engineError('CASE_NOT_RUNNING');
}

export function requireNotEnded(rt: CaseRuntime): void {
  if (rt.ended) throw engineError('CASE_NOT_RUNNING');
}

export function requireOpenTask(rt: CaseRuntime, taskId: string): TaskRecord {
  const task = rt.task(taskId);
  if (!task) throw engineError('TASK_NOT_FOUND', taskId);
  if (!isOpen(task)) throw engineError('TASK_NOT_OPEN');
  return task;
}

export function humanNodeOf(rt: CaseRuntime, task: TaskRecord): HumanNode {
  const node = rt.node(task.nodeId);
  if (!isHumanNode(node)) throw engineError('OPERATION_NOT_ALLOWED');
  return node;
}

export function requireOperation(rt: CaseRuntime, task: TaskRecord, op: Operation): HumanNode {
  const node = humanNodeOf(rt, task);
  if (!node.operations.includes(op)) throw engineError('OPERATION_NOT_ALLOWED', `「${node.name}」未开放此操作`);
  return node;
}

/** The actor works on the task: assignee, delegate, signer or candidate-role holder, not claimed by another. */
export function requireTaskActor(actor: Actor, task: TaskRecord): void {
  if (!task.signers && claimedByOther(actor, task)) throw engineError('TASK_CLAIMED_BY_OTHER');
  if (!isTaskActor(actor, task)) throw engineError('NOT_ASSIGNEE');
}

export function requireSupervisor(rt: CaseRuntime, actor: Actor): void {
  if (!isSupervisor(actor, rt.input.org)) throw engineError('NOT_SUPERVISOR');
}
