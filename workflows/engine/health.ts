/**
 * The case's health light (pure): red when a task is overdue or escalated or the case stopped
 * itself with an incident, yellow when a task has passed its warning point, otherwise green. A `light` service node (动态管理) may raise it too;
 * the worst of all wins.
 */
import type { Health, TaskRecord } from '../types.js';

export interface HealthInput {
  tasks: readonly TaskRecord[];
  nowMs: number;
  /** Set by a `light` service node. */
  light?: { level: Health; reason: string };
  /** The case is suspended: deadlines do not run. */
  suspended?: boolean;
  /** An open incident (engine/auto-budget.ts): the case has stopped itself, red until resolved. */
  incident?: string;
}

const RANK: Record<Health, number> = { green: 0, yellow: 1, red: 2 };

export function worse(a: Health, b: Health): Health {
  return RANK[a] >= RANK[b] ? a : b;
}

export function isOpen(task: TaskRecord): boolean {
  return task.status === 'open' || task.status === 'claimed';
}

/**
 * Where one open task stands against its own deadline — the rule of the case light, per task:
 * escalated (督办), overdue (past due, or marked so), or past its warning point (`warnAt`, which the
 * engine computes from the node's `warnAtFraction`). A suspended case's deadlines do not run.
 * The web app shows each task's light with the same rule (designer/src/lib/health.ts).
 */
export function taskStanding(t: Pick<TaskRecord, 'escalated' | 'overdue' | 'dueAt' | 'warnAt'>, nowMs: number, suspended = false): { escalated: boolean; overdue: boolean; warning: boolean } {
  const overdue = !!t.overdue || (!suspended && !!t.dueAt && Date.parse(t.dueAt) <= nowMs);
  const warning = !overdue && !suspended && !!t.warnAt && Date.parse(t.warnAt) <= nowMs;
  return { escalated: !!t.escalated, overdue, warning };
}

/** The light of one open task: red when escalated or overdue, yellow past its warning point. */
export function taskHealth(t: Pick<TaskRecord, 'escalated' | 'overdue' | 'dueAt' | 'warnAt'>, nowMs: number, suspended = false): Health {
  const s = taskStanding(t, nowMs, suspended);
  return s.escalated || s.overdue ? 'red' : s.warning ? 'yellow' : 'green';
}

export function computeHealth(input: HealthInput): { health: Health; reasons: string[] } {
  let health: Health = 'green';
  const reasons: string[] = [];
  for (const t of input.tasks) {
    if (!isOpen(t)) continue;
    const standing = taskStanding(t, input.nowMs, input.suspended);
    if (standing.escalated) {
      health = 'red';
      reasons.push(`「${t.nodeName}」已督办`);
    }
    if (standing.overdue) {
      health = 'red';
      reasons.push(`「${t.nodeName}」已超期`);
    } else if (standing.warning) {
      health = worse(health, 'yellow');
      reasons.push(`「${t.nodeName}」临近办理时限`);
    }
  }
  if (input.incident) {
    health = 'red';
    reasons.unshift(input.incident);
  }
  if (input.light && input.light.level !== 'green') {
    health = worse(health, input.light.level);
    reasons.push(input.light.reason);
  }
  return { health, reasons };
}
