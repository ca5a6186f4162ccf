/**
 * The light of one task, by the engine's own rule (workflows/engine/health.ts): red when escalated
 * or overdue, yellow past the task's warning point (`warnAt`, from its node's `warnAtFraction` —
 * not a fixed 80 %). The case light comes from the engine itself.
 */
import { taskHealth as engineTaskHealth } from '../../../workflows/engine/health.js';
import type { Health, TaskRecord } from '../../../workflows/types.js';

export function taskHealth(task: Pick<TaskRecord, 'escalated' | 'overdue' | 'dueAt' | 'warnAt'>, now: number, suspended = false): Health {
  return engineTaskHealth(task, now, suspended);
}

/** A light read from a list (the API sends it as text): anything unknown shows green. */
export function lightOf(value: string): Health {
  return value === 'red' || value === 'yellow' ? value : 'green';
}
