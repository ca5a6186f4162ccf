/**
 * Which edge a token takes when it leaves a node (pure). Edges are tried in definition order: an
 * edge matches when its `outcome` (if any) equals the node's outcome and its CEL `condition` (if
 * any) holds; the `default` edge is taken when nothing else matches.
 */
import { evaluateCondition } from '../../dsl/expressions.js';
import type { Definition, Edge } from '../../dsl/schema.js';

export interface RouteChoice {
  edge?: Edge;
  /** Conditions that failed to evaluate (counted as false), for the timeline. */
  conditionErrors: string[];
}

function matches(edge: Edge, outcome: string | undefined, ctx: Record<string, unknown>, errors: string[]): boolean {
  if (edge.outcome !== undefined && edge.outcome !== outcome) return false;
  if (edge.condition === undefined) return true;
  const r = evaluateCondition(edge.condition, { ...ctx, outcome: outcome ?? null });
  if (r.error) errors.push(`${edge.id}: ${r.error}`);
  return r.value;
}

export function outgoingEdges(def: Definition, nodeId: string): Edge[] {
  return def.edges.filter((e) => e.from === nodeId);
}

/** The single edge to follow: first match in edge order, else the default edge. */
export function chooseEdge(def: Definition, nodeId: string, outcome: string | undefined, ctx: Record<string, unknown>): RouteChoice {
  const errors: string[] = [];
  const edges = outgoingEdges(def, nodeId);
  const hit = edges.find((e) => !e.default && matches(e, outcome, ctx, errors));
  return { edge: hit ?? edges.find((e) => e.default), conditionErrors: errors };
}

/** A parallel split starts one branch per edge whose condition holds (the default edge when none does). */
export function parallelBranches(def: Definition, nodeId: string, ctx: Record<string, unknown>): RouteChoice & { edges: Edge[] } {
  const errors: string[] = [];
  const edges = outgoingEdges(def, nodeId);
  const taken = edges.filter((e) => !e.default && matches(e, undefined, ctx, errors));
  const all = taken.length > 0 ? taken : edges.filter((e) => e.default);
  return { edges: all, edge: all[0], conditionErrors: errors };
}

/** The join closing a split: the one paired with it, else the first join reachable from it. */
export function joinOf(def: Definition, splitId: string): string | undefined {
  const paired = def.nodes.find((n) => n.kind === 'gateway' && n.gateway === 'parallelJoin' && n.pairedWith === splitId);
  if (paired) return paired.id;
  const seen = new Set<string>([splitId]);
  const queue = outgoingEdges(def, splitId).map((e) => e.to);
  while (queue.length) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const n = def.nodes.find((x) => x.id === id);
    if (n?.kind === 'gateway' && n.gateway === 'parallelJoin') return id;
    queue.push(...outgoingEdges(def, id).map((e) => e.to));
  }
  return undefined;
}
