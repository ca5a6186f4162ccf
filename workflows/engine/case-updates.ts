/**
 * Case-level updates: withdraw (撤回, the initiator, while the first task is untouched),
 * suspend/resume (中止/恢复: timers pause, due times shift by the suspended time), terminate
 * (终止), extend (延期: a new due time from the business calendar, kept in the ledger), escalate (督办),
 * resolveIncident (a case that stopped itself on a safety limit goes on, see engine/auto-budget.ts).
 */
import type { z } from 'zod';
import { engineError } from '../errors.js';
import { validateDefinition } from '../../dsl/validate.js';
import type { Definition } from '../../dsl/schema.js';
import type { EscalateArgs, ExtendArgs, ResolveIncidentArgs, ResumeArgs, SuspendArgs, TerminateArgs, WithdrawArgs } from '../messages.js';
import type { TaskRecord } from '../types.js';
import { effects, lookups } from './activities.js';
import { nowIso, nowMs, shiftIso } from './clock.js';
import { humanNodeOf, requireNotEnded, requireOpenTask, requireRunning, requireSupervisor } from './guards.js';
import { isOpen } from './health.js';
import { extensionProblem, extensionsOf } from '../rules/extension.js';
import { grantsInChain, isSupervisor } from './permissions.js';
import type { CaseRuntime } from './runtime.js';
import { durationWithParams } from './params.js';
import { addWarnings } from './tasks.js';
import { notifyWords } from './notify-words.js';

type Args<S extends z.ZodType> = z.output<S>;

/** The first human task is untouched: nobody has claimed, signed or completed it. */
export function firstTaskUntouched(rt: CaseRuntime): boolean {
  const first = rt.tasks[0];
  if (!first) return true;
  if (first.status === 'done' || first.claimedBy || first.completedBy) return false;
  if (first.signers?.some((s) => s.action)) return false;
  return !rt.votes.get(first.id)?.pendingTally && !(rt.votes.get(first.id)?.voted.length ?? 0);
}

export function validateWithdraw(rt: CaseRuntime, a: Args<typeof WithdrawArgs>): void {
  requireNotEnded(rt);
  if (a.actor.userId !== rt.input.initiator.userId) throw engineError('NOT_INITIATOR');
  if (!firstTaskUntouched(rt) || rt.tasks.length > 1) throw engineError('WITHDRAW_TOO_LATE');
}

export function applyWithdraw(rt: CaseRuntime, a: Args<typeof WithdrawArgs>): void {
  rt.record({ type: 'case.withdrawn', actor: a.actor.userId, actorName: a.actor.name, comment: a.reason });
  rt.requestEnd('withdrawn', 'withdrawn', a.reason);
}

/**
 * 终止: a supervisor at any time; the initiator only while they could still withdraw (the first
 * task untouched) — once the case is in progress, ending it is the supervisor's decision, not a way
 * around a refused 撤回.
 */
export function validateTerminate(rt: CaseRuntime, a: Args<typeof TerminateArgs>): void {
  requireNotEnded(rt);
  if (isSupervisor(a.actor, rt.input.org)) return;
  if (a.actor.userId !== rt.input.initiator.userId) throw engineError('NOT_SUPERVISOR');
  if (!firstTaskUntouched(rt) || rt.tasks.length > 1) throw engineError('TERMINATE_TOO_LATE');
}

export function applyTerminate(rt: CaseRuntime, a: Args<typeof TerminateArgs>): void {
  rt.record({ type: 'case.terminated', actor: a.actor.userId, actorName: a.actor.name, comment: a.reason });
  rt.requestEnd('terminated', 'terminated', a.reason);
}

export function validateSuspend(rt: CaseRuntime, a: Args<typeof SuspendArgs>): void {
  requireRunning(rt);
  requireSupervisor(rt, a.actor);
}

export function applySuspend(rt: CaseRuntime, a: Args<typeof SuspendArgs>): void {
  rt.status = 'suspended';
  rt.suspendedAt = nowIso();
  rt.ledger.push({ at: rt.suspendedAt, actor: a.actor.userId, kind: 'suspend', reason: a.reason });
  rt.record({ type: 'case.suspended', actor: a.actor.userId, actorName: a.actor.name, comment: a.reason });
}

export function validateResume(rt: CaseRuntime, a: Args<typeof ResumeArgs>): void {
  requireNotEnded(rt);
  if (!rt.suspended) throw engineError('CASE_NOT_SUSPENDED');
  requireSupervisor(rt, a.actor);
}

