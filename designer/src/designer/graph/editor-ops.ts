/**
 * Every designer edit as a pure function EditorDoc → EditorDoc, so the store can keep an undo
 * history of plain snapshots and the unit tests can check edits without a browser.
 */
import type { Edge as DslEdge, Node as DslNode, NodeKind } from '../../../../dsl/schema.js';
import { nodeIn, toFlowEdge, toFlowNode, type DefinitionMeta, type EditorDoc, type FlowEdge, type FlowNode } from './convert.js';
import { createNode, type GatewayType } from './node-defaults.js';

/** First `${prefix}_${n}` not taken. Ids must match the schema's IdSchema (ASCII, letter first). */
export function uniqueId(prefix: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  for (let n = 1; ; n++) {
    const id = `${prefix}_${n}`;
    if (!set.has(id)) return id;
  }
}

export function addNode(
  doc: EditorDoc,
  kind: NodeKind,
  position: { x: number; y: number },
  opts: { gateway?: GatewayType; name: string },
): { doc: EditorDoc; id: string } {
  const id = uniqueId(kind, doc.nodes.map((n) => n.id));
  const node = createNode(kind, id, opts.name, opts.gateway);
  const fn: FlowNode = { ...toFlowNode(node, position), position, selected: true };
  return {
    id,
    doc: { ...doc, nodes: [...doc.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), fn], edges: doc.edges.map((e) => (e.selected ? { ...e, selected: false } : e)) },
  };
}

export function updateNode(doc: EditorDoc, id: string, update: (n: DslNode) => DslNode): EditorDoc {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? { ...n, data: { node: update(n.data.node) } } : n)) };
}

export function updateEdge(doc: EditorDoc, id: string, update: (e: DslEdge) => DslEdge): EditorDoc {
  return {
    ...doc,
    edges: doc.edges.map((e) => {
      if (e.id !== id) return e;
      const next = update(e.data?.edge ?? { id: e.id, from: e.source, to: e.target, default: false });
      return { ...toFlowEdge(next, nodeIn(doc.nodes)), selected: e.selected };
    }),
  };
}

export function updateMeta(doc: EditorDoc, update: (m: DefinitionMeta) => DefinitionMeta): EditorDoc {
  return { ...doc, meta: update(doc.meta) };
}

/** Renames a node and every reference to it (edges, 退回 targets, join pairing). */
export function renameNode(doc: EditorDoc, from: string, to: string): EditorDoc {
  if (from === to || doc.nodes.some((n) => n.id === to)) return doc;
  const ref = (x: string) => (x === from ? to : x);
  const nodes = doc.nodes.map((fn) => {
    let node = fn.data.node;
    if (fn.id === from) node = { ...node, id: to };
    if ('returnTargets' in node && node.returnTargets.includes(from)) node = { ...node, returnTargets: node.returnTargets.map(ref) };
    if (node.kind === 'gateway' && node.pairedWith === from) node = { ...node, pairedWith: to };
    return fn.id === from || node !== fn.data.node ? { ...fn, id: ref(fn.id), data: { node } } : fn;
  });
  const nodeOf = nodeIn(nodes);
  const edges = doc.edges.map((e) =>
    e.source === from || e.target === from
      ? { ...toFlowEdge({ ...(e.data?.edge ?? { id: e.id, from: e.source, to: e.target, default: false }), from: ref(e.source), to: ref(e.target) }, nodeOf), selected: e.selected }
      : e,
  );
  return { ...doc, nodes, edges };
}

/** Deletes nodes and edges; edges touching a deleted node go with it. */
export function deleteElements(doc: EditorDoc, nodeIds: Iterable<string>, edgeIds: Iterable<string>): EditorDoc {
  const nodeSet = new Set(nodeIds);
  const edgeSet = new Set(edgeIds);
  if (nodeSet.size === 0 && edgeSet.size === 0) return doc;
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodeSet.has(n.id)),
    edges: doc.edges.filter((e) => !edgeSet.has(e.id) && !nodeSet.has(e.source) && !nodeSet.has(e.target)),
  };
}

export function deleteSelected(doc: EditorDoc): EditorDoc {
  return deleteElements(
    doc,
    doc.nodes.filter((n) => n.selected).map((n) => n.id),
    doc.edges.filter((e) => e.selected).map((e) => e.id),
  );
}

/** Connects two nodes; a duplicate or a self-loop is refused (returns the doc unchanged). */
export function connect(doc: EditorDoc, source: string, target: string): EditorDoc {
  if (source === target) return doc;
  if (doc.edges.some((e) => e.source === source && e.target === target)) return doc;
  const id = uniqueId('e', doc.edges.map((e) => e.id));
  return { ...doc, edges: [...doc.edges, toFlowEdge({ id, from: source, to: target, default: false }, nodeIn(doc.nodes))] };
}

export interface Clipboard {
  nodes: DslNode[];
  positions: Record<string, { x: number; y: number }>;
  edges: DslEdge[];
}

/** Copies the selected nodes and the edges between them. */
export function copySelection(doc: EditorDoc): Clipboard | undefined {
  const sel = doc.nodes.filter((n) => n.selected);
  if (sel.length === 0) return undefined;
  const ids = new Set(sel.map((n) => n.id));
  return {
    nodes: sel.map((n) => n.data.node),
    positions: Object.fromEntries(sel.map((n) => [n.id, n.position])),
    edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target) && e.data).map((e) => e.data!.edge),
  };
}

/** Pastes with fresh ids, offset so the copies do not hide the originals; the copies end up selected. */
export function paste(doc: EditorDoc, clip: Clipboard, offset = { x: 40, y: 40 }): { doc: EditorDoc; ids: string[] } {
  const taken = new Set(doc.nodes.map((n) => n.id));
  const idMap = new Map<string, string>();
  for (const n of clip.nodes) {
    const id = uniqueId(n.kind, taken);
    taken.add(id);
    idMap.set(n.id, id);
  }
  const newNodes: FlowNode[] = clip.nodes.map((n) => {
    const id = idMap.get(n.id)!;
    const p = clip.positions[n.id] ?? { x: 0, y: 0 };
    let node: DslNode = { ...n, id };
    if ('returnTargets' in node) node = { ...node, returnTargets: node.returnTargets.filter((t) => idMap.has(t)).map((t) => idMap.get(t)!) };
    return { ...toFlowNode(node, { x: p.x + offset.x, y: p.y + offset.y }), selected: true };
  });
  const edgeTaken = new Set(doc.edges.map((e) => e.id));
  const nodeOf = nodeIn(newNodes);
  const newEdges = clip.edges.map((e) => {
    const id = uniqueId('e', edgeTaken);
    edgeTaken.add(id);
    return toFlowEdge({ ...e, id, from: idMap.get(e.from)!, to: idMap.get(e.to)! }, nodeOf);
  });
  return {
    ids: newNodes.map((n) => n.id),
    doc: {
      ...doc,
      nodes: [...doc.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...newNodes],
      edges: [...doc.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...newEdges],
    },
  };
}

export function selectOnly(doc: EditorDoc, id: string | null): EditorDoc {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => ((n.id === id) !== !!n.selected ? { ...n, selected: n.id === id } : n)),
    edges: doc.edges.map((e) => ((e.id === id) !== !!e.selected ? { ...e, selected: e.id === id } : e)),
  };
}

export type { FlowEdge };
