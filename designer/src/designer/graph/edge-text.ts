/**
 * What an edge says on the canvas and to a screen reader, in words a clerk reads: the button that
 * takes it (a task's action label), a vote's or a 公示's result, 默认, or the condition's own
 * label — never the outcome's code name (register, received, no_quorum).
 */
import type { Edge as DslEdge, Node as DslNode } from '../../../../dsl/schema.js';

/** Results of the engine's own nodes (vote-node.ts, publicity-node.ts), as an edge names them. */
const NODE_OUTCOMES: Record<'vote' | 'publicity', Record<string, string>> = {
  vote: { passed: '通过', rejected: '未通过', no_quorum: '未达到会议人数', revote: '另行选举', margin_short: '差额不足' },
  publicity: { clear: '无异议', objections: '有异议' },
};

/** The outcome as the source node names it; undefined when the node has no word for it. */
export function outcomeText(outcome: string, source: DslNode | undefined): string | undefined {
  if (!source) return undefined;
  if (source.kind === 'task') return source.actions.find((a) => a.name === outcome)?.label;
  if (source.kind === 'vote' || source.kind === 'publicity') return NODE_OUTCOMES[source.kind][outcome];
  return undefined;
}

export function edgeText(edge: DslEdge, source?: DslNode): string | undefined {
  if (edge.label) return edge.label;
  if (edge.outcome) return outcomeText(edge.outcome, source) ?? '按办理结果';
  if (edge.default) return '默认';
  if (edge.condition) return '按条件';
  return undefined;
}

/** A screen reader's name of the edge: 连线：村党组织提议 → 村务联席会议商议. */
export function edgeAriaLabel(source: DslNode | undefined, target: DslNode | undefined): string {
  return `连线：${source?.name ?? '—'} → ${target?.name ?? '—'}`;
}
