/**
 * What the demo promises about deadlines — "near its deadline", "overdue a minute after start" —
 * as claims that can be checked for any start instant (pure: the business calendar and the
 * definition only). The demo-cases test checks them against the real engine, the day sweep
 * (tests/unit/day-sweep.test.ts) for a Saturday, 春节, a 调休 workday and more.
 */
import type { Definition, Duration } from '../../dsl/schema.js';
import { isHumanNode } from '../../dsl/schema.js';
import { computeSchedule } from '../../activities/schedule.js';
import type { ScheduleResult } from '../../activities/types.js';
import { durationWithParams, resolveParams } from '../../workflows/engine/params.js';
import type { DemoCase, DemoDeadlineClaim } from './types.js';

/** "Near its deadline": due within this long of the task opening, whatever the day. */
export const NEAR_DUE_MS = 24 * 3_600_000;
/** "Overdue a minute after start": due within this long of the task opening. */
export const OVERDUE_SOON_MS = 5 * 60_000;

/** The deadline of the node a demo case's claim is about, with the case's parameters applied. */
export function demoClaimDeadline(c: DemoCase, def: Definition): { node: string; claim: DemoDeadlineClaim; duration: Duration; warnAtFraction?: number } | undefined {
  if (!c.deadline) return undefined;
  const node = def.nodes.find((n) => n.id === c.deadline!.node);
  if (!node || !isHumanNode(node) || !node.deadline) throw new Error(`演示事项 ${c.id}：节点 ${c.deadline.node} 没有办理时限`);
  const params = resolveParams(def, c.params);
  return { node: node.id, claim: c.deadline.claim, duration: durationWithParams(node.deadline.duration, params), warnAtFraction: node.deadline.warnAtFraction };
}

/** The schedule the engine computes for that node when its task opens at `openedAt`. */
export function demoClaimSchedule(c: DemoCase, def: Definition, openedAt: Date | string): ScheduleResult | undefined {
  const d = demoClaimDeadline(c, def);
  if (!d) return undefined;
  const from = typeof openedAt === 'string' ? openedAt : openedAt.toISOString();
  return computeSchedule({ from, duration: d.duration, warnAtFraction: d.warnAtFraction });
}

/** Whether a task opened at `openedAt` and due at `dueAt` is what the claim says. */
export function claimHolds(claim: DemoDeadlineClaim, openedAt: Date | string, dueAt: string): boolean {
  const span = Date.parse(dueAt) - new Date(openedAt).getTime();
  if (claim === 'nearDue') return span > OVERDUE_SOON_MS && span <= NEAR_DUE_MS;
  return span > 0 && span <= OVERDUE_SOON_MS;
}
