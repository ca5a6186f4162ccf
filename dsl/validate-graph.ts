/**
 * Structural checks of the graph: ids, dangling edges, start/end, reachability, loops without a
 * way out, loops without a wait, and parallel split/join pairing.
 */
import { buildGraph, reachableFrom, reachingTo, stronglyConnectedComponents, type DefinitionGraph, type IndexedEdge } from './graph.js';
import type { IssueSink } from './validate-issues.js';
import type { NodeOf } from './schema.js';

export function checkIds(sink: IssueSink): void {
  const { def } = sink;
  const seenNodes = new Map<string, number>();
  def.nodes.forEach((n, i) => {
    const first = seenNodes.get(n.id);
    if (first !== undefined) {
      sink.node(i, 'DUPLICATE_NODE_ID', `节点标识「${n.id}」重复：${sink.label(n.id)}与第 ${i + 1} 个节点「${n.name}」使用了同一标识，请改为唯一标识`, { field: 'id' });
    } else seenNodes.set(n.id, i);
  });
  const seenEdges = new Set<string>();
  def.edges.forEach((e, i) => {
    if (seenEdges.has(e.id)) sink.edge(i, 'DUPLICATE_EDGE_ID', `连线标识「${e.id}」重复，请改为唯一标识`, { field: 'id' });
    else seenEdges.add(e.id);
  });
}

export function checkDanglingEdges(sink: IssueSink): void {
  sink.def.edges.forEach((e, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!sink.nodeIndex.has(e[end])) {
        const where = end === 'from' ? '起点' : '终点';
        sink.edge(i, 'DANGLING_EDGE', `连线「${e.id}」的${where}「${e[end]}」不存在，请连接到已有节点或删除该连线`, { field: end });
      }
    }
  });
}

/** Start/end counts and their edges; returns the start id used for reachability (if any). */
export function checkStartEnd(sink: IssueSink, g: DefinitionGraph): { startId?: string; endIds: string[] } {
  const { def } = sink;
  const starts: number[] = [];
  const endIds: string[] = [];
  def.nodes.forEach((n, i) => {
    if (sink.nodeIndex.get(n.id) !== i) return;
    if (n.kind === 'start') starts.push(i);
    if (n.kind === 'end') endIds.push(n.id);
  });
  if (starts.length === 0) {
    sink.add({ code: 'NO_START_NODE', message: '流程没有开始节点，请添加一个开始节点', path: ['nodes'] });
  }
  for (const i of starts.slice(1)) {
    sink.node(i, 'MULTIPLE_START_NODES', `流程只能有一个开始节点，${sink.label(def.nodes[i]!.id)}是多余的开始节点，请删除或改为其他类型`);
  }
  if (endIds.length === 0) {
    sink.add({ code: 'NO_END_NODE', message: '流程没有结束节点，请至少添加一个结束节点', path: ['nodes'] });
  }
  for (const i of starts) {
    const id = def.nodes[i]!.id;
    for (const { index } of g.in.get(id) ?? []) {
      sink.edge(index, 'START_HAS_INCOMING', `开始节点${sink.label(id)}不能有进入的连线（连线「${def.edges[index]!.id}」），退回请指向开始后的第一个环节`, { field: 'to' });
    }
  }
  for (const id of endIds) {
    for (const { index } of g.out.get(id) ?? []) {
      sink.edge(index, 'END_HAS_OUTGOING', `结束节点${sink.label(id)}不能有离开的连线（连线「${def.edges[index]!.id}」），请删除该连线`, { field: 'from' });
    }
  }
  const first = starts[0];
  return { startId: first === undefined ? undefined : def.nodes[first]!.id, endIds };
}

