/**
 * Finding a node of a large procedure: by its name, its id, its stage or the role that works on
 * it (key or name), ranked so the best match comes first; and the outline — the nodes by stage,
 * in the order a case meets them. Pure functions of the definition, tested without a browser.
 */
import type { Definition, Node as DslNode } from '../../../../dsl/schema.js';

export interface NodeHit {
  id: string;
  name: string;
  kind: DslNode['kind'];
  /** What matched, for the result list: the node's name, id, stage or role. */
  matched: 'name' | 'id' | 'stage' | 'role';
  /** The role working on the node (its name when declared), if any. */
  role?: string;
  stage?: string;
}

/** The role of a human node's assignment, if it names one. */
export function nodeRole(node: DslNode): string | undefined {
  if (node.kind !== 'task' && node.kind !== 'vote' && node.kind !== 'publicity') return undefined;
  return node.assignment.type === 'role' ? node.assignment.role : undefined;
}

const norm = (s: string) => s.trim().toLowerCase();

/** Nodes matching `query`, best first: exact name, name prefix, name, id, stage, role. At most `limit`. */
export function searchNodes(def: Pick<Definition, 'nodes' | 'roles'>, query: string, limit = 12): NodeHit[] {
  const q = norm(query);
  if (!q) return [];
  const roleName = new Map(def.roles.map((r) => [r.key, r.name]));
  const scored: { hit: NodeHit; score: number; order: number }[] = [];
  def.nodes.forEach((n, order) => {
    const name = norm(n.name);
    const role = nodeRole(n);
    const roleLabel = role ? (roleName.get(role) ?? role) : undefined;
    let score = 0;
    let matched: NodeHit['matched'] = 'name';
    if (name === q) score = 100;
    else if (name.startsWith(q)) score = 80;
    else if (name.includes(q)) score = 60;
    else if (norm(n.id) === q) [score, matched] = [55, 'id'];
    else if (norm(n.id).includes(q)) [score, matched] = [40, 'id'];
    else if (n.stage && norm(n.stage).includes(q)) [score, matched] = [30, 'stage'];
    else if (role && (norm(role).includes(q) || norm(roleLabel ?? '').includes(q))) [score, matched] = [20, 'role'];
    if (score === 0) return;
    scored.push({ hit: { id: n.id, name: n.name, kind: n.kind, matched, ...(roleLabel ? { role: roleLabel } : {}), ...(n.stage ? { stage: n.stage } : {}) }, score, order });
  });
  return scored
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((s) => s.hit);
}

export interface OutlineStage {
  /** The stage's label; undefined for nodes without a stage. */
  stage?: string;
  nodes: DslNode[];
}

/**
 * The nodes in the order a case meets them (breadth-first from the start along the edges; nodes
 * it cannot reach last, in their drawing order), grouped by stage in order of first appearance.
 */
export function outline(def: Pick<Definition, 'nodes' | 'edges'>): OutlineStage[] {
  const byId = new Map(def.nodes.map((n) => [n.id, n]));
  const next = new Map<string, string[]>();
  for (const e of def.edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const order: DslNode[] = [];
  const seen = new Set<string>();
  const queue = def.nodes.filter((n) => n.kind === 'start').map((n) => n.id);
  for (const id of queue) seen.add(id);
  while (queue.length) {
    const id = queue.shift()!;
    const n = byId.get(id);
    if (n) order.push(n);
    for (const t of next.get(id) ?? []) {
      if (seen.has(t) || !byId.has(t)) continue;
      seen.add(t);
      queue.push(t);
    }
  }
  for (const n of def.nodes) if (!seen.has(n.id)) order.push(n);
  const stages: OutlineStage[] = [];
  const index = new Map<string, OutlineStage>();
  for (const n of order) {
    const key = n.stage ?? '';
    let group = index.get(key);
    if (!group) {
      group = { ...(n.stage ? { stage: n.stage } : {}), nodes: [] };
      index.set(key, group);
      stages.push(group);
    }
    group.nodes.push(n);
  }
  return stages;
}
