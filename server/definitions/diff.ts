/** What changed between two versions of a definition, by stable node and edge ids. */
import type { Definition } from '../../dsl/schema.js';

export interface DefinitionDiff {
  nodes: { added: string[]; removed: string[]; changed: { id: string; fields: string[] }[] };
  edges: { added: string[]; removed: string[]; changed: { id: string; fields: string[] }[] };
  meta: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function diffById<T extends { id: string }>(from: T[], to: T[], ignore: string[] = []) {
  const a = new Map(from.map((x) => [x.id, x]));
  const b = new Map(to.map((x) => [x.id, x]));
  const added = [...b.keys()].filter((id) => !a.has(id));
  const removed = [...a.keys()].filter((id) => !b.has(id));
  const changed: { id: string; fields: string[] }[] = [];
  for (const [id, x] of a) {
    const y = b.get(id);
    if (!y) continue;
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    const fields = [...keys].filter((k) => !ignore.includes(k) && !same((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k])).sort();
    if (fields.length) changed.push({ id, fields });
  }
  return { added, removed, changed };
}

export function diffDefinitions(from: Definition, to: Definition): DefinitionDiff {
  const meta = (['title', 'description', 'category', 'roles', 'fields', 'params', 'summaryFields'] as const).filter((k) => !same(from[k], to[k]));
  // Moving a node in the designer is not a change of the procedure.
  return { nodes: diffById(from.nodes, to.nodes, ['position']), edges: diffById(from.edges, to.edges), meta };
}
