/**
 * The `migrate` update and the `migrationPlan` query: a 流程管理员 moves a running case to another
 * published version of its procedure. Not a restart — the case keeps its history, data, timeline,
 * ledger and the instants its statutory clocks count from (`clockEvents`); at a safe point (every
 * token waiting on a person or on time, nothing half-done) the definition snapshot is swapped and
 * each waiting token is re-mapped as the plan says (engine/migration-plan.ts): kept where it is
 * (its task, vote, 公示 or timer goes on, due times recomputed from the same anchors under the new
 * rules, the task handed to whoever the new assignment names), or moved to the mapped node (its
 * wait cancelled), or its parallel branch ended at the join. Who, when, from which version to which
 * and why go into the timeline (`case.migrated`), every moved due time into the ledger.
 *
 * Patch MIGRATE_PATCH marks a migrated history before the migration changes anything, so a later
 * engine can tell those histories apart. Histories without a `migrate` update never reach this code;
 * the interpreter's only other changes (a token's `moveTo`, a timer stopping for it, the deadline
 * watch reading the node's current version) issue no command unless a migration happened.
 */
import { patched } from '@temporalio/workflow';
import type { z } from 'zod';
import { hasClockRules } from '../../dsl/clock.js';
import { isHumanNode, type Definition } from '../../dsl/schema.js';
import { validateDefinition } from '../../dsl/validate.js';
import { engineError } from '../errors.js';
import type { MigrateArgs, MigrationTargetArgs } from '../messages.js';
import { effects, lookups } from './activities.js';
import { nowIso, nowMs, shiftIso } from './clock.js';
import { requireNotEnded } from './guards.js';
import { isOpen } from './health.js';
import { planMigration, type CasePosition, type MigrationChange, type MigrationPlan } from './migration-plan.js';
import { isProcessAdmin } from './permissions.js';
import type { CaseRuntime } from './runtime.js';
import { cancelTask } from './task-node.js';
import { addWarnings } from './tasks.js';

/** Patch id (the `migrate-` prefix is this feature's): the case was migrated to another version. */
export const MIGRATE_PATCH = 'migrate-running-cases';

type Target = z.output<typeof MigrationTargetArgs>;

/** The runtime as the planner reads it. */
export function casePosition(rt: CaseRuntime): CasePosition {
  return {
    status: rt.status,
    startedAt: rt.startedAt,
    paramOverrides: rt.input.params,
    data: rt.data,
    tokens: [...rt.tokens.values()],
    tasks: rt.tasks,
    votes: [...rt.votes.values()],
    publicity: rt.publicity,
    timers: rt.timers,
    incidents: rt.incidents,
    clockEvents: rt.clockEvents,
    timeline: rt.timeline,
    migrating: rt.migrating,
    subdefinitionKeys: Object.keys(rt.input.subdefinitions ?? {}),
  };
}

/** The target version: a valid definition of the same procedure (throws DEFINITION_MISMATCH). */
function targetDefinition(rt: CaseRuntime, raw: unknown): Definition {
  const result = validateDefinition(raw);
  const def = result.definition;
  if (!result.valid || !def) {
    const first = result.issues.find((i) => i.severity === 'error');
    throw engineError('DEFINITION_MISMATCH', `目标版本校验未通过：${first?.message ?? '定义无效'}`);
  }
  if (def.key !== rt.def.key) throw engineError('DEFINITION_MISMATCH', `它是另一个流程（${def.key}），本案是 ${rt.def.key}`);
  return def;
}

/** What `migrate` with these arguments would do (the dry run); a definition that does not fit is a refusal. */
export function migrationPlan(rt: CaseRuntime, a: Target): MigrationPlan {
  let target: Definition;
  try {
    target = targetDefinition(rt, a.definition);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, at: [], fromVersion: rt.def.version, toVersion: 0, refusals: [{ code: 'DEFINITION', message }], moves: [], changes: [], backfill: {} };
  }
  return planMigration(casePosition(rt), rt.def, target, a.mapping, a.fromVersion);
}

