/**
 * Deadlines of human tasks: reminders (催办提醒), the warning point (light turns yellow), and the
 * due time (overdue: light red, 督办 notice to `escalateToRole`, then the timeout action). Instants
 * come from the `computeSchedule` activity, so they are in history; timers pause while the case is
 * suspended (resume shifts every instant by the suspended time and bumps `scheduleRev`).
 */
import { condition } from '@temporalio/workflow';
import { isHumanNode, type HumanNode } from '../../dsl/schema.js';
import type { TaskRecord } from '../types.js';
import { effects } from './activities.js';
import { nowMs } from './clock.js';
import { isOpen } from './health.js';
import { grantsInChain } from './permissions.js';
import type { CaseRuntime } from './runtime.js';
import { applyReturn, forceCompletion, SYSTEM, taskNode } from './task-node.js';
import { notifyWords } from './notify-words.js';

/**
 * Sleep until the instant `at()` (re-read whenever the schedule moves), paused while suspended.
 * 'stopped' when `stop()` became true first.
 */
export async function sleepUntil(rt: CaseRuntime, at: () => string | undefined, stop: () => boolean): Promise<'reached' | 'stopped'> {
  for (;;) {
    if (stop()) return 'stopped';
    if (rt.suspended) {
      await condition(() => !rt.suspended || stop());
      continue;
    }
    const rev = rt.scheduleRev;
    const iso = at();
    if (!iso) {
      await condition(() => stop() || rt.scheduleRev !== rev);
      continue;
    }
    const ms = Date.parse(iso) - nowMs();
    if (ms <= 0) return 'reached';
    const woke = await condition(() => stop() || rt.suspended || rt.scheduleRev !== rev, ms);
    if (!woke && !stop() && at() === iso) return 'reached';
  }
}

/** People to remind: who may act now. */
export function taskRecipients(task: TaskRecord): { userIds: string[]; grants: TaskRecord['candidateGrants'] } {
  const users = new Set<string>(task.claimedBy ? [task.claimedBy] : task.assignees);
  task.signers?.filter((s) => !s.action).forEach((s) => users.add(s.userId));
  return { userIds: [...users], grants: task.claimedBy ? [] : task.candidateGrants };
}

function countOf(rt: CaseRuntime, task: TaskRecord, type: string): number {
  return rt.timeline.filter((e) => e.taskId === task.id && e.type === type).length;
}

async function remind(rt: CaseRuntime, task: TaskRecord): Promise<void> {
  task.remindersSent = (task.remindersSent ?? 0) + 1;
  const n = countOf(rt, task, 'task.reminded') + 1;
  rt.record({ type: 'task.reminded', actor: SYSTEM.userId, nodeId: task.nodeId, taskId: task.id, detail: { n } });
  const words = notifyWords(rt);
  await effects.notify({
    key: `${rt.caseId}:${task.id}:reminder:${n}`,
    kind: 'reminder',
    caseId: rt.caseId,
    taskId: task.id,
    ...taskRecipients(task),
    title: `办理提醒：${rt.input.title}`,
    message: `「${task.nodeName}」将于 ${words.due(task.dueAt)} 到期，请及时办理。`,
    ...words.extra,
  });
}

async function overdue(rt: CaseRuntime, task: TaskRecord, node: HumanNode): Promise<void> {
  const dl = node.deadline;
  task.overdue = true;
  const n = countOf(rt, task, 'task.overdue') + 1;
  rt.record({ type: 'task.overdue', actor: SYSTEM.userId, nodeId: task.nodeId, taskId: task.id, detail: { dueAt: task.dueAt } });
  rt.changed();
  const recipients = taskRecipients(task);
  const grants = dl?.escalateToRole ? grantsInChain(dl.escalateToRole, rt.input.org) : [];
  const words = notifyWords(rt);
  await effects.notify({
    key: `${rt.caseId}:${task.id}:overdue${n > 1 ? `:${n}` : ''}`,
    kind: 'escalation',
    caseId: rt.caseId,
    taskId: task.id,
    userIds: recipients.userIds,
    grants: [...grants, ...recipients.grants],
    title: `超期督办：${rt.input.title}`,
    message: `「${task.nodeName}」已超过办理时限（${words.due(task.dueAt)}）。`,
    ...words.extra,
  });
  if (!isOpen(task)) return;
  const action = dl?.timeoutAction ?? 'none';
  switch (action) {
    case 'none':
      return;
    case 'escalate':
      task.escalated = true;
      rt.record({ type: 'task.escalated', actor: SYSTEM.userId, nodeId: task.nodeId, taskId: task.id, comment: '超期自动督办', detail: { toRole: dl?.escalateToRole } });
      return;
    case 'autoPass': {
      const tn = taskNode(rt, task);
      if (!tn) {
        task.escalated = true;
        return;
      }
      const approving = (tn.actions.find((a) => a.approve) ?? tn.actions[0])?.name ?? 'complete';
      forceCompletion(rt, task, SYSTEM, approving, '超期自动通过');
      return;
    }
    case 'autoReturn':
      if (dl?.returnTo) applyReturn(rt, task, SYSTEM, dl.returnTo, '超期自动退回');
      else task.escalated = true;
      return;
    default: {
      const never: never = action;
      throw new Error(`unknown timeout action ${String(never)}`);
    }
  }
}

/**
 * Runs for the life of one task; returns when the task is closed. The rules (timeout action,
 * escalation role) are read from the case's current version of the node: a migration may change
 * them, or give a task without a deadline a due time.
 */
export async function watchDeadline(rt: CaseRuntime, task: TaskRecord, node: HumanNode): Promise<void> {
  const current = (): HumanNode => {
    const n = rt.def.nodes.find((x) => x.id === task.nodeId);
    return n && isHumanNode(n) ? n : node;
  };
  if (!task.dueAt) {
    // No condition timeout, so no command: histories of tasks without a deadline replay as recorded.
    await condition(() => !isOpen(task) || !!task.dueAt);
    if (!isOpen(task)) return;
  }
  // After continue-as-new the record says what already happened: do not fire it again.
  let warnedFor: string | undefined = task.warnAt && Date.parse(task.warnAt) <= nowMs() ? task.warnAt : undefined;
  let dueFor: string | undefined = task.overdue ? task.dueAt : undefined;
  const pending = (): { at: string; kind: 'reminder' | 'warn' | 'due' }[] => {
    const out: { at: string; kind: 'reminder' | 'warn' | 'due' }[] = [];
    const next = task.remindAt?.[task.remindersSent ?? 0];
    if (next) out.push({ at: next, kind: 'reminder' });
    if (task.warnAt && warnedFor !== task.warnAt) out.push({ at: task.warnAt, kind: 'warn' });
    if (task.dueAt && dueFor !== task.dueAt) out.push({ at: task.dueAt, kind: 'due' });
    return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  };
  for (;;) {
    const r = await sleepUntil(rt, () => pending()[0]?.at, () => !isOpen(task));
    if (r === 'stopped') return;
    for (const ev of pending()) {
      if (Date.parse(ev.at) > nowMs() || !isOpen(task)) break;
      if (ev.kind === 'reminder') await remind(rt, task);
      else if (ev.kind === 'warn') {
        warnedFor = task.warnAt;
        rt.record({ type: 'task.warning', actor: SYSTEM.userId, nodeId: task.nodeId, taskId: task.id });
      } else {
        dueFor = task.dueAt;
        await overdue(rt, task, current());
      }
      rt.changed();
    }
  }
}
