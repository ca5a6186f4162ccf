/**
 * Pure converters between a process definition and the React Flow graph the designer edits.
 * The definition is the truth; the graph adds only what React Flow needs (position, selection).
 * No functions in node data: node components read everything else from the editor store.
 */
import type { Edge as RFEdge, Node as RFNode, NodeHandle, Position } from '@xyflow/react';
import type { Definition, Edge as DslEdge, Node as DslNode, NodeKind } from '../../../../dsl/schema.js';
import { edgeAriaLabel, edgeText } from './edge-text.js';

/** Everything of a definition except its nodes and edges. */
export type DefinitionMeta = Omit<Definition, 'nodes' | 'edges'>;

export type FlowNodeData = { node: DslNode };
export type FlowEdgeData = { edge: DslEdge };
export type FlowNode = RFNode<FlowNodeData, NodeKind>;
export type FlowEdge = RFEdge<FlowEdgeData>;

export interface EditorDoc {
  meta: DefinitionMeta;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** Rendered size of each kind: the layout needs it before React measures anything. */
export const NODE_SIZE: Record<NodeKind, { width: number; height: number }> = {
  start: { width: 56, height: 56 },
  end: { width: 56, height: 56 },
  task: { width: 180, height: 64 },
  vote: { width: 180, height: 64 },
  publicity: { width: 180, height: 64 },
  timer: { width: 140, height: 56 },
  gateway: { width: 64, height: 64 },
  service: { width: 160, height: 56 },
  subprocess: { width: 180, height: 64 },
};

/** The handle is a 14 px dot centred on the node's side (app.css: large enough to grab). */
const HANDLE = 14;

/**
 * Where a node of this kind has its handles before it was ever drawn: target on the left, source
 * on the right (start has no target, end no source). With these and an initial size React Flow
 * can draw edges to nodes it has not rendered and need not render every node once just to measure
 * it, so `onlyRenderVisibleElements` renders only what is on screen from the first frame. The
 * store drops them once the node is measured (then React Flow uses the measured handles).
 */
export function estimatedHandles(kind: NodeKind): NodeHandle[] {
  const { width, height } = NODE_SIZE[kind];
  const y = height / 2 - HANDLE / 2;
  const handles: NodeHandle[] = [];
  if (kind !== 'start') handles.push({ type: 'target', position: 'left' as Position.Left, x: -HANDLE / 2, y, width: HANDLE, height: HANDLE });
  if (kind !== 'end') handles.push({ type: 'source', position: 'right' as Position.Right, x: width - HANDLE / 2, y, width: HANDLE, height: HANDLE });
  return handles;
}

export function toFlowNode(node: DslNode, fallback: { x: number; y: number } = { x: 0, y: 0 }): FlowNode {
  const { position, ...rest } = node;
  const size = NODE_SIZE[node.kind];
  return {
    id: node.id,
    type: node.kind,
    position: position ? { x: position.x, y: position.y } : fallback,
    initialWidth: size.width,
    initialHeight: size.height,
    handles: estimatedHandles(node.kind),
    data: { node: rest as DslNode },
  };
}

/** `nodeOf` names the ends: the edge's words come from its source (edge-text.ts). */
export function toFlowEdge(edge: DslEdge, nodeOf: (id: string) => DslNode | undefined = () => undefined): FlowEdge {
  const source = nodeOf(edge.from);
  const label = edgeText(edge, source);
  return {
    id: edge.id,
    source: edge.from,
    target: edge.to,
    ...(label ? { label } : {}),
    ariaLabel: edgeAriaLabel(source, nodeOf(edge.to)),
    data: { edge },
  };
}

/** Looks a node up by id in an editor document (for toFlowEdge). */
export function nodeIn(nodes: readonly FlowNode[]): (id: string) => DslNode | undefined {
  const byId = new Map(nodes.map((n) => [n.id, n.data.node]));
  return (id) => byId.get(id);
}

export interface FlowFromDefinition extends EditorDoc {
  /** True when some node had no stored position: the caller should run the automatic layout. */
  missingPositions: boolean;
}

export function definitionToFlow(def: Definition): FlowFromDefinition {
  const { nodes, edges, ...meta } = def;
  let missingPositions = false;
  const flowNodes = nodes.map((n, i) => {
    if (!n.position) missingPositions = true;
    // Until the layout runs, lay missing nodes out in a row so nothing overlaps.
    return toFlowNode(n, { x: i * 220, y: 0 });
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return { meta, nodes: flowNodes, edges: edges.map((e) => toFlowEdge(e, (id) => byId.get(id))), missingPositions };
}

/** Positions are stored rounded: sub-pixel drag noise would otherwise show up in every diff. */
export function flowToDefinition(doc: EditorDoc): Definition {
  const nodes = doc.nodes.map((fn) => {
    const node = fn.data.node;
    return { ...node, id: fn.id, position: { x: Math.round(fn.position.x), y: Math.round(fn.position.y) } } as DslNode;
  });
  const edges = doc.edges.map((fe) => {
    const e = fe.data?.edge;
    const base: DslEdge = e ?? { id: fe.id, from: fe.source, to: fe.target, default: false };
    return { ...base, id: fe.id, from: fe.source, to: fe.target };
  });
  return { ...doc.meta, nodes, edges } as Definition;
}
