/**
 * The publicity node (公示): a period from the business calendar during which objections are
 * recorded (the `objection` update); at its end the outcome is `clear` or `objections`.
 */
import type { NodeOf } from '../../dsl/schema.js';
import type { PublicityView } from '../types.js';
import { lookups } from './activities.js';
import { nowIso } from './clock.js';
import { sleepUntil } from './deadlines.js';
import { durationWithParams } from './params.js';
import type { CaseRuntime, TokenState } from './runtime.js';
import type { Step } from './step.js';
import { addWarnings } from './tasks.js';

/** The period of `nodeId` now open for objections, if any. */
export function openPublicity(rt: CaseRuntime, nodeId: string): PublicityView | undefined {
  return rt.publicity.find((p) => p.nodeId === nodeId && !p.outcome);
}

export async function runPublicityNode(rt: CaseRuntime, token: TokenState, node: NodeOf<'publicity'>): Promise<Step> {
  const startsAt = nowIso();
  const schedule = await lookups.computeSchedule({ from: startsAt, duration: durationWithParams(node.period, rt.params) });
  addWarnings(rt, schedule.warnings);
  const view: PublicityView = { nodeId: node.id, startsAt, endsAt: schedule.dueAt, objections: [] };
  rt.publicity.push(view);
  rt.record({ type: 'publicity.started', actor: 'system', nodeId: node.id, detail: { endsAt: view.endsAt, channel: node.channel } });
  token.moving = false;
  rt.changed();
  try {
    await sleepUntil(rt, () => view.endsAt, () => false);
  } finally {
    token.moving = true;
  }
  view.outcome = view.objections.length > 0 ? 'objections' : 'clear';
  rt.progress();
  rt.record({ type: 'publicity.ended', actor: 'system', nodeId: node.id, detail: { outcome: view.outcome, objections: view.objections.length } });
  rt.nodeOutputs[node.id] = { outcome: view.outcome, objections: view.objections.length, startsAt, endsAt: view.endsAt };
  return { outcome: view.outcome };
}
