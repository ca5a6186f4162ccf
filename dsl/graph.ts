/**
 * The definition as a directed graph: adjacency, reachability and strongly connected components.
 * Pure and iterative (definitions may hold up to 2000 nodes), shared by the validator and anyone
 * who needs to ask "can X reach Y" of a definition.
 */
import type { Definition, Edge } from './schema.js';

export interface IndexedEdge {
  edge: Edge;
  /** Position in `definition.edges`. */
  index: number;
}

export interface DefinitionGraph {
  /** Node ids, first occurrence of each id only. */
  ids: string[];
  /** Outgoing / incoming edges whose both ends exist. */
  out: Map<string, IndexedEdge[]>;
  in: Map<string, IndexedEdge[]>;
}

export function buildGraph(def: Definition): DefinitionGraph {
  const ids: string[] = [];
  const out = new Map<string, IndexedEdge[]>();
  const inc = new Map<string, IndexedEdge[]>();
  for (const n of def.nodes) {
    if (out.has(n.id)) continue;
    ids.push(n.id);
    out.set(n.id, []);
    inc.set(n.id, []);
  }
  def.edges.forEach((edge, index) => {
    const o = out.get(edge.from);
    const i = inc.get(edge.to);
    if (!o || !i) return;
    o.push({ edge, index });
    i.push({ edge, index });
  });
  return { ids, out, in: inc };
}

/** Every node reachable from `sources` (the sources included) following edges forward. */
export function reachableFrom(g: DefinitionGraph, sources: Iterable<string>): Set<string> {
  return walk(sources, (id) => (g.out.get(id) ?? []).map((e) => e.edge.to));
}

/** Every node from which one of `targets` is reachable (the targets included). */
export function reachingTo(g: DefinitionGraph, targets: Iterable<string>): Set<string> {
  return walk(targets, (id) => (g.in.get(id) ?? []).map((e) => e.edge.from));
}

function walk(start: Iterable<string>, next: (id: string) => string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const n of next(id)) if (!seen.has(n)) stack.push(n);
  }
  return seen;
}

/** Tarjan's algorithm, iterative. Components come out in reverse topological order. */
export function stronglyConnectedComponents(g: DefinitionGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];

  for (const root of g.ids) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter);
    counter += 1;
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const edges = g.out.get(frame.id) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next]!.edge.to;
        frame.next += 1;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter);
          counter += 1;
          stack.push(to);
          onStack.add(to);
          work.push({ id: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const comp: string[] = [];
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          comp.push(id);
        } while (id !== frame.id);
        result.push(comp);
      }
    }
  }
  return result;
}

/** Can `from` reach `to` (a node always reaches itself)? */
export function canReach(g: DefinitionGraph, from: string, to: string): boolean {
  return reachableFrom(g, [from]).has(to);
}

/**
 * Immediate dominators from `startId` (Cooper, Harvey & Kennedy, "A Simple, Fast Dominance
 * Algorithm"). Nodes unreachable from the start are absent.
 */
export function immediateDominators(g: DefinitionGraph, startId: string): Map<string, string> {
  const order: string[] = [];
  const seen = new Set<string>([startId]);
  const stack: { id: string; next: number }[] = [{ id: startId, next: 0 }];
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    const edges = g.out.get(frame.id) ?? [];
    if (frame.next < edges.length) {
      const to = edges[frame.next]!.edge.to;
      frame.next += 1;
      if (!seen.has(to)) {
        seen.add(to);
        stack.push({ id: to, next: 0 });
      }
      continue;
    }
    stack.pop();
    order.push(frame.id);
  }
  const post = new Map(order.map((id, i) => [id, i]));
  const rpo = [...order].reverse();
  const idom = new Map<string, string>([[startId, startId]]);
  const intersect = (a: string, b: string): string => {
    while (a !== b) {
      while (post.get(a)! < post.get(b)!) a = idom.get(a)!;
      while (post.get(b)! < post.get(a)!) b = idom.get(b)!;
    }
    return a;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const id of rpo) {
      if (id === startId) continue;
      let candidate: string | undefined;
      for (const { edge } of g.in.get(id) ?? []) {
        if (!idom.has(edge.from)) continue;
        candidate = candidate === undefined ? edge.from : intersect(edge.from, candidate);
      }
      if (candidate !== undefined && idom.get(id) !== candidate) {
        idom.set(id, candidate);
        changed = true;
      }
    }
  }
  return idom;
}

/** Does `a` dominate `b` (every path from the start to `b` passes through `a`)? */
export function dominates(idom: Map<string, string>, a: string, b: string): boolean {
  let x: string | undefined = b;
  while (x !== undefined) {
    if (x === a) return true;
    const up = idom.get(x);
    if (up === undefined || up === x) return false;
    x = up;
  }
  return false;
}

/**
 * The graph without its loop-back edges (u→v where v dominates u: 退回, 重议, 另行召集), so
 * "earlier than" can be asked by plain reachability.
 */
export function forwardGraph(g: DefinitionGraph, startId: string): DefinitionGraph {
  const idom = immediateDominators(g, startId);
  const keep = (e: IndexedEdge) => !(idom.has(e.edge.from) && dominates(idom, e.edge.to, e.edge.from));
  const out = new Map<string, IndexedEdge[]>();
  const inc = new Map<string, IndexedEdge[]>();
  for (const id of g.ids) {
    out.set(id, (g.out.get(id) ?? []).filter(keep));
    inc.set(id, (g.in.get(id) ?? []).filter(keep));
  }
  return { ids: g.ids, out, in: inc };
}
