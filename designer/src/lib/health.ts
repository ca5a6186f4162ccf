/** The light of one task, from its own deadline (the case light comes from the engine). */
import type { Health } from './api-types.js';

/** Red when past due or escalated, yellow in the last fifth of the period, else green. */
export function taskHealth(dueAt: string | undefined, createdAt: string, now: number, escalated = false): Health {
  if (escalated) return 'red';
  if (!dueAt) return 'green';
  const due = new Date(dueAt).getTime();
  if (now > due) return 'red';
  const start = new Date(createdAt).getTime();
  return due > start && (now - start) / (due - start) >= 0.8 ? 'yellow' : 'green';
}
