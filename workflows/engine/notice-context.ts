/**
 * What a generated notice knows of its case besides the data (patch `notify-notice-context`): the
 * case start (收到日期), its org chain (受理机关), the initiator, the pass through the node, and the
 * dates the notice node names in its params —
 *
 * - `dueOf`: a node id (fills `dueAt`) or `{dataKey: nodeId}`: the end of that node's statutory
 *   period as it would count now (its clock anchor and cap included; 受理告知书: 办理 60 日 from 受理);
 * - `dates`: `{dataKey: nodeId}`: when that node was last completed (处理意见书: the 受理 date).
 *
 * A value the case data already has is never overridden (the activity fills only blanks).
 */
import type { NoticeContext, NoticePeriod } from '../../activities/types.js';
import type { HumanNode, NodeOf } from '../../dsl/schema.js';
import { nowIso } from './clock.js';
import { durationWithParams } from './params.js';
import type { CaseRuntime } from './runtime.js';
import { planClock } from './task-clock.js';

/** `'handle'` → {dueAt: 'handle'}; an object of data key → node id as it is. */
function namedNodes(param: unknown, defaultKey?: string): Record<string, string> {
  if (typeof param === 'string' && defaultKey) return { [defaultKey]: param };
  if (!param || typeof param !== 'object' || Array.isArray(param)) return {};
  return Object.fromEntries(Object.entries(param).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

const isHuman = (n: { kind: string }): n is HumanNode => n.kind === 'task' || n.kind === 'vote' || n.kind === 'publicity';

export function noticeContext(rt: CaseRuntime, node: NodeOf<'service'>): NoticeContext {
  const p = node.params;
  const periods: Record<string, NoticePeriod> = {};
  for (const [key, nodeId] of Object.entries(namedNodes(p.dueOf, 'dueAt'))) {
    const target = rt.def.nodes.find((n) => n.id === nodeId);
    if (!target || !isHuman(target) || !target.deadline) continue;
    const plan = planClock(rt, target, nowIso());
    periods[key] = { from: plan.from, duration: durationWithParams(target.deadline.duration, rt.params), ...(plan.cap ? { cap: plan.cap } : {}) };
  }
  const instants: Record<string, string> = {};
  for (const [key, nodeId] of Object.entries(namedNodes(p.dates))) {
    const done = rt.tasks.filter((t) => t.nodeId === nodeId && t.status === 'done' && t.completedAt).at(-1);
    if (done?.completedAt) instants[key] = done.completedAt;
  }
  return {
    pass: rt.path.filter((id) => id === node.id).length,
    caseStartedAt: rt.startedAt,
    caseTitle: rt.input.title,
    procedure: { key: rt.def.key, title: rt.def.title, ...(rt.def.category ? { category: rt.def.category } : {}) },
    org: rt.input.org,
    initiator: { userId: rt.input.initiator.userId, ...(rt.input.initiator.name ? { name: rt.input.initiator.name } : {}) },
    ...(Object.keys(periods).length ? { periods } : {}),
    ...(Object.keys(instants).length ? { instants } : {}),
    fields: rt.def.fields.map((f) => ({ key: f.key, label: f.label, ...(f.options?.length ? { options: f.options.map((o) => ({ value: o.value, label: o.label })) } : {}) })),
  };
}