/** Every pending instant moves by the time spent suspended (the ledger keeps each move). */
export function applyResume(rt: CaseRuntime, a: Args<typeof ResumeArgs>): void {
  const at = nowIso();
  const pausedMs = rt.suspendedAt ? nowMs() - Date.parse(rt.suspendedAt) : 0;
  const reason = a.reason ?? '恢复办理';
  for (const t of rt.openTasks()) {
    if (!t.dueAt) continue;
    const to = shiftIso(t.dueAt, pausedMs) as string;
    rt.ledger.push({ at, actor: a.actor.userId, taskId: t.id, nodeId: t.nodeId, kind: 'resume', from: t.dueAt, to, reason });
    t.dueAt = to;
    t.warnAt = shiftIso(t.warnAt, pausedMs);
    t.remindAt = t.remindAt?.map((r) => shiftIso(r, pausedMs) as string);
  }
  for (const timer of rt.timers.values()) timer.dueAt = shiftIso(timer.dueAt, pausedMs) as string;
  for (const p of rt.publicity) if (!p.outcome) p.endsAt = shiftIso(p.endsAt, pausedMs) as string;
  rt.status = 'running';
  rt.suspendedAt = undefined;
  rt.scheduleRev += 1;
  rt.record({ type: 'case.resumed', actor: a.actor.userId, actorName: a.actor.name, comment: a.reason, detail: { pausedMs } });
}

export function validateExtend(rt: CaseRuntime, a: Args<typeof ExtendArgs>): TaskRecord {
  requireRunning(rt);
  requireSupervisor(rt, a.actor);
  const task = requireOpenTask(rt, a.taskId);
  if (!task.dueAt) throw engineError('NO_DEADLINE');
  // The node's statute caps the extensions (信访 办理: 30 days, once) — the API asks the same first.
  const problem = extensionProblem(humanNodeOf(rt, task).deadline, extensionsOf(rt.timeline, task.id), { amount: a.amount, unit: a.unit });
  if (problem) throw engineError('EXTENSION_LIMIT', problem);
  // The overall cap (信访: 办理 + 延期 ≤ 90 日 from 受理) holds for the supervisor's 延期 too.
  const capAt = task.clock?.capAt;
  if (capAt && Date.parse(task.dueAt) >= Date.parse(capAt)) throw engineError('DEADLINE_AT_CAP', `总时限截至${shanghaiDayText(capAt)}`);
  return task;
}

