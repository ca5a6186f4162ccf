import { describe, expect, it } from 'vitest';
import type { Definition } from '../../../dsl/schema.js';
import { definitionToFlow, NODE_SIZE } from '../../../designer/src/designer/graph/convert.js';
import { keepMeasurements, useEditor } from '../../../designer/src/designer/graph/editor-store.js';

const def = {
  key: 'mini',
  version: 1,
  schemaVersion: 2,
  title: '小流程',
  roles: [],
  fields: [],
  params: [],
  summaryFields: [],
  nodes: [
    { id: 'start', kind: 'start', name: '开始', position: { x: 0, y: 0 } },
    { id: 'a', kind: 'task', name: '提议', assignment: { type: 'initiator' }, position: { x: 200, y: 0 } },
    { id: 'end', kind: 'end', name: '结束', outcome: 'done', position: { x: 400, y: 0 } },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'a', default: false },
    { id: 'e2', from: 'a', to: 'end', default: false },
  ],
} as unknown as Definition;

describe('nodes carry a size and handles before React Flow has drawn them', () => {
  it('every node has its kind’s size and handles where it draws them: target left, source right', () => {
    const { nodes } = definitionToFlow(def);
    const a = nodes.find((n) => n.id === 'a')!;
    expect([a.initialWidth, a.initialHeight]).toEqual([NODE_SIZE.task.width, NODE_SIZE.task.height]);
    expect(a.handles!.map((h) => [h.type, h.position])).toEqual([
      ['target', 'left'],
      ['source', 'right'],
    ]);
    // A source handle sits on the right edge, vertically centred.
    const src = a.handles!.find((h) => h.type === 'source')!;
    expect(src.x + (src.width ?? 0) / 2).toBe(NODE_SIZE.task.width);
    expect(src.y + (src.height ?? 0) / 2).toBe(NODE_SIZE.task.height / 2);
    // Nothing flows into the start or out of the end.
    expect(nodes.find((n) => n.id === 'start')!.handles!.map((h) => h.type)).toEqual(['source']);
    expect(nodes.find((n) => n.id === 'end')!.handles!.map((h) => h.type)).toEqual(['target']);
  });

  it('once React Flow has measured a node the estimate is dropped, so the measured handles count', () => {
    useEditor.getState().load(def, { readOnly: false });
    useEditor.getState().onNodesChange([{ id: 'a', type: 'dimensions', dimensions: { width: 163, height: 58 } }]);
    const nodes = useEditor.getState().doc.nodes;
    expect(nodes.find((n) => n.id === 'a')!.handles).toBeUndefined();
    expect(nodes.find((n) => n.id === 'a')!.measured).toEqual({ width: 163, height: 58 });
    // A measuring pass is not an edit.
    expect(useEditor.getState().dirty).toBe(false);
    expect(nodes.find((n) => n.id === 'start')!.handles).toBeDefined();
  });

  it('undo to a snapshot taken before the node was measured keeps the measurement (the node is still on screen)', () => {
    const store = useEditor.getState();
    store.load(def, { readOnly: false });
    // Renamed before React Flow measured it; measured afterwards; then the rename is undone.
    store.commit((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'a' ? { ...n, data: { node: { ...n.data.node, name: '村党组织提议' } } } : n)) }));
    useEditor.getState().onNodesChange([{ id: 'a', type: 'dimensions', dimensions: { width: 163, height: 58 } }]);
    useEditor.getState().undo();
    const a = useEditor.getState().doc.nodes.find((n) => n.id === 'a')!;
    expect(a.data.node.name).toBe('提议');
    expect(a.handles).toBeUndefined();
    expect(a.measured).toEqual({ width: 163, height: 58 });
  });

  it('keepMeasurements leaves nodes that were never measured as they are', () => {
    const before = definitionToFlow(def);
    const restored = keepMeasurements(before, definitionToFlow(def));
    expect(restored).toBe(before);
  });
});
