/**
 * Quick run of the definition fuzzer (fuzz/definitions.ts) inside `npm test`: whatever a designer
 * import, an API client or a corrupted file hands the validator, it answers with issues and never
 * crashes, and nothing it calls valid is an unsound graph. `npm run fuzz` runs thousands more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkResult, garbage, mutatedDefinition, randomGraphDefinition, seedDefinition, wellTypedGraph } from '../../fuzz/definitions.js';
import { validateDefinition } from '../../dsl/validate.js';

const RUNS = 250;
const SEED = 20261122;

describe('definition fuzzer (quick)', () => {
  it('the fuzz seed, a sound procedure with every automated kind, a task, a vote and a publicity, is valid', () => {
    const r = validateDefinition(seedDefinition());
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('garbage JSON and non-JSON values: the validator never throws and always says why it refuses', () => {
    fc.assert(
      fc.property(garbage, (input) => {
        const r = checkResult(input);
        expect(r.valid).toBe(false);
        expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('random graphs with random values: every result is well-formed and every error has a path', () => {
    fc.assert(fc.property(randomGraphDefinition, (input) => void checkResult(input)), { numRuns: RUNS, seed: SEED });
  });

  it('schema-valid random topologies: whatever the validator calls valid has one start, an end, no dangling edge, and every node on a start-to-end path', () => {
    let valid = 0;
    fc.assert(
      fc.property(wellTypedGraph, (input) => {
        if (checkResult(input).valid) valid++;
      }),
      { numRuns: RUNS * 2, seed: SEED },
    );
    // The generator must exercise the graph checks, not only the schema.
    expect(valid).toBeLessThan(RUNS * 2);
  });

  it('one to three random edits of a valid definition: the validator notices broken ones and stays sound on the rest', () => {
    fc.assert(fc.property(mutatedDefinition, (input) => void checkResult(input)), { numRuns: RUNS, seed: SEED });
  });

  it('a definition nested 5,000 levels deep is refused with an issue, not a stack overflow', () => {
    let v: unknown = { kind: 'start' };
    for (let i = 0; i < 5000; i++) v = { nodes: [v] };
    const r = checkResult(v);
    expect(r.valid).toBe(false);
  });

  it('removing the only end node makes a valid definition invalid with NO_END_NODE', () => {
    const def = seedDefinition();
    const broken = { ...def, nodes: def.nodes.filter((n) => n.kind !== 'end'), edges: def.edges.filter((e) => e.to !== 'done' && e.to !== 'no') };
    const r = checkResult(broken);
    expect(r.valid).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('NO_END_NODE');
  });
});
