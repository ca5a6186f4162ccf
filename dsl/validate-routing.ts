/**
 * Routing checks on the outgoing edges of each node: gateways, defaults, outcomes.
 */
import type { DefinitionGraph, IndexedEdge } from './graph.js';
import type { IssueSink } from './validate-issues.js';
import type { Node } from './schema.js';

export const OUTCOME_LABEL: Record<string, string> = {
  passed: '通过',
  rejected: '未通过',
  no_quorum: '未达到会人数',
  margin_short: '差额不足',
  clear: '无异议',
  objections: '有异议',
};

const outcomeName = (o: string) => (OUTCOME_LABEL[o] ? `「${OUTCOME_LABEL[o]}」(${o})` : `「${o}」`);

/**
 * The outcomes a node can finish with: 'any' when they are not known statically (a subprocess
 * ends with its child's outcome), an empty list for nodes that route by conditions only.
 */
export function possibleOutcomes(node: Node): readonly string[] | 'any' {
  switch (node.kind) {
    case 'task':
      return node.actions.map((a) => a.name);
    case 'vote': {
      // Without a quorum requirement a vote can never report no_quorum; without 差额, never margin_short.
      const out = node.vote.quorum ? ['passed', 'rejected', 'no_quorum'] : ['passed', 'rejected'];
      if (node.vote.options.type === 'candidates' && node.vote.options.margin) out.push('margin_short');
      return out;
    }
    case 'publicity':
      return ['clear', 'objections'];
    case 'subprocess':
      return 'any';
    case 'start':
    case 'end':
    case 'timer':
    case 'service':
    case 'gateway':
      return [];
    default: {
      const never: never = node;
      return never;
    }
  }
}

/** An exclusive gateway routes on the outcome of the node before it. */
function gatewayOutcomes(sink: IssueSink, g: DefinitionGraph, id: string): Set<string> | 'any' {
  const result = new Set<string>();
  for (const { edge } of g.in.get(id) ?? []) {
    const pred = sink.def.nodes[sink.nodeIndex.get(edge.from)!]!;
    const outs = pred.kind === 'gateway' ? 'any' : possibleOutcomes(pred);
    if (outs === 'any') return 'any';
    outs.forEach((o) => result.add(o));
  }
  return result;
}

const isPlain = (e: IndexedEdge) => !e.edge.default && e.edge.outcome === undefined && e.edge.condition === undefined;
const isCatchAll = (e: IndexedEdge) => e.edge.default || (e.edge.outcome === undefined && e.edge.condition === undefined);

export function checkRouting(sink: IssueSink, g: DefinitionGraph): void {
  const { def } = sink;
  def.nodes.forEach((node, i) => {
    if (sink.nodeIndex.get(node.id) !== i || node.kind === 'end') return;
    const out = g.out.get(node.id) ?? [];
    const label = sink.label(node.id);

    const defaults = out.filter((e) => e.edge.default);
    for (const extra of defaults.slice(1)) {
      sink.edge(extra.index, 'MULTIPLE_DEFAULTS', `${label}有多条默认连线，只能保留一条（连线「${extra.edge.id}」）`, { field: 'default' });
    }

    const outcomes: readonly string[] | Set<string> | 'any' =
      node.kind === 'gateway' ? (node.gateway === 'exclusive' ? gatewayOutcomes(sink, g, node.id) : []) : possibleOutcomes(node);
    for (const e of out) {
      const o = e.edge.outcome;
      if (o === undefined || outcomes === 'any') continue;
      const known = outcomes instanceof Set ? outcomes.has(o) : outcomes.includes(o);
      if (known) continue;
      const list = [...outcomes].map(outcomeName).join('、');
      sink.edge(
        e.index,
        'UNKNOWN_OUTCOME',
        list
          ? `连线「${e.edge.id}」按结果${outcomeName(o)}路由，但${label}只会产生${list}，请改为其中之一`
          : `连线「${e.edge.id}」按结果${outcomeName(o)}路由，但${label}不产生办理结果，请改用条件或删除结果`,
        { field: 'outcome' },
      );
    }

    if (node.kind === 'gateway') {
      switch (node.gateway) {
        case 'parallelSplit':
          return;
        case 'parallelJoin':
          if (out.length > 1) {
            for (const extra of out.slice(1)) {
              sink.edge(extra.index, 'AMBIGUOUS_ROUTING', `并行汇聚网关${label}只能有一条离开的连线，请在后面另加排他网关或并行分支网关`, { field: 'from' });
            }
          }
          return;
        case 'exclusive':
          if (out.length > 0 && defaults.length === 0) {
            sink.node(i, 'EXCLUSIVE_NO_DEFAULT', `排他网关${label}没有默认分支：所有条件都不成立时案件会停住，请把一条连线设为默认`);
          }
          for (const e of out) {
            if (isPlain(e) && out.length > 1) {
              sink.edge(e.index, 'AMBIGUOUS_ROUTING', `排他网关${label}的连线「${e.edge.id}」既没有条件也不是默认分支，请添加条件或设为默认`, { field: 'condition' });
            }
          }
          return;
        default: {
          const never: never = node.gateway;
          return never;
        }
      }
    }

    if (out.length > 1) {
      const seenOutcome = new Set<string>();
      for (const e of out) {
        if (isPlain(e)) {
          sink.edge(
            e.index,
            'AMBIGUOUS_ROUTING',
            `${label}有 ${out.length} 条离开的连线，但连线「${e.edge.id}」没有结果、条件，也不是默认连线，无法判断走哪一条；需要分支请设置结果/条件或使用排他网关`,
            { field: 'outcome' },
          );
        } else if (!e.edge.default && e.edge.condition === undefined && e.edge.outcome !== undefined) {
          if (seenOutcome.has(e.edge.outcome)) {
            sink.edge(e.index, 'AMBIGUOUS_ROUTING', `${label}有多条无条件连线都对应结果${outcomeName(e.edge.outcome)}，请删除重复的连线或添加条件`, { field: 'outcome' });
          }
          seenOutcome.add(e.edge.outcome);
        }
      }
    }

    if (out.length === 0 || out.some(isCatchAll)) return;
    if (outcomes === 'any' || (Array.isArray(outcomes) && outcomes.length === 0)) {
      if (outcomes === 'any' && out.some((e) => e.edge.condition === undefined)) {
        sink.node(i, 'NO_DEFAULT_ROUTE', `子流程${label}的结果事先未知，只按部分结果设置了连线，请添加一条默认连线`, { severity: 'warning' });
        return;
      }
      sink.node(i, 'NO_DEFAULT_ROUTE', `${label}的所有离开连线都带条件，且没有默认连线：条件都不成立时案件会停住，请把一条连线设为默认`);
      return;
    }
    const covered = new Set(out.filter((e) => e.edge.condition === undefined && e.edge.outcome !== undefined).map((e) => e.edge.outcome!));
    const missing = [...outcomes].filter((o) => !covered.has(o));
    if (missing.length) {
      const what = node.kind === 'task' ? '办理动作' : '结果';
      sink.node(
        i,
        'OUTCOME_NOT_ROUTED',
        `${label}的${what}${missing.map(outcomeName).join('、')}没有对应的（无条件）连线，也没有默认连线，出现该结果时案件会停住。请为它添加连线或设置默认连线`,
      );
    }
  });
}
