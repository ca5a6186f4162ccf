/**
 * Where the canvas looks when a definition opens. A clerk must be able to read the node names at
 * once, so the whole graph is fitted only when it fits at a readable zoom; otherwise the view
 * shows the first screenful from the start node at a readable zoom, and 全图 fits everything.
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
 * The first screenful of a graph too large to read whole: the leftmost columns (a procedure reads
 * left to right, from its start) at the largest zoom between READABLE_ZOOM and START_MAX_ZOOM that
 * fits every row, else at READABLE_ZOOM with the band of rows that holds the most nodes — always
 * one holding the start node. So a 44-node 信访 opens on a screen full of its first steps and their
 * branches, not on the start node and the empty sheet around it.
 */
export function firstScreenful(doc: { nodes: FlowNode[]; edges: Pick<FlowEdge, 'source' | 'target'>[] }, size: Size): Viewport {
  const boxes = doc.nodes.map((n) => ({ id: n.id, start: n.type === 'start', b: nodeBox(n) }));
  const all = boundsOf(boxes.map((x) => x.b))!;
  const zoom = clamp(zoomToFit({ ...all, width: 1 }, size), READABLE_ZOOM, START_MAX_ZOOM);
  const viewW = Math.max(1, size.width - 2 * VIEW_PADDING) / zoom;
  const viewH = Math.max(1, size.height - 2 * VIEW_PADDING) / zoom;
  const starts = boxes.filter((x) => x.start);
  // A draft without a start node begins at its leftmost node.
  const left = starts.length ? Math.min(all.x, ...starts.map((x) => x.b.x)) : all.x;
  const columns = boxes.filter((x) => x.b.x + x.b.width <= left + viewW);
  const anchor = (starts[0] ?? [...boxes].sort((a, b) => a.b.x - b.b.x || a.b.y - b.b.y)[0])!.b;
  // Candidate bands begin at a node's top; a band must hold the anchor; the fullest band wins, then the one nearest the anchor.
  let best = { top: anchor.y, count: -1 };
  for (const c of columns) {
    const top = c.b.y;
    if (anchor.y < top || anchor.y + anchor.height > top + viewH) continue;
    const count = columns.filter((x) => x.b.y >= top && x.b.y + x.b.height <= top + viewH).length;
    if (count > best.count || (count === best.count && Math.abs(top - anchor.y) < Math.abs(best.top - anchor.y))) best = { top, count };
  }
  // Centre the band's nodes vertically when they take less than the screen.
  const inBand = columns.filter((x) => x.b.y >= best.top && x.b.y + x.b.height <= best.top + viewH).map((x) => x.b);
  const band = boundsOf(inBand.length ? inBand : [anchor])!;
  const y = size.height / 2 - (band.y + band.height / 2) * zoom;
  return { x: VIEW_PADDING - left * zoom, y, zoom };
}

/**
 * The view a definition opens at: the whole graph when it fits at a readable zoom, else its first
 * screenful, readable, with the flow running on to the right of the screen.
 */
export function firstView(doc: { nodes: FlowNode[]; edges: Pick<FlowEdge, 'source' | 'target'>[] }, size: Size): FirstView {
  const all = boundsOf(doc.nodes.map(nodeBox));
  if (!all) return { mode: 'all', viewport: { x: 0, y: 0, zoom: 1 } };
  if (zoomToFit(all, size) >= READABLE_ZOOM) return { mode: 'all', viewport: fitAllViewport(doc.nodes, size) };
  return { mode: 'start', viewport: firstScreenful(doc, size) };
}