export function validateMigrate(rt: CaseRuntime, a: z.output<typeof MigrateArgs>): void {
  requireNotEnded(rt);
  if (!isProcessAdmin(a.actor, rt.input.org)) throw engineError('NOT_PROCESS_ADMIN');
  targetDefinition(rt, a.definition);
  const plan = migrationPlan(rt, a);
  if (!plan.ok) throw engineError('MIGRATION_REFUSED', plan.refusals.map((r) => r.message).join('；'));
}

export async function applyMigrate(rt: CaseRuntime, a: z.output<typeof MigrateArgs>): Promise<void> {
  patched(MIGRATE_PATCH);
  const target = targetDefinition(rt, a.definition);
  // The validator ran in this same activation: the plan is the one it accepted.
  const plan = planMigration(casePosition(rt), rt.def, target, a.mapping, a.fromVersion);
  const from = rt.def.version;
  rt.migrating = true;
  try {
    rt.replaceDefinition(target, { anchors: true });
    Object.assign(rt.clockEvents, plan.backfill);
    rt.record({
      type: 'case.migrated',
      actor: a.actor.userId,
      actorName: a.actor.name,
      comment: a.reason,
      detail: { from, to: target.version, moves: plan.moves.map((m) => ({ from: m.from, to: m.to, mode: m.mode })), mapping: a.mapping },
    });
    for (const move of plan.moves) {
      const token = rt.tokens.get(move.tokenId);
      if (!token) continue;
      if (move.mode === 'keep') {
        for (const t of rt.openTasks()) if (t.tokenId === token.id) t.nodeName = move.to.name;
        continue;
      }
      // Its wait ends (engine/tokens.ts goes on from moveTo): the open task is cancelled, a timer stops.
      for (const t of rt.openTasks()) if (t.tokenId === token.id) cancelTask(t);
      token.moveTo = move.to.id;
      rt.wake(token.id);
    }
    rt.progress();
    rt.changed();
    for (const change of plan.changes) await applyChange(rt, change, a);
  } finally {
    rt.migrating = false;
  }
}

/** The due times and assignees of what stayed where it was, under the new version's rules. */
async function applyChange(rt: CaseRuntime, change: MigrationChange, a: z.output<typeof MigrateArgs>): Promise<void> {
  const by = { actor: a.actor.userId, actorName: a.actor.name };
  switch (change.kind) {
    case 'deadline': {
      const task = rt.task(change.taskId);
      if (!task || !isOpen(task)) return;
      const before = task.dueAt;
      const schedule = change.reschedule ? await lookups.computeSchedule(change.reschedule.request) : undefined;
      // The task moved on while the calendar answered: nothing to reschedule.
      if (!isOpen(task) || task.dueAt !== before) return;
      if (schedule) addWarnings(rt, schedule.warnings);
      if (change.anchorMissing) addWarnings(rt, [`「${change.node.name}」的时限应自${change.anchorMissing}起算，但该时间尚未记录，暂按本环节开始时间计算，请核对`]);
      const shift = change.reschedule?.pausedMs ?? 0;
      task.dueAt = shiftIso(schedule?.dueAt, shift);
      task.warnAt = shiftIso(schedule?.warnAt, shift);
      task.remindAt = schedule?.remindAt.map((r) => shiftIso(r, shift) as string);
      task.remindersSent = task.remindAt?.filter((r) => Date.parse(r) <= nowMs()).length ?? 0;
      if (!task.dueAt || Date.parse(task.dueAt) > nowMs()) task.overdue = false;
      const node = rt.node(task.nodeId);
      const request = change.reschedule?.request;
      if (request && isHumanNode(node) && hasClockRules(node.deadline)) {
        task.clock = {
          from: request.from,
          anchor: change.anchor,
          ...(change.anchorMissing ? { fallback: true } : {}),
          ...(request.cap ? { capFrom: request.cap.from } : {}),
          ...(schedule?.capAt ? { capAt: shiftIso(schedule.capAt, shift) } : {}),
        };
      } else delete task.clock;
      rt.scheduleRev += 1;
      rt.ledger.push({ at: nowIso(), actor: a.actor.userId, taskId: task.id, nodeId: task.nodeId, kind: 'migrate', from: before, to: task.dueAt, reason: a.reason });
      rt.record({ type: 'task.migrated', ...by, nodeId: task.nodeId, taskId: task.id, comment: a.reason, detail: { dueFrom: before, dueTo: task.dueAt } });
      rt.changed();
      return;
    }
    case 'assignees':
      return reassign(rt, change.taskId, a);
    case 'timer': {
      const timer = rt.timers.get(change.tokenId);
      if (!timer) return;
      const before = timer.dueAt;
      const schedule = await lookups.computeSchedule(change.reschedule.request);
      if (timer.dueAt !== before) return;
      addWarnings(rt, schedule.warnings);
      timer.dueAt = shiftIso(schedule.dueAt, change.reschedule.pausedMs) as string;
      rt.scheduleRev += 1;
      rt.record({ type: 'task.migrated', ...by, nodeId: change.node.id, comment: a.reason, detail: { dueFrom: before, dueTo: timer.dueAt } });
      rt.changed();
      return;
    }
    case 'publicity': {
      const view = rt.publicity.find((p) => p.nodeId === change.node.id && !p.outcome);
      if (!view) return;
      const before = view.endsAt;
      const schedule = await lookups.computeSchedule(change.reschedule.request);
      if (view.outcome || view.endsAt !== before) return;
      addWarnings(rt, schedule.warnings);
      view.endsAt = shiftIso(schedule.dueAt, change.reschedule.pausedMs) as string;
      rt.scheduleRev += 1;
      rt.record({ type: 'task.migrated', ...by, nodeId: change.node.id, comment: a.reason, detail: { dueFrom: before, dueTo: view.endsAt } });
      rt.changed();
      return;
    }
    case 'moved':
    case 'renamed':
    case 'reopened':
    case 'branchEnded':
    case 'branchNotRun':
    case 'deadlineKept':
      return;
    default: {
      const never: never = change;
      throw new Error(`unknown migration change ${JSON.stringify(never)}`);
    }
  }
}

