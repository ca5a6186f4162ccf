/**
 * Hand-off rules (pure, over a case's tasks and timeline): where a task may be sent back (退回,
 * 驳回到任意节点) and whether the one who completed a step may take the case back (拿回). The update
 * validators decide with them; the API uses the same functions to offer only what will be accepted.
 */
import { isHumanNode, type Definition, type HumanNode } from '../../dsl/schema.js';
import type { TaskRecord, TimelineEntry } from '../types.js';

export interface ReturnTarget {
  nodeId: string;
  name: string;
}

const humanNode = (def: Definition, nodeId: string): HumanNode | undefined => {
  const n = def.nodes.find((x) => x.id === nodeId);
  return n && isHumanNode(n) ? n : undefined;
};

/** Token `a` is `b` or one of its ancestors (a parallel branch's token is `<parent>.<n>`). */
export function isTokenLineage(ancestor: string, token: string): boolean {
  return token === ancestor || token.startsWith(`${ancestor}.`);
}

/**
 * Steps a task may be sent back to: the node's listed `returnTargets` and, with `returnToAny`
 * (驳回到任意节点), every task or vote completed earlier on this task's own path (its token or the
 * tokens it branched from) — never a sibling branch, never the node itself. Completion order.
 */
export function returnTargets(def: Definition, tasks: readonly TaskRecord[], task: TaskRecord): ReturnTarget[] {
  const node = humanNode(def, task.nodeId);
  if (!node || !node.operations.includes('return')) return [];
  const ids = [...node.returnTargets];
  if (node.returnToAny) {
    const before = tasks.slice(0, Math.max(0, tasks.indexOf(task)));
    const done = before
      .filter((t) => t.status === 'done' && t.kind !== 'publicity' && t.nodeId !== task.nodeId && isTokenLineage(t.tokenId, task.tokenId))
      .sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? ''));
    for (const t of done) if (!ids.includes(t.nodeId)) ids.push(t.nodeId);
  }
  return ids.filter((id) => def.nodes.some((n) => n.id === id)).map((id) => ({ nodeId: id, name: def.nodes.find((n) => n.id === id)?.name ?? id }));
}

/** The task that opened on the same token after `done`, if it is the only one since. */
export function nextTaskOf(tasks: readonly TaskRecord[], done: TaskRecord): TaskRecord | undefined {
  const later = tasks.slice(tasks.indexOf(done) + 1).filter((t) => t.tokenId === done.tokenId);
  return later.length === 1 ? later[0] : undefined;
}

export type TakeBack = { ok: true; next: TaskRecord } | { ok: false; reason: string };

/**
 * 拿回: the person who completed `done` takes the case back to that step while the next step is
 * untouched — nobody has claimed, signed, voted or entered anything on it, and nothing automatic
 * (a notice, a call-out, a timer) has happened between the two. `nextTouched` tells whether a
 * vote has received anything (the caller knows its state).
 */
export function takeBack(
  def: Definition,
  tasks: readonly TaskRecord[],
  timeline: readonly TimelineEntry[],
  done: TaskRecord,
  userId: string,
  nextTouched: (t: TaskRecord) => boolean = () => false,
): TakeBack {
  const node = humanNode(def, done.nodeId);
  if (!node || !node.operations.includes('takeBack')) return { ok: false, reason: `「${done.nodeName}」未开放拿回` };
  if (done.status !== 'done' || done.kind !== 'task') return { ok: false, reason: '只能拿回已办结的办理环节' };
  if (done.signers) return { ok: false, reason: '会签环节不能拿回' };
  if (done.completedBy !== userId) return { ok: false, reason: '只有办结该环节的人可以拿回' };
  const next = nextTaskOf(tasks, done);
  if (!next) return { ok: false, reason: '下一环节不是人工办理或已进入并行办理，不能拿回' };
  if (next.status !== 'open' || next.claimedBy) return { ok: false, reason: `「${next.nodeName}」已被签收或办理，不能拿回` };
  if (next.signers?.some((s) => s.action) || nextTouched(next)) return { ok: false, reason: `「${next.nodeName}」已有人办理，不能拿回` };
  const from = timeline.findIndex((e) => e.type === 'task.completed' && e.taskId === done.id);
  const to = timeline.findIndex((e) => e.type === 'task.created' && e.taskId === next.id);
  if (from < 0 || to < from) return { ok: false, reason: '找不到两个环节之间的办理记录，不能拿回' };
  for (const e of timeline.slice(from + 1, to)) {
    const token = (e.detail as { token?: unknown } | undefined)?.token;
    if (e.type === 'node.entered' && token === done.tokenId && e.nodeId !== next.nodeId) {
      const kind = def.nodes.find((n) => n.id === e.nodeId)?.kind;
      if (kind !== 'gateway') return { ok: false, reason: '两个环节之间已自动办理了其他事项（如通知、文书），不能拿回' };
    }
  }
  return { ok: true, next };
}
