/**
 * Human task records: created when a token enters a task/vote node (assignees from the
 * `resolveAssignees` activity, due times from `computeSchedule`), then waited on while the update
 * handlers and the deadline loop work on them.
 */
import { CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import type { HumanNode, NodeOf } from '../../dsl/schema.js';
import type { TaskRecord } from '../types.js';
import { effects, lookups } from './activities.js';
import { nowIso } from './clock.js';
import { watchDeadline } from './deadlines.js';
import { isOpen } from './health.js';
import { durationWithParams } from './params.js';
import type { CaseRuntime, TokenState } from './runtime.js';
import type { Step } from './step.js';
import { cancelTask } from './task-node.js';
import { notifyWords } from './notify-words.js';
import { planClock, recordExtension, usesClockRules } from './task-clock.js';

export function addWarnings(rt: CaseRuntime, warnings: readonly string[]): void {
  for (const w of warnings) if (!rt.warnings.includes(w)) rt.warnings.push(w);
}

/**
 * Opens the task. `prepare` runs the moment the task exists, before anything is awaited: a vote
 * registers its ballot box there, so the task is never visible (memo, inbox) without it — a tally
 * entered right away would otherwise be refused as NOT_A_VOTE while the assignment notice is sent.
 */
export async function openHumanTask(
  rt: CaseRuntime,
  token: TokenState,
  node: HumanNode & { kind: 'task' | 'vote' },
  prepare?: (task: TaskRecord) => void,
): Promise<TaskRecord> {
  const resolved = await lookups.resolveAssignees({
    assignment: node.assignment,
    org: rt.input.org,
    data: rt.data,
    initiator: rt.input.initiator.userId,
  });
  const createdAt = nowIso();
  // A clock anchor or cap: the period counts from the anchor's instant (see task-clock.ts).
  const plan = node.deadline && usesClockRules(node) ? planClock(rt, node, createdAt) : undefined;
  const schedule = node.deadline
    ? await lookups.computeSchedule({
        from: plan?.from ?? createdAt,
        duration: durationWithParams(node.deadline.duration, rt.params),
        reminders: node.deadline.reminders.map((d) => durationWithParams(d, rt.params)),
        warnAtFraction: node.deadline.warnAtFraction,
        ...(plan ? { notBefore: createdAt, ...(plan.cap ? { cap: plan.cap } : {}) } : {}),
      })
    : undefined;
  if (plan) addWarnings(rt, plan.warnings);
  if (schedule) addWarnings(rt, schedule.warnings);
  const countersign = node.kind === 'task' && node.countersign.mode !== 'single' && resolved.userIds.length > 0;
  const roleBased = node.assignment.type === 'role';
  const task: TaskRecord = {
    id: rt.nextId(node.id),
    nodeId: node.id,
    nodeName: node.name,
    kind: node.kind,
    status: 'open',
    // A role task is claimable by whoever holds the role (also someone granted it later).
    assignees: countersign || !roleBased ? [...resolved.userIds] : [],
    candidateGrants: countersign ? [] : resolved.grants,
    createdAt,
    dueAt: schedule?.dueAt,
    remindAt: schedule?.remindAt,
    remindersSent: 0,
    warnAt: schedule?.warnAt,
    signers: countersign ? resolved.userIds.map((userId) => ({ userId })) : undefined,
    urgedCount: 0,
    escalated: false,
    tokenId: token.id,
    ...(plan ? { clock: { ...plan.clock, ...(schedule?.capAt ? { capAt: schedule.capAt } : {}) } } : {}),
  };
  rt.tasks.push(task);
  prepare?.(task);
  rt.record({ type: 'task.created', actor: 'system', nodeId: node.id, taskId: task.id, detail: { assignees: resolved.userIds, dueAt: task.dueAt } });
  if (plan) recordExtension(rt, node, task);
  rt.changed();
  const words = notifyWords(rt);
  await effects.notify({
    key: `${rt.caseId}:${task.id}:assigned`,
    kind: 'assignment',
    caseId: rt.caseId,
    taskId: task.id,
    userIds: resolved.userIds,
    grants: resolved.grants,
    title: `新待办：${rt.input.title}`,
    message: `请办理「${node.name}」${task.dueAt ? `，办理时限 ${words.due(task.dueAt)}` : ''}。`,
    ...words.extra,
  });
  return task;
}

/** Wait until the task is closed or the token is sent back; the deadline loop runs meanwhile. */
export async function awaitTask(rt: CaseRuntime, token: TokenState, task: TaskRecord, node: HumanNode): Promise<void> {
  const watcher = new CancellationScope();
  const watching = watcher.run(() => watchDeadline(rt, task, node)).catch((err: unknown) => {
    if (!isCancellation(err)) throw err;
  });
  token.moving = false;
  rt.changed();
  try {
    await Promise.race([condition(() => !isOpen(task) || !!token.jumpTo), watching.then(() => condition(() => !isOpen(task) || !!token.jumpTo))]);
  } finally {
    watcher.cancel();
    // Cancelled from outside (withdraw, a sibling branch ended the case): the task goes too —
    // unless the case continues as new, where the next run takes the task over.
    if (!rt.continuing) cancelTask(task);
    token.moving = true;
  }
}

/** The task a resumed run (continue-as-new) takes over instead of opening a new one. */
export function resumedTask(rt: CaseRuntime, token: TokenState, resumeTaskId: string | undefined): TaskRecord | undefined {
  const task = resumeTaskId ? rt.task(resumeTaskId) : undefined;
  if (task) task.tokenId = token.id;
  return task;
}

export async function runTaskNode(rt: CaseRuntime, token: TokenState, node: NodeOf<'task'>, resumeTaskId?: string): Promise<Step> {
  const task = resumedTask(rt, token, resumeTaskId) ?? (await openHumanTask(rt, token, node));
  await awaitTask(rt, token, task, node);
  if (token.jumpTo) return { jump: token.jumpTo };
  return { outcome: task.action };
}
