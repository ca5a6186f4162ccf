import { describe, expect, it } from 'vitest';
import { DefinitionSchema, type Definition } from '../../dsl/schema.js';
import { definitionToFlow, flowToDefinition } from '../../designer/src/designer/graph/convert.js';
import { edgeAriaLabel, edgeText } from '../../designer/src/designer/graph/edge-text.js';
import { addNode, connect, copySelection, deleteElements, paste, renameNode, selectOnly, updateEdge, updateNode } from '../../designer/src/designer/graph/editor-ops.js';
import { fieldMessages, indexIssues } from '../../designer/src/designer/graph/issues-map.js';

const def: Definition = DefinitionSchema.parse({
  key: 'mini',
  version: 1,
  schemaVersion: 2,
  title: '小流程',
  roles: [{ key: 'VIL_SEC', name: '村党组织书记' }],
  fields: [{ key: 'matter', label: '事项', type: 'text' }],
  nodes: [
    { id: 'start', kind: 'start', name: '开始', position: { x: 0, y: 0 } },
    { id: 'propose', kind: 'task', name: '提议', assignment: { type: 'role', role: 'VIL_SEC' }, position: { x: 200, y: 0 } },
    { id: 'end', kind: 'end', name: '结束', outcome: 'adopted', position: { x: 400.4, y: 0.6 } },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'propose' },
    { id: 'e2', from: 'propose', to: 'end', outcome: 'complete' },
  ],
});

