/**
 * Human task records: created when a token enters a task/vote node (assignees from the
 * `resolveAssignees` activity, due times from `computeSchedule`), then waited on while the update
 * handlers and the deadline loop work on them.
 */
import { CancellationScope, condition, isCancellation, patched } from '@temporalio/workflow';
import type { ActiveDelegation } from '../../activities/types.js';
import type { HumanNode, NodeOf } from '../../dsl/schema.js';
import type { TaskRecord } from '../types.js';
import { effects, lookups } from './activities.js';
import { nowIso } from './clock.js';
import { watchDeadline } from './deadlines.js';
import { isOpen } from './health.js';
import { durationWithParams } from './params.js';
import type { CaseRuntime, TokenState } from './runtime.js';
import type { Step } from './step.js';
import { applyCompletion, cancelTask } from './task-node.js';
import { isTaskActor } from './permissions.js';
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
  silent = false,
): Promise<TaskRecord> {
  // 委托规则 (out of office) apply where the node allows 委托; older cases never ask (no marker, same input).
  const withRules = node.operations.includes('delegate') && patched(DELEGATION_RULES_PATCH);
  const resolved = await lookups.resolveAssignees({
    assignment: node.assignment,
    org: rt.input.org,
    data: rt.data,
    initiator: rt.input.initiator.userId,
    ...(withRules ? { delegationsFor: { procedure: rt.def.key } } : {}),
  });
  // 拿回: the step comes back claimed by the one who took it back.
  const reopen = token.reopenFor?.nodeId === node.id ? token.reopenFor : undefined;
  token.reopenFor = undefined;
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
  if (reopen && !task.signers) {
    task.claimedBy = reopen.userId;
    task.status = 'claimed';
  }
  rt.tasks.push(task);
  prepare?.(task);
  rt.record({ type: 'task.created', actor: 'system', nodeId: node.id, taskId: task.id, detail: { assignees: resolved.userIds, dueAt: task.dueAt } });
  const stand = reopen ? [] : applyDelegationRules(rt, task, resolved.delegations ?? []);
  if (plan) recordExtension(rt, node, task);
  rt.changed();
  if (silent) return task;
  const words = notifyWords(rt);
  await effects.notify({
    key: `${rt.caseId}:${task.id}:assigned`,
    kind: 'assignment',
    caseId: rt.caseId,
    taskId: task.id,
    userIds: reopen ? [reopen.userId] : [...resolved.userIds, ...stand],
    grants: reopen ? [] : resolved.grants,
    title: `新待办：${rt.input.title}`,
    message: `请办理「${node.name}」${task.dueAt ? `，办理时限 ${words.due(task.dueAt)}` : ''}。`,
    ...words.extra,
  });
  return task;
}

/** The patch under which a start form completes the starter's own first step. */
export const START_STEP_PATCH = 'handoff-start-step';

/**
 * 发起 with the first step's form (DingTalk's start form): the first time that step opens, the
 * initiator has already filled it in, so it is completed in their name with the start data.
 */
function isStartStep(rt: CaseRuntime, node: NodeOf<'task'>): boolean {
  if (rt.input.startStep?.nodeId !== node.id || node.assignment.type !== 'initiator' || node.countersign.mode !== 'single') return false;
  if (rt.tasks.some((t) => t.nodeId === node.id)) return false; // only its first opening
  return patched(START_STEP_PATCH);
}

function completeStartStep(rt: CaseRuntime, node: NodeOf<'task'>, task: TaskRecord): void {
  const initiator = rt.input.initiator;
  if (!isTaskActor(initiator, task)) return;
  const action = node.actions.find((a) => a.approve) ?? node.actions[0];
  const given = rt.input.data ?? {};
  const data = Object.fromEntries(node.form.filter((k) => k in given).map((k) => [k, given[k]]));
  task.claimedBy = initiator.userId;
  applyCompletion(rt, task, { userId: initiator.userId, name: initiator.name }, action?.name ?? 'complete', data, undefined);
}

/** The patch under which a task's assignees' out-of-office rules are asked for and applied. */
export const DELEGATION_RULES_PATCH = 'handoff-delegation-rules';

/**
 * 委托规则: for each assignee who is away, the colleague they named acts for them on this task — as a
 * signer in their place (countersign), or added beside them (the holder may still act when back).
 * Returns the stand-ins (they are told of the task too).
 */
function applyDelegationRules(rt: CaseRuntime, task: TaskRecord, rules: readonly ActiveDelegation[]): string[] {
  const stand: string[] = [];
  for (const r of rules) {
    if (task.signers) {
      const signer = task.signers.find((s) => s.userId === r.from && !s.onBehalfOf);
      if (!signer || task.signers.some((s) => s.userId === r.to)) continue;
      signer.userId = r.to;
      signer.onBehalfOf = r.from;
      task.assignees = task.signers.map((s) => s.userId);
    } else {
      if (task.assignees.includes(r.to)) continue;
      task.assignees = [...task.assignees, r.to];
      task.actingFor = { ...(task.actingFor ?? {}), [r.to]: r.from };
    }
    stand.push(r.to);
    rt.record({
      type: 'task.delegated',
      actor: 'system',
      nodeId: task.nodeId,
      taskId: task.id,
      detail: { from: r.from, to: r.to, rule: r.ruleId, until: r.until, ...(r.fromName ? { fromName: r.fromName } : {}), ...(r.toName ? { toName: r.toName } : {}) },
    });
  }
  return stand;
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
  const resumed = resumedTask(rt, token, resumeTaskId);
  const starting = !resumed && isStartStep(rt, node);
  // The start form's step is done as it opens: nobody is told of a task that is already done.
  const task = resumed ?? (await openHumanTask(rt, token, node, undefined, starting));
  if (starting) completeStartStep(rt, node, task);
  await awaitTask(rt, token, task, node);
  if (token.jumpTo) return { jump: token.jumpTo };
  return { outcome: task.action };
}