/** The Shanghai calendar day a period ending at `iso` (24:00) ends on, e.g. 2027年3月5日. */
function shanghaiDayText(iso: string): string {
  const d = new Date(Date.parse(iso) - 1 + 8 * 3_600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

export async function applyExtend(rt: CaseRuntime, a: Args<typeof ExtendArgs>): Promise<void> {
  const task = rt.task(a.taskId) as TaskRecord;
  const node = humanNodeOf(rt, task);
  const from = task.dueAt as string;
  // A due time of 24:00 on day D is 00:00 of D+1; counting day periods from it would skip a day
  // (the start day is not counted, 民法典 §201), so day extensions count from within day D.
  const countFrom = a.unit === 'hours' ? from : new Date(Date.parse(from) - 1).toISOString();
  const cap = task.clock?.capFrom && node.deadline?.cap ? { from: task.clock.capFrom, duration: durationWithParams(node.deadline.cap.duration, rt.params) } : undefined;
  const schedule = await lookups.computeSchedule({
    from: countFrom,
    duration: { amount: a.amount, unit: a.unit },
    reminders: node.deadline?.reminders,
    warnAtFraction: node.deadline?.warnAtFraction,
    ...(cap ? { cap, notBefore: nowIso() } : {}),
  });
  addWarnings(rt, schedule.warnings);
  if (!isOpen(task) || task.dueAt !== from) return;
  task.dueAt = schedule.dueAt;
  task.warnAt = schedule.warnAt;
  task.remindAt = schedule.remindAt;
  task.remindersSent = 0;
  task.overdue = false;
  rt.scheduleRev += 1;
  const capped = schedule.capped ? { capped: true } : {};
  rt.ledger.push({ at: nowIso(), actor: a.actor.userId, taskId: task.id, nodeId: task.nodeId, kind: 'extend', from, to: schedule.dueAt, reason: a.reason, ...capped });
  rt.record({ type: 'task.extended', actor: a.actor.userId, actorName: a.actor.name, nodeId: task.nodeId, taskId: task.id, comment: a.reason, detail: { from, to: schedule.dueAt, amount: a.amount, unit: a.unit, ...capped } });
}

export function validateEscalate(rt: CaseRuntime, a: Args<typeof EscalateArgs>): void {
  requireNotEnded(rt);
  requireSupervisor(rt, a.actor);
  if (a.taskId) requireOpenTask(rt, a.taskId);
}

export async function applyEscalate(rt: CaseRuntime, a: Args<typeof EscalateArgs>): Promise<void> {
  const tasks = a.taskId ? [rt.task(a.taskId) as TaskRecord] : rt.openTasks();
  if (tasks.length === 0) rt.light = { level: 'red', reason: `督办：${a.reason}` };
  for (const task of tasks) {
    task.escalated = true;
    rt.record({ type: 'task.escalated', actor: a.actor.userId, actorName: a.actor.name, nodeId: task.nodeId, taskId: task.id, comment: a.reason });
  }
  rt.changed();
  for (const task of tasks) {
    const role = humanNodeOf(rt, task).deadline?.escalateToRole;
    const n = rt.timeline.filter((e) => e.type === 'task.escalated' && e.taskId === task.id).length;
    await effects.notify({
      key: `${rt.caseId}:${task.id}:escalate:${n}`,
      kind: 'escalation',
      caseId: rt.caseId,
      taskId: task.id,
      userIds: task.claimedBy ? [task.claimedBy] : task.assignees,
      grants: [...(role ? grantsInChain(role, rt.input.org) : []), ...(task.claimedBy ? [] : task.candidateGrants)],
      title: `督办：${rt.input.title}`,
      message: `「${task.nodeName}」被督办：${a.reason}`,
      ...notifyWords(rt).extra,
    });
  }
}

/**
 * The corrected definition a supervisor hands a stopped case: valid, the same procedure, and every
 * node where the case stands (tokens, open tasks, the incidents) still there with the same kind.
 * Returns the parsed definition.
 */
function fittingDefinition(rt: CaseRuntime, raw: unknown): Definition {
  const result = validateDefinition(raw);
  const def = result.definition;
  if (!result.valid || !def) {
    const first = result.issues.find((i) => i.severity === 'error');
    throw engineError('DEFINITION_MISMATCH', `新版本校验未通过：${first?.message ?? '定义无效'}`);
  }
  if (def.key !== rt.def.key) throw engineError('DEFINITION_MISMATCH', `它是另一个流程（${def.key}），本案是 ${rt.def.key}`);
  const standing = new Set<string>([
    ...[...rt.tokens.values()].map((t) => t.nodeId).filter((id): id is string => !!id),
    ...rt.openTasks().map((t) => t.nodeId),
    ...rt.incidents.filter((i) => !i.resolvedAt).map((i) => i.nodeId),
  ]);
  for (const id of standing) {
    const before = rt.node(id);
    const after = def.nodes.find((n) => n.id === id);
    if (!after || after.kind !== before.kind) throw engineError('DEFINITION_MISMATCH', `新版本中没有案件所在的环节「${before.name}」(${id})，或其类型已改变`);
  }
  for (const n of def.nodes) {
    if (n.kind === 'subprocess' && !rt.input.subdefinitions?.[n.definitionKey]) {
      throw engineError('DEFINITION_MISMATCH', `新版本引用了本案没有的子流程「${n.definitionKey}」`);
    }
  }
  return def;
}

export function validateResolveIncident(rt: CaseRuntime, a: Args<typeof ResolveIncidentArgs>): void {
  requireNotEnded(rt);
  requireSupervisor(rt, a.actor);
  if (!rt.incidents.some((i) => !i.resolvedAt)) throw engineError('NO_INCIDENT');
  if (a.definition !== undefined) fittingDefinition(rt, a.definition);
}

export function applyResolveIncident(rt: CaseRuntime, a: Args<typeof ResolveIncidentArgs>): void {
  const at = nowIso();
  if (a.definition !== undefined) {
    const def = fittingDefinition(rt, a.definition);
    const from = rt.def.version;
    rt.replaceDefinition(def);
    rt.record({ type: 'case.definitionReplaced', actor: a.actor.userId, actorName: a.actor.name, comment: a.reason, detail: { from, to: def.version } });
  }
  for (const incident of rt.incidents) {
    if (incident.resolvedAt) continue;
    incident.resolvedAt = at;
    incident.resolvedBy = a.actor.userId;
    // Moving again: the update answers once the token has reached its next wait (rt.settle()).
    rt.wake(incident.tokenId);
    rt.record({ type: 'case.incidentResolved', actor: a.actor.userId, actorName: a.actor.name, nodeId: incident.nodeId, comment: a.reason, detail: { code: incident.code, incidentId: incident.id } });
  }
}
