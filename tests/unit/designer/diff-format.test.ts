/** The honest diff: old → new values with names and labels (dsl/diff.ts + designer diff-format.ts). */
import { describe, expect, it } from 'vitest';
import { diffDefinitions } from '../../../dsl/diff.js';
import type { Definition } from '../../../dsl/schema.js';
import { describeChange, type DiffContext } from '../../../designer/src/designer/diff-format.js';
import { loadBuiltinProcedure } from '../../../procedures/index.js';

const v1 = loadBuiltinProcedure('xinfang');

function edited(f: (d: Definition) => void): Definition {
  const d = structuredClone(v1);
  f(d);
  return d;
}

const words = (from: Definition, to: Definition, lang: 'zh' | 'en' = 'zh') => {
  const diff = diffDefinitions(from, to);
  const ctx: DiffContext = { lang, from, to };
  return {
    diff,
    nodes: diff.nodes.changed.map((c) => ({ name: c.name, changes: c.changes.map((x) => describeChange(ctx, x, 'node')) })),
    edges: diff.edges.changed.map((c) => c.changes.map((x) => describeChange(ctx, x, 'edge'))),
    meta: diff.meta.map((x) => describeChange(ctx, x, 'meta')),
  };
};

describe('the diff in words', () => {
  it('受理审查 15 → 20 自然日 reads as 时限: 15 自然日 → 20 自然日 on the node by its name', () => {
    const v2 = edited((d) => {
      const n = d.nodes.find((x) => x.id === 'accept_decision')!;
      if (n.kind === 'task') n.deadline!.duration.amount = 20;
    });
    const w = words(v1, v2);
    expect(w.nodes).toEqual([{ name: '受理审查', changes: [{ label: '时限', from: '15 自然日', to: '20 自然日' }] }]);
    expect(words(v1, v2, 'en').nodes[0]!.changes[0]).toEqual({ label: 'Deadline', from: '15 calendar days', to: '20 calendar days' });
  });

  it('moving a node is no change; a role, an edge target and a setData read by their names', () => {
    const v2 = edited((d) => {
      for (const n of d.nodes) n.position = { x: (n.position?.x ?? 0) + 10, y: 0 };
      const t = d.nodes.find((x) => x.id === 'accept_decision')!;
      if (t.kind === 'task' && t.assignment.type === 'role') t.assignment = { ...t.assignment, role: 'TWN_XF_LEADER' };
      const mark = d.nodes.find((x) => x.id === 'mark_final')!;
      if (mark.kind === 'service' && mark.action === 'setData') mark.params.set.xf_final = 'false';
    });
    const w = words(v1, v2);
    const accept = w.nodes.find((n) => n.name === '受理审查')!;
    const leader = v1.roles.find((r) => r.key === 'TWN_XF_LEADER')!.name;
    expect(accept.changes).toHaveLength(1);
    expect(accept.changes[0]!.label).toBe('办理人');
    expect(accept.changes[0]!.to).toBe(`角色：${leader}`);
    const mark = w.nodes.find((n) => n.name.startsWith('标记终结'))!;
    expect(mark.changes[0]!.label).toMatch(/^赋值 · 「.+」$/);
    expect(mark.changes[0]).toMatchObject({ from: 'true', to: 'false' });
  });

  it('an edge re-pointed names both nodes; a parameter default names the parameter', () => {
    const e = v1.edges.find((x) => x.from === 'register')!;
    const other = v1.nodes.find((n) => n.id !== e.to && n.kind === 'task')!;
    const param = v1.params[0]!;
    const v2 = edited((d) => {
      d.edges.find((x) => x.id === e.id)!.to = other.id;
      d.params.find((p) => p.key === param.key)!.default = 99;
    });
    const w = words(v1, v2);
    expect(w.edges[0]).toEqual([{ label: '终点', from: v1.nodes.find((n) => n.id === e.to)!.name, to: other.name }]);
    expect(w.meta).toEqual([{ label: `流程参数「${param.label}」 · 默认值`, from: String(param.default), to: '99' }]);
  });

  it('returnToAny, a field’s format, and a notice’s 办结期限 / 办理日期 read in words', () => {
    const v2 = edited((d) => {
      const accept = d.nodes.find((x) => x.id === 'accept_decision')!;
      if (accept.kind === 'task') accept.returnToAny = true;
      d.fields.find((f) => f.key === 'petitioner_phone')!.format = 'mobile';
      const notice = d.nodes.find((x) => x.id === 'acceptance_notice')!;
      if (notice.kind === 'service' && notice.action === 'notice') notice.params.dueOf = 'accept_decision';
      const reply = d.nodes.find((x) => x.id === 'reply_notice')!;
      if (reply.kind === 'service' && reply.action === 'notice') reply.params.dates = { acceptedAt: 'handle' };
    });
    const w = words(v1, v2);
    expect(w.nodes.find((n) => n.name === '受理审查')!.changes).toEqual([{ label: '驳回到任意节点（可退回本案已办过的任一环节）', from: '否', to: '是' }]);
    expect(w.nodes.find((n) => n.name === '书面告知受理')!.changes).toEqual([{ label: '办结期限取自', from: '承办单位办理', to: '受理审查' }]);
    expect(w.nodes.find((n) => n.name === '书面答复信访人')!.changes).toEqual([{ label: '办理日期取自 · 「受理日期」', from: '受理审查', to: '承办单位办理' }]);
    expect(w.meta).toEqual([{ label: '表单字段「联系电话」 · 格式', from: '（无）', to: '手机号' }]);
    const en = words(v1, v2, 'en');
    expect(en.meta[0]!.to).toBe('Mobile number');
    expect(en.nodes.find((n) => n.name === '书面答复信访人')!.changes[0]!.label).toBe('Dates from · 「Date accepted」');
    // A whole record added at once reads key ← step.
    const v3 = edited((d) => {
      const n = d.nodes.find((x) => x.id === 'extension_notice')!;
      if (n.kind === 'service' && n.action === 'notice') n.params.dates = { reply_served_on: 'accept_decision' };
    });
    expect(words(v1, v3).nodes[0]!.changes).toEqual([{ label: '办理日期取自', from: '（无）', to: '书面答复送达日期 ← 受理审查' }]);
  });
});
