/**
 * Automatic layout with elkjs: layered, left to right, the way a clerk reads a procedure.
 * Returns new positions only; applying them is an ordinary edit (so it can be undone).
 */
import type { ELK as ElkApi } from 'elkjs/lib/elk-api.js';
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
  const instance = new Elk({ workerUrl });
  // One tiny layout compiles the algorithm in the worker, so the first real one runs warm.
  await instance.layout({ id: 'warm', children: [{ id: 'a', width: 10, height: 10 }, { id: 'b', width: 10, height: 10 }], edges: [{ id: 'ab', sources: ['a'], targets: ['b'] }], layoutOptions: { 'elk.algorithm': 'layered' } });
  return instance;
}

/** Starts loading elk without waiting for it (errors surface on the first real layout). */
export function preloadElk(): void {
  void elk().catch(() => undefined);
}

/** Graphs larger than this are wrapped into rows. */
export const WRAP_ABOVE = 40;

export type Positions = Record<string, { x: number; y: number }>;

export async function layoutPositions(doc: Pick<EditorDoc, 'nodes' | 'edges'>): Promise<Positions> {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const graph = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
      // A long procedure folds into rows instead of one strip hundreds of screens wide.
      ...(doc.nodes.length > WRAP_ABOVE ? { 'elk.layered.wrapping.strategy': 'MULTI_EDGE', 'elk.aspectRatio': '1.6' } : {}),
    },
    children: doc.nodes.map((n) => ({ id: n.id, ...NODE_SIZE[n.data.node.kind] })),
    edges: doc.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const out = await (await elk()).layout(graph);
  const positions: Positions = {};
  for (const c of out.children ?? []) positions[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
  return positions;
}

export function applyPositions(doc: EditorDoc, positions: Positions): EditorDoc {
  return { ...doc, nodes: doc.nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id]! } : n)) };
}
