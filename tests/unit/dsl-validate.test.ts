/**
 * Every check of validateDefinition against a fixture definition broken in exactly that way
 * (tests/fixtures/definitions/broken-*.json, warning-*.json): the issue comes back with its code,
 * severity and the path to the node, edge or field, and names the node by its 中文 name.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES, validateDefinition } from '../../dsl/validate.js';
import { EXPECTED_ISSUES } from '../fixtures/definitions/expected-issues.js';

const DIR = new URL('../fixtures/definitions/', import.meta.url);
const load = (name: string): unknown => JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8'));

const TABLE = EXPECTED_ISSUES;


describe('validateDefinition: each broken fixture yields its issue at its path', () => {
  it.each(TABLE)('%s → %s', (file, code, path, severity = 'error') => {
    const raw = load(file) as { nodes?: { id: string; name: string }[] };
    const result = validateDefinition(raw);
    const hit = result.issues.find((i) => i.code === code && JSON.stringify(i.path) === JSON.stringify(path));
    expect(hit, JSON.stringify(result.issues, null, 1)).toBeDefined();
    expect(hit!.severity).toBe(severity);
    expect(result.valid).toBe(severity === 'warning');
    expect(hit!.message).toMatch(/[\u4e00-\u9fff]/);
    if (path[0] === 'nodes' && typeof path[1] === 'number') {
      const node = raw.nodes![path[1]]!;
      expect(hit!.nodeId).toBe(node.id);
      expect(hit!.message).toContain(node.name);
    }
    if (path[0] === 'edges' && typeof path[1] === 'number') expect(hit!.edgeId).toBeDefined();
  });

  it('every fixture file in the folder is in the table (no orphan fixture goes untested)', () => {
    const files = readdirSync(DIR).filter((f) => /^(broken|warning)-.*\.json$/.test(f)).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(TABLE.map((r) => r[0]).sort());
  });

  it('every issue code the validator knows has a fixture that produces it', () => {
    const covered = new Set<string>([...TABLE.map((r) => r[1]), 'MIGRATED']);
    const untestable = new Set(['VALIDATOR_FAILED']);
    const missing = Object.keys(ISSUE_CODES).filter((c) => !covered.has(c) && !untestable.has(c));
    expect(missing).toEqual([]);
  });
});

describe('validateDefinition: valid definitions', () => {
  it.each(['valid-minimal', 'valid-village-decision', 'valid-weighted-election'])('%s has no issue at all', (file) => {
    const result = validateDefinition(load(file));
    expect(result.issues).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.definition?.key).toBeTruthy();
  });

  it('applies schema defaults in the returned definition (a task without actions gets 完成)', () => {
    const result = validateDefinition(load('valid-minimal'));
    const task = result.definition!.nodes.find((n) => n.id === 'handle');
    expect(task?.kind === 'task' && task.actions.map((a) => a.label)).toEqual(['完成']);
  });

  it('a 退回 loop is fine when a node of the loop has a way out (村两委商议 → 提议 → 商议)', () => {
    const result = validateDefinition(load('valid-village-decision'));
    expect(result.issues.filter((i) => i.code === 'CYCLE_NO_EXIT')).toEqual([]);
  });

  it('a pre-release draft (v0: node `type`, edge `source`/`target`) is migrated and valid, with a warning', () => {
    const result = validateDefinition(load('legacy-v0-draft'));
    expect(result.valid).toBe(true);
    expect(result.issues.map((i) => i.code)).toEqual(['MIGRATED']);
    expect(result.definition?.schemaVersion).toBe(2);
    expect(result.definition?.nodes.map((n) => n.kind)).toEqual(['start', 'task', 'end']);
  });
});