export function checkReachability(sink: IssueSink, g: DefinitionGraph, startId: string | undefined, endIds: string[]): void {
  const { def } = sink;
  const reachable = startId ? reachableFrom(g, [startId]) : undefined;
  const reachesEnd = endIds.length ? reachingTo(g, endIds) : undefined;

  // Loops with no way out: a strongly connected component no edge leaves.
  const trapped = new Set<string>();
  for (const comp of stronglyConnectedComponents(g)) {
    const members = new Set(comp);
    const first = comp[0]!;
    const isLoop = comp.length > 1 || (g.out.get(first) ?? []).some((e) => e.edge.to === first);
    if (!isLoop) continue;
    const leaves = comp.some((id) => (g.out.get(id) ?? []).some((e) => !members.has(e.edge.to)));
    const hasEnd = comp.some((id) => def.nodes[sink.nodeIndex.get(id)!]!.kind === 'end');
    if (leaves || hasEnd) continue;
    comp.forEach((id) => trapped.add(id));
    const ordered = [...comp].sort((a, b) => sink.nodeIndex.get(a)! - sink.nodeIndex.get(b)!);
    const names = ordered.map((id) => sink.label(id)).join('、');
    sink.node(
      sink.nodeIndex.get(ordered[0]!)!,
      'CYCLE_NO_EXIT',
      `${names}构成循环，但没有任何连线离开这个循环，案件进入后将永远无法结束。请在循环中的某个环节添加通往后续环节或结束节点的连线`,
    );
  }

  def.nodes.forEach((n, i) => {
    if (sink.nodeIndex.get(n.id) !== i) return;
    if (reachable && !reachable.has(n.id)) {
      sink.node(i, 'UNREACHABLE_NODE', `${sink.label(n.id)}从开始节点无法到达，请添加通往它的连线或删除该节点`);
    }
    if (reachesEnd && n.kind !== 'end' && !reachesEnd.has(n.id) && !trapped.has(n.id)) {
      const noOut = (g.out.get(n.id) ?? []).length === 0;
      sink.node(
        i,
        'NO_PATH_TO_END',
        noOut
          ? `${sink.label(n.id)}没有离开的连线，案件到这里会停住，请连接到后续环节或结束节点`
          : `从${sink.label(n.id)}出发无法到达任何结束节点，请检查后续连线`,
      );
    }
  });
}

/**
 * Node kinds where a token waits for a person or for time: a loop through one of them moves only
 * as fast as people act or time passes. A parallel join waits for its slowest branch, which may
 * hold such a node; a loop through a join is left to the interpreter's run-time budget of
 * automatic steps (workflows/engine/auto-budget.ts) rather than refused here.
 */
export function isWaitNode(node: { kind: string; gateway?: string }): boolean {
  return node.kind === 'task' || node.kind === 'vote' || node.kind === 'publicity' || node.kind === 'timer' || (node.kind === 'gateway' && node.gateway === 'parallelJoin');
}

/**
 * Loops made only of automatic nodes (gateways, service calls, subprocesses): once their
 * condition holds, a case spins through them with nobody to stop it — before issue 14 such a
 * loop froze the worker and took the whole process down. Found as the strongly connected
 * components of the graph without its wait nodes.
 */
export function checkAutomaticCycles(sink: IssueSink, g: DefinitionGraph): void {
  const { def } = sink;
  const kindOf = (id: string) => def.nodes[sink.nodeIndex.get(id)!]!;
  const automatic = g.ids.filter((id) => !isWaitNode(kindOf(id)));
  const keep = new Set(automatic);
  const out = new Map<string, IndexedEdge[]>();
  const inc = new Map<string, IndexedEdge[]>();
  for (const id of automatic) {
    out.set(id, (g.out.get(id) ?? []).filter((e) => keep.has(e.edge.to)));
    inc.set(id, (g.in.get(id) ?? []).filter((e) => keep.has(e.edge.from)));
  }
  for (const comp of stronglyConnectedComponents({ ids: automatic, out, in: inc })) {
    const first = comp[0]!;
    const isLoop = comp.length > 1 || (out.get(first) ?? []).some((e) => e.edge.to === first);
    if (!isLoop) continue;
    const ordered = [...comp].sort((a, b) => sink.nodeIndex.get(a)! - sink.nodeIndex.get(b)!);
    const names = ordered.map((id) => sink.label(id)).join('、');
    sink.node(
      sink.nodeIndex.get(ordered[0]!)!,
      'CYCLE_WITHOUT_WAIT',
      `${names}构成一个只有自动环节的循环（其中没有任务、表决、公示或定时器）：条件一旦成立，案件会在这些环节之间不停空转。请在循环中加入需要有人办理或等待时间的环节，或修改让案件回到前面的连线`,
    );
  }
}

