/**
 * validateDefinition is total: whatever a designer, an importer or a fuzzer hands it, it returns
 * issues with paths and never throws; and it returns every issue at once, not the first.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../dsl/validate.js';

const village = () => JSON.parse(readFileSync(new URL('../fixtures/definitions/valid-village-decision.json', import.meta.url), 'utf8'));

describe('validateDefinition never throws', () => {
  it.each([undefined, null, 0, 'definition', [], {}, { nodes: 'x' }, { nodes: [null, 1, 'a'], edges: [{}] }, { schemaVersion: 'one' }])(
    'returns issues for %j',
    (input) => {
      const result = validateDefinition(input);
      expect(result.valid).toBe(false);
      expect(result.issues.length).toBeGreaterThan(0);
      for (const i of result.issues) expect(Array.isArray(i.path)).toBe(true);
    },
  );

  it('survives a cyclic object without blowing the stack', () => {
    const d = village();
    d.self = d;
    expect(() => validateDefinition(d)).not.toThrow();
  });

  it('handles a 2000-node chain (the schema maximum) within seconds', () => {
    const nodes: unknown[] = [{ id: 'start', kind: 'start', name: '开始' }];
    const edges: unknown[] = [];
    let prev = 'start';
    for (let i = 0; i < 1998; i++) {
      nodes.push({ id: `t${i}`, kind: 'timer', name: `等待${i}`, duration: { amount: 1, unit: 'hours' } });
      edges.push({ id: `e${i}`, from: prev, to: `t${i}` });
      prev = `t${i}`;
    }
    nodes.push({ id: 'end', kind: 'end', name: '结束', outcome: 'done' });
    edges.push({ id: 'eEnd', from: prev, to: 'end' });
    const started = performance.now();
    const result = validateDefinition({ key: 'long', version: 1, schemaVersion: 2, title: '长链', roles: [], fields: [], nodes, edges });
    expect(result.issues).toEqual([]);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('validateDefinition reports every issue at once', () => {
  it('a definition with four different mistakes gets four issues, each at its own path', () => {
    const d = village();
    d.nodes.find((n: { id: string }) => n.id === 'consult').assignment.role = 'NOBODY';
    delete d.nodes.find((n: { id: string }) => n.id === 'partyMeeting').deadline;
    d.edges.find((e: { id: string }) => e.id === 'e-big').condition = 'data.nothing > 1';
    d.edges.find((e: { id: string }) => e.id === 'e-report').to = 'nowhere';
    const codes = validateDefinition(d).issues.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['UNKNOWN_ROLE', 'MISSING_DEADLINE', 'EXPRESSION_UNKNOWN_FIELD', 'DANGLING_EDGE']));
  });

  it('schema errors in several nodes all come back, with the node id and a zh-CN message', () => {
    const d = village();
    d.nodes[1].deadline.duration.amount = -1;
    d.nodes[2].name = '';
    const issues = validateDefinition(d).issues;
    expect(issues.map((i) => [i.code, i.nodeId, i.path.slice(0, 3)])).toEqual([
      ['SCHEMA_INVALID', 'propose', ['nodes', 1, 'deadline']],
      ['SCHEMA_INVALID', 'consult', ['nodes', 2, 'name']],
    ]);
    expect(issues[0]!.message).toContain('村党组织提议');
  });

  it('a half-filled node (schema error) does not hide a graph error elsewhere (the designer sees both)', () => {
    const d = village();
    d.nodes[1].deadline.duration.unit = 'days';
    d.edges.find((e: { id: string }) => e.id === 'e-report').to = 'archive';
    const issues = validateDefinition(d).issues;
    expect(issues.map((i) => [i.code, i.path])).toEqual(
      expect.arrayContaining([
        ['SCHEMA_INVALID', ['nodes', 1, 'deadline', 'duration', 'unit']],
        ['DANGLING_EDGE', ['edges', 18, 'to']],
      ]),
    );
  });

  it('comprehension variables in CEL (data.list.exists(x, …)) are not unknown variables', () => {
    const d = village();
    d.edges.find((e: { id: string }) => e.id === 'e-big').condition = 'data.budget != null && data.budget.exists(r, r.cost > params.bigAmount)';
    expect(validateDefinition(d).issues).toEqual([]);
  });
});
