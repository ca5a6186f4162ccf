import { describe, expect, it } from 'vitest';
import type { Definition } from '../../../dsl/schema.js';
import { definitionToFlow, type FlowNode } from '../../../designer/src/designer/graph/convert.js';
import { firstView, fitAllViewport, nodeBox, READABLE_ZOOM, startNeighbourhood, type Size, type Viewport } from '../../../designer/src/designer/graph/initial-view.js';

const canvas: Size = { width: 1100, height: 800 };

/** start → n tasks → end in one row, 240 px apart (as the built-in procedures are drawn). */
function row(n: number, y = 0): Definition {
  const nodes: Definition['nodes'] = [{ id: 'start', kind: 'start', name: '开始', position: { x: 0, y } }];
  const edges: Definition['edges'] = [];
  let prev = 'start';
  for (let i = 1; i <= n; i++) {
    nodes.push({ id: `t${i}`, kind: 'task', name: `第${i}步`, assignment: { type: 'initiator' }, position: { x: i * 240, y } } as Definition['nodes'][number]);
    edges.push({ id: `e${i}`, from: prev, to: `t${i}`, default: false });
    prev = `t${i}`;
  }
  nodes.push({ id: 'end', kind: 'end', name: '结束', outcome: 'done', position: { x: (n + 1) * 240, y } } as Definition['nodes'][number]);
  edges.push({ id: `e${n + 1}`, from: prev, to: 'end', default: false });
  return { key: 'row', version: 1, schemaVersion: 2, title: '一行', roles: [], fields: [], params: [], summaryFields: [], nodes, edges } as unknown as Definition;
}

/** Where a node's box lands on screen under a viewport. */
function onScreen(n: FlowNode, v: Viewport) {
  const b = nodeBox(n);
  return { left: b.x * v.zoom + v.x, top: b.y * v.zoom + v.y, right: (b.x + b.width) * v.zoom + v.x, bottom: (b.y + b.height) * v.zoom + v.y };
}

function inside(n: FlowNode, v: Viewport, size: Size): boolean {
  const s = onScreen(n, v);
  return s.left >= 0 && s.top >= 0 && s.right <= size.width && s.bottom <= size.height;
}

describe('the view a definition opens at', () => {
  it('a small procedure opens whole, never magnified beyond 1:1', () => {
    const doc = definitionToFlow(row(2));
    const view = firstView(doc, canvas);
    expect(view.mode).toBe('all');
    expect(view.viewport.zoom).toBe(1);
    for (const n of doc.nodes) expect(inside(n, view.viewport, canvas)).toBe(true);
  });

  it('a 40-step procedure opens readable (zoom ≥ 0.8) at its start node, not shrunk to fit', () => {
    const doc = definitionToFlow(row(40));
    const view = firstView(doc, canvas);
    expect(view.mode).toBe('start');
    expect(view.viewport.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    const start = doc.nodes.find((n) => n.id === 'start')!;
    expect(inside(start, view.viewport, canvas)).toBe(true);
    // The start sits at the left edge and the flow runs on to the right: the next steps are visible too.
    expect(onScreen(start, view.viewport).left).toBeLessThan(100);
    expect(['t1', 't2', 't3'].every((id) => inside(doc.nodes.find((n) => n.id === id)!, view.viewport, canvas))).toBe(true);
    expect(inside(doc.nodes.find((n) => n.id === 'end')!, view.viewport, canvas)).toBe(false);
  });

  it('fitting the whole of that procedure (全图) would be unreadable, which is why it is not the first view', () => {
    const doc = definitionToFlow(row(40));
    const all = fitAllViewport(doc.nodes, canvas);
    expect(all.zoom).toBeLessThan(READABLE_ZOOM);
    for (const n of doc.nodes) expect(inside(n, all, canvas)).toBe(true);
  });

  it('the start neighbourhood follows the edges from the start node, not the drawing order', () => {
    const def = row(30);
    // The nodes listed backwards: the neighbourhood must still begin at 开始 and follow the flow.
    const doc = definitionToFlow({ ...def, nodes: [...def.nodes].reverse() });
    const near = startNeighbourhood(doc.nodes, doc.edges, canvas).map((n) => n.id);
    expect(near[0]).toBe('start');
    expect(near.slice(0, 4)).toEqual(['start', 't1', 't2', 't3']);
    expect(near).not.toContain('end');
  });

  it('a draft without a start node opens at its leftmost node', () => {
    const def = row(30);
    const doc = definitionToFlow({ ...def, nodes: def.nodes.filter((n) => n.id !== 'start'), edges: def.edges.filter((e) => e.from !== 'start') });
    const view = firstView(doc, canvas);
    expect(view.mode).toBe('start');
    expect(inside(doc.nodes.find((n) => n.id === 't1')!, view.viewport, canvas)).toBe(true);
  });

  it('an empty draft opens at the origin, 1:1', () => {
    const doc = definitionToFlow({ ...row(1), nodes: [], edges: [] });
    expect(firstView(doc, canvas)).toEqual({ mode: 'all', viewport: { x: 0, y: 0, zoom: 1 } });
  });
});

describe('the start neighbourhood skips what is drawn far away', () => {
  it('a branch drawn at the far end of the sheet (撤回) does not stop the view at the second step', () => {
    const def = row(30);
    // t1 also leads to a withdrawal node drawn far to the right: the view still shows t2, t3 …
    def.nodes.push({ id: 'withdraw', kind: 'end', name: '事项撤回', outcome: 'withdrawn', position: { x: 6000, y: 600 } } as Definition['nodes'][number]);
    def.edges.splice(1, 0, { id: 'ew', from: 't1', to: 'withdraw', default: false } as Definition['edges'][number]);
    const doc = definitionToFlow(def);
    const near = startNeighbourhood(doc.nodes, doc.edges, canvas).map((n) => n.id);
    expect(near).toEqual(expect.arrayContaining(['start', 't1', 't2', 't3']));
    expect(near).not.toContain('withdraw');
  });
});

describe('the first screenful of a built-in procedure', () => {
  it('信访 (44 nodes) opens readable on its first columns with every node there in view, not on 开始 alone', async () => {
    const { loadBuiltinProcedure } = await import('../../../procedures/index.js');
    const doc = definitionToFlow(loadBuiltinProcedure('xinfang'));
    const view = firstView(doc, canvas);
    expect(view.mode).toBe('start');
    expect(view.viewport.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    const visible = doc.nodes.filter((n) => inside(n, view.viewport, canvas)).map((n) => n.id);
    expect(visible).toContain('start');
    // Every node whose column is on screen is on screen: the band of rows is the fullest one.
    const right = (canvas.width - view.viewport.x) / view.viewport.zoom;
    const inColumns = doc.nodes.filter((n) => nodeBox(n).x + nodeBox(n).width <= right);
    expect(visible.length).toBeGreaterThanOrEqual(inColumns.length - 1);
    expect(visible.length).toBeGreaterThanOrEqual(5);
  });
});