/** Parallel splits and joins: every join closes a split whose branches all reach it. */
export function checkParallel(sink: IssueSink, g: DefinitionGraph): void {
  const { def } = sink;
  type Gw = NodeOf<'gateway'>;
  const gateways = def.nodes
    .map((n, i) => ({ n, i }))
    .filter((x): x is { n: Gw; i: number } => x.n.kind === 'gateway' && sink.nodeIndex.get(x.n.id) === x.i);
  const splits = gateways.filter((x) => x.n.gateway === 'parallelSplit');
  const joins = gateways.filter((x) => x.n.gateway === 'parallelJoin');

  const reachCache = new Map<string, Set<string>>();
  const reach = (id: string): Set<string> => {
    let r = reachCache.get(id);
    if (!r) reachCache.set(id, (r = reachableFrom(g, [id])));
    return r;
  };
  const branches = (splitId: string) => (g.out.get(splitId) ?? []).map((e) => e.edge.to);
  const closes = (splitId: string, joinId: string): boolean => {
    const b = branches(splitId);
    return b.length > 0 && b.every((to) => reach(to).has(joinId));
  };

  for (const { n, i } of splits) {
    const b = branches(n.id);
    if (b.length < 2) {
      sink.node(i, 'SPLIT_SINGLE_BRANCH', `并行分支网关${sink.label(n.id)}只有 ${b.length} 条分支，并行至少需要两条分支`, { severity: 'warning' });
    }
    if (b.length > 0 && !joins.some((j) => closes(n.id, j.n.id))) {
      // The interpreter waits for every branch at one join: without it the case cannot run past
      // the split (NO_JOIN) or waits at a join some branch never reaches.
      sink.node(i, 'SPLIT_NOT_REJOINED', `并行分支网关${sink.label(n.id)}的各分支没有在同一个并行汇聚网关会合，流程运行到这里无法继续，请添加汇聚网关并让每条分支都汇入`);
    }
  }

  for (const { n, i } of joins) {
    if (n.pairedWith !== undefined) {
      const pi = sink.nodeIndex.get(n.pairedWith);
      const paired = pi === undefined ? undefined : def.nodes[pi];
      if (!paired || paired.kind !== 'gateway' || paired.gateway !== 'parallelSplit') {
        sink.node(i, 'JOIN_WITHOUT_SPLIT', `并行汇聚网关${sink.label(n.id)}的配对节点「${n.pairedWith}」不是并行分支网关，请选择它所汇聚的分支网关`, { field: 'pairedWith' });
        continue;
      }
      const missing = branches(paired.id).filter((to) => !reach(to).has(n.id));
      if (missing.length) {
        sink.node(
          i,
          'JOIN_WITHOUT_SPLIT',
          `并行汇聚网关${sink.label(n.id)}要等待${sink.label(paired.id)}的全部分支，但分支${missing.map((m) => sink.label(m)).join('、')}到不了这里，汇聚将永远等待`,
          { field: 'pairedWith' },
        );
      }
      continue;
    }
    if (!splits.some((s) => closes(s.n.id, n.id))) {
      sink.node(i, 'JOIN_WITHOUT_SPLIT', `并行汇聚网关${sink.label(n.id)}没有对应的并行分支网关（没有一个分支网关的全部分支都汇入这里），汇聚将无法完成`);
    }
  }
}

export function checkGraph(sink: IssueSink): DefinitionGraph {
  checkIds(sink);
  checkDanglingEdges(sink);
  const g = buildGraph(sink.def);
  const { startId, endIds } = checkStartEnd(sink, g);
  checkReachability(sink, g, startId, endIds);
  checkAutomaticCycles(sink, g);
  checkParallel(sink, g);
  return g;
}