describe('definition ⇄ React Flow graph', () => {
  it('a definition survives the round trip through the graph unchanged (positions rounded)', () => {
    const flow = definitionToFlow(def);
    const back = flowToDefinition(flow);
    const expected = structuredClone(def);
    expected.nodes[2]!.position = { x: 400, y: 1 };
    expect(back).toEqual(expected);
    expect(DefinitionSchema.safeParse(back).success).toBe(true);
  });

  it('nodes become React Flow nodes typed by kind and an edge says the button that takes it, never the outcome code', () => {
    const flow = definitionToFlow(def);
    expect(flow.nodes.map((n) => [n.id, n.type])).toEqual([
      ['start', 'start'],
      ['propose', 'task'],
      ['end', 'end'],
    ]);
    expect(flow.edges[1]).toMatchObject({ source: 'propose', target: 'end', label: '完成', ariaLabel: '连线：提议 → 结束' });
    const objections = { id: 'x', from: 'p', to: 'end', default: false, outcome: 'objections' };
    expect(edgeText(objections, { id: 'p', kind: 'publicity', name: '公示' } as Definition['nodes'][number])).toBe('有异议');
    expect(edgeText(objections)).toBe('按办理结果');
    // On an English page the engine's words are English; a task's action label is the definition's own and stays.
    const publicity = { id: 'p', kind: 'publicity', name: '公示' } as Definition['nodes'][number];
    expect(edgeText(objections, publicity, 'en')).toBe('Objections');
    expect(edgeText(objections, undefined, 'en')).toBe('By outcome');
    expect(edgeText({ id: 'd', from: 'a', to: 'b', default: true }, undefined, 'en')).toBe('Default');
    expect(edgeText(def.edges[1]!, def.nodes[1], 'en')).toBe('完成');
    expect(edgeAriaLabel(def.nodes[1], def.nodes[2], 'en')).toBe('Edge: 提议 → 结束');
    expect(flow.missingPositions).toBe(false);
  });

  it('a definition without positions asks for automatic layout and its nodes do not overlap meanwhile', () => {
    const bare = { ...def, nodes: def.nodes.map(({ position: _p, ...n }) => n) } as Definition;
    const flow = definitionToFlow(bare);
    expect(flow.missingPositions).toBe(true);
    expect(new Set(flow.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(3);
  });

  it('node data holds only plain values, no functions (React Flow clones and compares it)', () => {
    const flow = definitionToFlow(def);
    expect(JSON.parse(JSON.stringify(flow.nodes.map((n) => n.data)))).toEqual(flow.nodes.map((n) => n.data));
  });
});

describe('designer edits are pure functions', () => {
  const doc = () => definitionToFlow(def);

  it('adding a task gives it a fresh id, schema defaults, and selects it', () => {
    const { doc: next, id } = addNode(doc(), 'task', { x: 10, y: 20 }, { name: '新任务' });
    expect(id).toBe('task_1');
    const n = next.nodes.find((x) => x.id === id)!;
    expect(n.selected).toBe(true);
    expect(n.data.node).toMatchObject({ kind: 'task', name: '新任务', countersign: { mode: 'single' } });
    expect(next.nodes.filter((x) => x.selected)).toHaveLength(1);
    expect(DefinitionSchema.safeParse(flowToDefinition(next)).success).toBe(true);
  });

  it('deleting a node removes the edges attached to it', () => {
    const next = deleteElements(doc(), ['propose'], []);
    expect(next.nodes.map((n) => n.id)).toEqual(['start', 'end']);
    expect(next.edges).toEqual([]);
  });

  it('connecting twice or to itself is refused', () => {
    const once = connect(doc(), 'start', 'end');
    expect(once.edges).toHaveLength(3);
    expect(connect(once, 'start', 'end').edges).toHaveLength(3);
    expect(connect(once, 'end', 'end').edges).toHaveLength(3);
  });

  it('copy/paste duplicates the selected nodes and the edges between them with new ids', () => {
    let d = doc();
    d = { ...d, nodes: d.nodes.map((n) => ({ ...n, selected: n.id !== 'end' })) };
    const clip = copySelection(d)!;
    const { doc: next, ids } = paste(d, clip);
    expect(ids).toEqual(['start_1', 'task_1']);
    expect(next.edges.at(-1)).toMatchObject({ source: 'start_1', target: 'task_1' });
    expect(next.nodes.find((n) => n.id === 'task_1')!.position).toEqual({ x: 240, y: 40 });
    expect(next.nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(ids);
  });

  it('renaming a node id rewrites its edges and 退回 targets', () => {
    let d = updateNode(doc(), 'propose', (n) => ({ ...n, name: '村党组织提议' }));
    d = renameNode(d, 'start', 'begin');
    expect(d.edges[0]).toMatchObject({ source: 'begin', target: 'propose' });
    expect(flowToDefinition(d).nodes[1]!.name).toBe('村党组织提议');
  });

  it('setting an edge to default updates its label and the definition', () => {
    const d = updateEdge(doc(), 'e1', (e) => ({ ...e, default: true }));
    expect(d.edges[0]!.label).toBe('默认');
    expect(flowToDefinition(d).edges[0]!.default).toBe(true);
  });

  it('selectOnly selects one element and clears the rest', () => {
    const d = selectOnly(doc(), 'e2');
    expect(d.edges.filter((e) => e.selected).map((e) => e.id)).toEqual(['e2']);
    expect(d.nodes.some((n) => n.selected)).toBe(false);
  });
});

describe('validation issues are pinned to node and field', () => {
  it('a zod path into nodes[1].deadline pins to that node and field, and sub-fields roll up', () => {
    const idx = indexIssues(
      [
        { code: 'SCHEMA_INVALID', message: '数量必须为整数', path: ['nodes', 1, 'deadline', 'duration', 'amount'], severity: 'error' },
        { code: 'NO_END_NODE', message: '缺少结束节点', path: [], severity: 'error' },
        { code: 'DANGLING_EDGE', message: '连线指向不存在的节点', path: ['edges', 0, 'to'], severity: 'error' },
      ],
      def,
    );
    expect(idx.byNode.propose).toHaveLength(1);
    expect(fieldMessages(idx, 'propose', 'deadline')).toEqual(['数量必须为整数']);
    expect(idx.byEdge.e1![0]!.field).toBe('to');
    expect(idx.general.map((i) => i.code)).toEqual(['NO_END_NODE']);
  });
});