/** The open task goes to whoever the new version's assignment names; a claim by someone else is released. */
async function reassign(rt: CaseRuntime, taskId: string, a: z.output<typeof MigrateArgs>): Promise<void> {
  const task = rt.task(taskId);
  if (!task || !isOpen(task)) return;
  const node = rt.node(task.nodeId);
  if (node.kind !== 'task' && node.kind !== 'vote') return;
  const resolved = await lookups.resolveAssignees({ assignment: node.assignment, org: rt.input.org, data: rt.data, initiator: rt.input.initiator.userId });
  if (!isOpen(task) || task.signers?.some((s) => s.action)) return;
  const countersign = node.kind === 'task' && node.countersign.mode !== 'single' && resolved.userIds.length > 0;
  const roleBased = node.assignment.type === 'role';
  task.assignees = countersign || !roleBased ? [...resolved.userIds] : [];
  task.candidateGrants = countersign ? [] : resolved.grants;
  task.signers = countersign ? resolved.userIds.map((userId) => ({ userId })) : undefined;
  if (task.claimedBy && !resolved.userIds.includes(task.claimedBy)) {
    task.claimedBy = undefined;
    task.delegatedFrom = undefined;
    if (task.status === 'claimed') task.status = 'open';
  }
  rt.record({ type: 'task.migrated', actor: a.actor.userId, actorName: a.actor.name, nodeId: task.nodeId, taskId: task.id, comment: a.reason, detail: { assignees: resolved.userIds } });
  rt.changed();
  const n = rt.timeline.filter((e) => e.type === 'task.migrated' && e.taskId === task.id).length;
  await effects.notify({
    key: `${rt.caseId}:${task.id}:migrated:${n}`,
    kind: 'assignment',
    caseId: rt.caseId,
    taskId: task.id,
    userIds: resolved.userIds,
    grants: resolved.grants,
    title: `新待办：${rt.input.title}`,
    message: `流程已更新到新版本，请办理「${task.nodeName}」${task.dueAt ? `，办理时限 ${task.dueAt}` : ''}。`,
  });
}
