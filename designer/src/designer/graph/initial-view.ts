/**
 * Where the canvas looks when a definition opens. A clerk must be able to read the node names at
 * once, so the whole graph is fitted only when it fits at a readable zoom; otherwise the view
 * shows the start node and the steps after it at a readable zoom, and 全图 fits everything.
 * Pure functions of node boxes and the canvas size: no measuring, so the first frame is right.
 */
import { NODE_SIZE, type FlowEdge, type FlowNode } from './convert.js';

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Below this the 13 px node names are too small to read (≈ 10 px on screen). */
export const READABLE_ZOOM = 0.8;
/** Never magnify beyond 1:1 when fitting: a three-node graph should not fill the screen. */
export const FIT_MAX_ZOOM = 1;
/** At the start node, a little below 1:1: names stay readable and more of the flow shows. */
export const START_MAX_ZOOM = 0.9;
export const FIT_MIN_ZOOM = 0.05;
export const VIEW_PADDING = 56;

/** The node's box: its measured size once drawn, the size of its kind before. */
export function nodeBox(n: Pick<FlowNode, 'position' | 'measured' | 'initialWidth' | 'initialHeight' | 'type'>): Box {
  const fallback = n.type ? NODE_SIZE[n.type] : { width: 0, height: 0 };
  return {
    x: n.position.x,
    y: n.position.y,
    width: n.measured?.width ?? n.initialWidth ?? fallback.width,
    height: n.measured?.height ?? n.initialHeight ?? fallback.height,
  };
}

export function boundsOf(boxes: Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const b of boxes) {
    x1 = Math.min(x1, b.x);
    y1 = Math.min(y1, b.y);
    x2 = Math.max(x2, b.x + b.width);
    y2 = Math.max(y2, b.y + b.height);
  }
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/** The largest zoom at which the box fits inside the canvas with padding on every side. */
export function zoomToFit(box: Box, size: Size, padding = VIEW_PADDING): number {
  const w = Math.max(1, size.width - 2 * padding);
  const h = Math.max(1, size.height - 2 * padding);
  return Math.min(w / Math.max(1, box.width), h / Math.max(1, box.height));
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** The box centred in the canvas at `zoom`. */
export function centredOn(box: Box, size: Size, zoom: number): Viewport {
  return { x: size.width / 2 - (box.x + box.width / 2) * zoom, y: size.height / 2 - (box.y + box.height / 2) * zoom, zoom };
}

/** 全图: every node in view, never magnified beyond 1:1. */
export function fitAllViewport(nodes: FlowNode[], size: Size): Viewport {
  const box = boundsOf(nodes.map(nodeBox));
  if (!box) return { x: 0, y: 0, zoom: 1 };
  return centredOn(box, size, clamp(zoomToFit(box, size), FIT_MIN_ZOOM, FIT_MAX_ZOOM));
}

/**
 * The start node's neighbourhood: nodes in breadth-first order from the start node(s) along the
 * edges, each taken when the common box still fits the canvas at the readable zoom. A node that
 * would not fit (a branch drawn far away, e.g. 撤回 at the end of the sheet) is left out and not
 * followed, but the search goes on with the nodes near it.
 */
export function startNeighbourhood(nodes: FlowNode[], edges: Pick<FlowEdge, 'source' | 'target'>[], size: Size): FlowNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    const list = next.get(e.source) ?? [];
    list.push(e.target);
    next.set(e.source, list);
  }
  const starts = nodes.filter((n) => n.type === 'start');
  // No start node (a half-drawn draft): begin at the node furthest left, then top.
  const roots = starts.length ? starts : [...nodes].sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y).slice(0, 1);
  const picked: FlowNode[] = [];
  const seen = new Set<string>();
  const queue = roots.map((n) => n.id);
  for (const id of queue) seen.add(id);
  let box: Box | undefined;
  while (queue.length > 0) {
    const id = queue.shift()!;
    const n = byId.get(id)!;
    const grown = boundsOf(box ? [box, nodeBox(n)] : [nodeBox(n)])!;
    if (picked.length > 0 && zoomToFit(grown, size) < READABLE_ZOOM) continue;
    picked.push(n);
    box = grown;
    for (const t of next.get(id) ?? []) {
      if (seen.has(t)) continue;
      seen.add(t);
      queue.push(t);
    }
  }
  return picked;
}

export type FirstView = { mode: 'all' | 'start'; viewport: Viewport };

/**
 * The view a definition opens at: the whole graph when it fits at a readable zoom, else the start
 * node and what follows it, readable, with the flow running on to the right of the screen.
 */
export function firstView(doc: { nodes: FlowNode[]; edges: Pick<FlowEdge, 'source' | 'target'>[] }, size: Size): FirstView {
  const all = boundsOf(doc.nodes.map(nodeBox));
  if (!all) return { mode: 'all', viewport: { x: 0, y: 0, zoom: 1 } };
  if (zoomToFit(all, size) >= READABLE_ZOOM) return { mode: 'all', viewport: fitAllViewport(doc.nodes, size) };
  const near = boundsOf(startNeighbourhood(doc.nodes, doc.edges, size).map(nodeBox))!;
  const zoom = clamp(zoomToFit(near, size), READABLE_ZOOM, START_MAX_ZOOM);
  const centred = centredOn(near, size, zoom);
  // Left-align the neighbourhood (a procedure reads left to right), keep it centred vertically.
  return { mode: 'start', viewport: { ...centred, x: VIEW_PADDING - near.x * zoom } };
}
