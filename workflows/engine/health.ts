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

export function computeHealth(input: HealthInput): { health: Health; reasons: string[] } {
  let health: Health = 'green';
  const reasons: string[] = [];
  for (const t of input.tasks) {
    if (!isOpen(t)) continue;
    if (t.escalated) {
      health = 'red';
      reasons.push(`「${t.nodeName}」已督办`);
    }
    const overdue = t.overdue || (!input.suspended && !!t.dueAt && Date.parse(t.dueAt) <= input.nowMs);
    if (overdue) {
      health = 'red';
      reasons.push(`「${t.nodeName}」已超期`);
    } else if (!input.suspended && t.warnAt && Date.parse(t.warnAt) <= input.nowMs) {
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
