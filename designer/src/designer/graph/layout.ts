/**
 * Automatic layout with elkjs: layered, left to right, the way a clerk reads a procedure.
 * Returns new positions only; applying them is an ordinary edit (so it can be undone).
 */
import type { ELK as ElkApi, ElkNode } from 'elkjs/lib/elk-api.js';
import type { NodeKind } from '../../../../dsl/schema.js';
import { NODE_SIZE, type EditorDoc } from './convert.js';

// elkjs is large (1.6 MB): in the browser it runs in a Web Worker (elk-worker.min.js, loaded as a
// plain asset), so neither loading it nor laying out blocks the page; `preloadElk` starts the
// worker while the designer is idle, so the first 自动布局 does not pay the load. Without Web
// Workers (Node: the benchmark, unit tests) the bundled build runs in-process.
let elkPromise: Promise<ElkApi> | undefined;
function elk(): Promise<ElkApi> {
  elkPromise ??= (typeof Worker === 'undefined' ? import('elkjs/lib/elk.bundled.js').then((m) => new m.default()) : elkInWorker()).catch((err: unknown) => {
    elkPromise = undefined;
    throw err;
  });
  return elkPromise;
}

async function elkInWorker(): Promise<ElkApi> {
  const [{ default: Elk }, { default: workerUrl }] = await Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]);
  // Only the layered algorithm is used: registering all nine (elk's default) costs the worker time.
  return new Elk({ workerUrl, algorithms: ['layered'] });
}

let warming: Promise<unknown> | undefined;
/**
 * Loads elk and lays out a practice graph without waiting (errors surface on the first real
 * layout). elk is compiled Java: its first layout runs mostly in the interpreter, about twice as
 * slow as later ones, and a two-node graph does not warm the code a real procedure takes. Only a
 * preload warms: a 自动布局 that has to load elk itself lays out at once.
 */
export function preloadElk(): void {
  warming ??= elk()
    .then((e) => e.layout(elkGraph(practiceGraph())))
    .catch(() => undefined);
}

/** A procedure-like graph (steps, branches that rejoin) a little above WRAP_ABOVE, for warming elk. */
export function practiceGraph(size = 2 * WRAP_ABOVE): LayoutGraph {
  const nodes: LayoutGraph['nodes'] = [{ id: 's', kind: 'start' }];
  const edges: LayoutGraph['edges'] = [];
  let prev = 's';
  for (let i = 1; nodes.length < size; i++) {
    const id = `n${i}`;
    const kind = i % 8 === 0 ? 'gateway' : 'task';
    nodes.push({ id, kind });
    edges.push({ id: `e${i}`, source: prev, target: id });
    if (kind === 'gateway') edges.push({ id: `b${i}`, source: id, target: `n${i + 3}` });
    prev = id;
  }
  return { nodes, edges: edges.filter((e) => nodes.some((n) => n.id === e.target)) };
}

/** Graphs larger than this are wrapped into rows. */
export const WRAP_ABOVE = 40;

export type Positions = Record<string, { x: number; y: number }>;

/** What the layout needs of a graph: node kinds (for their sizes) and the edges. */
export interface LayoutGraph {
  nodes: { id: string; kind: NodeKind }[];
  edges: { id: string; source: string; target: string }[];
}

function elkGraph(g: LayoutGraph): ElkNode {
  const ids = new Set(g.nodes.map((n) => n.id));
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
      // A long procedure folds into rows instead of one strip hundreds of screens wide.
      ...(g.nodes.length > WRAP_ABOVE ? { 'elk.layered.wrapping.strategy': 'MULTI_EDGE', 'elk.aspectRatio': '1.6' } : {}),
    },
    children: g.nodes.map((n) => ({ id: n.id, ...NODE_SIZE[n.kind] })),
    edges: g.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

export async function layoutPositions(doc: Pick<EditorDoc, 'nodes' | 'edges'>): Promise<Positions> {
  const graph = elkGraph({ nodes: doc.nodes.map((n) => ({ id: n.id, kind: n.data.node.kind })), edges: doc.edges });
  const out = await (await elk()).layout(graph);
  const positions: Positions = {};
  for (const c of out.children ?? []) positions[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
  return positions;
}

export function applyPositions(doc: EditorDoc, positions: Positions): EditorDoc {
  return { ...doc, nodes: doc.nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id]! } : n)) };
}
