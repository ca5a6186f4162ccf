/** 搜索节点 and the outline (designer/src/designer/graph/node-search.ts) on the built-in 信访. */
import { describe, expect, it } from 'vitest';
import { loadBuiltinProcedure } from '../../../procedures/index.js';
import { outline, searchNodes } from '../../../designer/src/designer/graph/node-search.js';

const xf = loadBuiltinProcedure('xinfang');

describe('searchNodes', () => {
  it('受理审查 by its name comes first, before the nodes that only mention it', () => {
    const hits = searchNodes(xf, '受理审查');
    expect(hits[0]).toMatchObject({ id: 'accept_decision', name: '受理审查', matched: 'name' });
    expect(hits.map((h) => h.id)).toContain('split_intake'); // 接待与受理审查并行
  });

  it('finds by id, by stage and by role (its key or its name), ignoring case', () => {
    expect(searchNodes(xf, 'ACCEPT_decision')[0]).toMatchObject({ id: 'accept_decision', matched: 'id' });
    const role = xf.roles.find((r) => r.key === 'TWN_XF_OFFICE')!;
    const byRoleName = searchNodes(xf, role.name);
    expect(byRoleName.length).toBeGreaterThan(0);
    expect(byRoleName.every((h) => h.matched === 'role' || h.name.includes(role.name))).toBe(true);
    expect(searchNodes(xf, 'twn_xf_office').map((h) => h.id)).toEqual(byRoleName.filter((h) => h.matched === 'role').map((h) => h.id));
    const stage = xf.nodes.find((n) => n.id === 'accept_decision')!.stage!;
    expect(searchNodes(xf, stage, 100).some((h) => h.id === 'accept_decision')).toBe(true);
  });

  it('an empty query or one that matches nothing finds nothing; the list is capped', () => {
    expect(searchNodes(xf, '  ')).toEqual([]);
    expect(searchNodes(xf, '不存在的环节')).toEqual([]);
    expect(searchNodes(xf, '_', 5)).toHaveLength(5);
  });
});

describe('outline', () => {
  it('lists every node once, the start first, grouped by stage in the order a case meets them', () => {
    const stages = outline(xf);
    const ids = stages.flatMap((g) => g.nodes.map((n) => n.id));
    expect(ids.sort()).toEqual(xf.nodes.map((n) => n.id).sort());
    expect(stages[0]!.nodes[0]!.kind).toBe('start');
    const labels = stages.map((g) => g.stage);
    expect(new Set(labels).size).toBe(labels.length);
    // 受理 comes before 办理 comes before 复查 in a 信访 case.
    const at = (s: string) => labels.indexOf(s);
    const accept = xf.nodes.find((n) => n.id === 'accept_decision')!.stage!;
    const handle = xf.nodes.find((n) => n.id === 'handle')!.stage!;
    expect(at(accept)).toBeLessThan(at(handle));
  });
});
