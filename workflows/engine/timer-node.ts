/** The timer node: waits a period from the business calendar (paused while the case is suspended). */
import type { NodeOf } from '../../dsl/schema.js';
import { lookups } from './activities.js';
import { nowIso } from './clock.js';
import { sleepUntil } from './deadlines.js';
import { durationWithParams } from './params.js';
import type { CaseRuntime, TokenState } from './runtime.js';
import type { Step } from './step.js';
import { addWarnings } from './tasks.js';

export async function runTimerNode(rt: CaseRuntime, token: TokenState, node: NodeOf<'timer'>): Promise<Step> {
  const startedAt = nowIso();
  const schedule = await lookups.computeSchedule({ from: startedAt, duration: durationWithParams(node.duration, rt.params) });
  addWarnings(rt, schedule.warnings);
  const timer = { dueAt: schedule.dueAt, startedAt };
  rt.timers.set(token.id, timer);
  rt.record({ type: 'timer.started', actor: 'system', nodeId: node.id, detail: { dueAt: timer.dueAt } });
  token.moving = false;
  rt.changed();
  try {
    // A migration may move the token elsewhere (moveTo) or the due time (scheduleRev).
    await sleepUntil(rt, () => timer.dueAt, () => !!token.moveTo);
  } finally {
    rt.timers.delete(token.id);
    token.moving = true;
  }
  rt.progress();
  return {};
}
