/**
 * "Node A has happened before node B is entered, whatever path the case took" — what a clock
 * anchor needs (a deadline cannot count from an event that may not have happened). A precedes B
 * when A dominates B, or when A lies on every path of one branch of a parallel split whose join
 * dominates B: the join waits for every branch, so that branch's A has happened too.
 */
import { buildGraph, dominates, forwardGraph, immediateDominators, reachableFrom, type DefinitionGraph } from './graph.js';
import type { Definition } from './schema.js';

const MAX_NESTING = 6;

export class Precedence {
  private readonly g: DefinitionGraph;
  private readonly idom: Map<string, string>;
  /** parallelJoin id → its parallelSplit id. */
  private readonly splitOfJoin = new Map<string, string>();

  constructor(
    private readonly def: Definition,
    startId: string,
  ) {
    const full = buildGraph(def);
    this.g = forwardGraph(full, startId);
    this.idom = immediateDominators(full, startId);
    for (const n of def.nodes) {
      if (n.kind !== 'gateway' || n.gateway !== 'parallelSplit') continue;
      const join = this.joinOf(n.id);
      if (join) this.splitOfJoin.set(join, n.id);
    }
  }

  /** Does A happen before B is entered on every path from the start? */
  precedes(a: string, b: string): boolean {
    if (a === b || !this.idom.has(a) || !this.idom.has(b)) return false;
    if (dominates(this.idom, a, b)) return true;
    for (const [join, split] of this.splitOfJoin) {
      if (join !== b && dominates(this.idom, join, b) && this.onSomeBranch(a, split, join, 0)) return true;
    }
    return false;
  }

  /** Some branch of `split` cannot reach `join` without passing A (possibly inside a nested split). */
  private onSomeBranch(a: string, split: string, join: string, depth: number): boolean {
    if (depth > MAX_NESTING) return false;
    return (this.g.out.get(split) ?? []).some(({ edge }) => this.mustPass(a, edge.to, join, depth));
  }

  private mustPass(a: string, from: string, join: string, depth: number): boolean {
    if (from === a) return true;
    if (!this.reaches(from, join, new Set())) return false;
    if (!this.reaches(from, join, new Set([a]))) return true;
    // A nested split on this branch whose every path runs through its join: A on one of its branches.
    for (const [innerJoin, innerSplit] of this.splitOfJoin) {
      if (innerJoin === join || !this.reaches(from, innerSplit, new Set([join]))) continue;
      if (this.reaches(from, join, new Set([innerJoin]))) continue;
      if (this.onSomeBranch(a, innerSplit, innerJoin, depth + 1)) return true;
    }
    return false;
  }

  private reaches(from: string, to: string, avoid: Set<string>): boolean {
    if (avoid.has(from)) return false;
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const id = stack.pop()!;
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const { edge } of this.g.out.get(id) ?? []) if (!avoid.has(edge.to) && !seen.has(edge.to)) stack.push(edge.to);
    }
    return false;
  }

  private joinOf(splitId: string): string | undefined {
    const paired = this.def.nodes.find((n) => n.kind === 'gateway' && n.gateway === 'parallelJoin' && n.pairedWith === splitId);
    if (paired) return paired.id;
    const reach = reachableFrom(this.g, [splitId]);
    // The nearest join: breadth-first, as the interpreter pairs them.
    const queue = (this.g.out.get(splitId) ?? []).map((e) => e.edge.to);
    const seen = new Set<string>([splitId]);
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id) || !reach.has(id)) continue;
      seen.add(id);
      const n = this.def.nodes.find((x) => x.id === id);
      if (n?.kind === 'gateway' && n.gateway === 'parallelJoin') return id;
      for (const { edge } of this.g.out.get(id) ?? []) queue.push(edge.to);
    }
    return undefined;
  }
}
