/**
 * What changed between two versions of a definition, by stable node and edge ids, down to the
 * value: each change names its path in the node, edge or definition, the old value and the new.
 * The designer labels paths and formats values (a duration as 15 自然日, a role by its name, a
 * node by its name); this module only compares. Moving a node is not a change of the procedure.
 */
import type { Definition, Edge, Node } from './schema.js';

/** One changed value: `path` inside its node, edge or definition; `from`/`to` undefined when absent on that side. */
export interface ValueChange {
  path: (string | number)[];
  from?: unknown;
  to?: unknown;
}

export interface NodeRef {
  id: string;
  name: string;
  kind: Node['kind'];
}

export interface EdgeRef {
  id: string;
  from: string;
  to: string;
  label?: string;
  outcome?: string;
}

export interface DefinitionDiff {
  nodes: { added: NodeRef[]; removed: NodeRef[]; changed: (NodeRef & { changes: ValueChange[] })[] };
  edges: { added: EdgeRef[]; removed: EdgeRef[]; changed: (EdgeRef & { changes: ValueChange[] })[] };
  /** Changes of the definition's own fields (title, roles, fields, parameters …). */
  meta: ValueChange[];
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Values that read as one thing and are shown whole, not key by key: a duration (15 自然日), an
 * assignment (角色：信访办), a vote rule (> 1/2 × 实到), a clock anchor, a countersign mode.
 */
const ATOMS = new Set(['duration', 'period', 'assignment', 'anchor', 'cap', 'quorum', 'pass', 'countersign', 'maxExtension', 'retry', 'floor']);

/** Differences of two values, descending into objects (not arrays, not atoms) to `depth` levels. */
export function diffValues(a: unknown, b: unknown, path: (string | number)[] = [], depth = 3): ValueChange[] {
  if (same(a, b)) return [];
  if (depth > 0 && isPlain(a) && isPlain(b) && !ATOMS.has(String(path.at(-1)))) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffValues(a[k], b[k], [...path, k], depth - 1));
  }
  return [{ path, ...(a === undefined ? {} : { from: a }), ...(b === undefined ? {} : { to: b }) }];
}

/**
 * Keyed lists (roles, fields, parameters by `key`) compare entry by entry, so a changed default of
 * one parameter reads as that parameter's default, not as the whole list replaced.
 */
function diffKeyed(a: unknown, b: unknown, path: string): ValueChange[] {
  const keyed = (v: unknown) => (Array.isArray(v) && v.every((x) => isPlain(x) && typeof x.key === 'string') ? new Map(v.map((x) => [(x as { key: string }).key, x])) : undefined);
  const ma = keyed(a ?? []);
  const mb = keyed(b ?? []);
  if (!ma || !mb) return diffValues(a, b, [path], 0);
  const keys = [...new Set([...ma.keys(), ...mb.keys()])];
  return keys.flatMap((k) => diffValues(ma.get(k), mb.get(k), [path, k], 1));
}

const nodeRef = (n: Node): NodeRef => ({ id: n.id, name: n.name, kind: n.kind });
const edgeRef = (e: Edge): EdgeRef => ({ id: e.id, from: e.from, to: e.to, ...(e.label ? { label: e.label } : {}), ...(e.outcome ? { outcome: e.outcome } : {}) });

function byId<T extends { id: string }, R>(from: T[], to: T[], ref: (x: T) => R, ignore: string[]) {
  const a = new Map(from.map((x) => [x.id, x]));
  const b = new Map(to.map((x) => [x.id, x]));
  const added = to.filter((x) => !a.has(x.id)).map(ref);
  const removed = from.filter((x) => !b.has(x.id)).map(ref);
  const changed: (R & { changes: ValueChange[] })[] = [];
  for (const y of to) {
    const x = a.get(y.id);
    if (!x) continue;
    const strip = (v: T) => Object.fromEntries(Object.entries(v).filter(([k]) => !ignore.includes(k)));
    const changes = diffValues(strip(x), strip(y));
    if (changes.length) changed.push({ ...ref(y), changes });
  }
  return { added, removed, changed };
}

const META_KEYED = ['roles', 'fields', 'params'] as const;
const META_PLAIN = ['title', 'description', 'category', 'summaryFields', 'starterRoles', 'subjectField'] as const;

export function diffDefinitions(from: Definition, to: Definition): DefinitionDiff {
  const meta = [...META_PLAIN.flatMap((k) => diffValues(from[k], to[k], [k], 0)), ...META_KEYED.flatMap((k) => diffKeyed(from[k], to[k], k))];
  return { nodes: byId(from.nodes, to.nodes, nodeRef, ['position']), edges: byId(from.edges, to.edges, edgeRef, []), meta };
}
