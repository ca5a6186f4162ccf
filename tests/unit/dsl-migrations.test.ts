/** Up-migrations of stored definitions (dsl/migrations.ts), each with its own test. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrateDefinition, schemaVersionOf, upgradeServiceParams } from '../../dsl/migrations.js';
import { CURRENT_SCHEMA_VERSION, DefinitionSchema } from '../../dsl/schema.js';
import { validateDefinition } from '../../dsl/validate.js';
import { loadBuiltinProcedure } from '../../procedures/index.js';

const v0Draft = {
  key: 'draft',
  title: '早期草稿',
  nodes: [
    { id: 'start', type: 'start', name: '开始' },
    { id: 'end', type: 'end', name: '结束', outcome: 'done' },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'end' }],
};

/** Built-ins exactly as they were published with schemaVersion 1 (copies of procedures/*.json before the change). */
const publishedV1 = (key: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../fixtures/schema-v1/${key}.json`, import.meta.url), 'utf8'));

describe('migrateDefinition', () => {
  it('v0 → v1: node `type` becomes `kind`, edge source/target become from/to, version/roles/fields filled', () => {
    const { definition, from, to } = migrateDefinition(v0Draft);
    expect([from, to]).toEqual([0, CURRENT_SCHEMA_VERSION]);
    const parsed = DefinitionSchema.parse(definition);
    expect(parsed.version).toBe(1);
    expect(parsed.nodes.map((n) => n.kind)).toEqual(['start', 'end']);
    expect(parsed.edges[0]).toMatchObject({ from: 'start', to: 'end' });
    expect(parsed.roles).toEqual([]);
  });

  it('v1 → v2: a setData\'s free record becomes its typed assignments under params.set (信访 mark_final: {xf_final: "true"})', () => {
    const v1 = {
      key: 'x',
      version: 3,
      schemaVersion: 1,
      title: '旧版',
      roles: [{ key: 'TWN_MAYOR', name: '镇长' }],
      fields: [{ key: 'xf_final', label: '终结', type: 'boolean' }],
      nodes: [
        { id: 'start', kind: 'start', name: '开始' },
        { id: 'mark_final', kind: 'service', name: '标记终结', action: 'setData', params: { xf_final: 'true', ignored: 3 } },
        { id: 'tell', kind: 'service', name: '报备', action: 'notify', params: { toRole: 'TWN_MAYOR', message: '请备案' } },
        { id: 'end', kind: 'end', name: '结束', outcome: 'done' },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'mark_final' },
        { id: 'e2', from: 'mark_final', to: 'tell' },
        { id: 'e3', from: 'tell', to: 'end' },
      ],
    };
    const { definition, from, to } = migrateDefinition(v1);
    expect([from, to]).toEqual([1, 2]);
    const parsed = DefinitionSchema.parse(definition);
    expect(parsed.nodes[1]).toMatchObject({ action: 'setData', params: { set: { xf_final: 'true' } } });
    // Keys other than setData's are the same in both versions: now typed.
    expect(parsed.nodes[2]).toMatchObject({ action: 'notify', params: { toRole: 'TWN_MAYOR', message: '请备案' } });
    const r = validateDefinition(v1);
    expect(r.valid).toBe(true);
    expect(r.issues.map((i) => i.code)).toEqual(['MIGRATED']);
  });

  it.each(['bamian', 'diyi-shuji'] as const)('v1 → v2: the built-in %s as published in schemaVersion 1 migrates to exactly today\'s built-in', (key) => {
    const old = publishedV1(key);
    expect(old.schemaVersion).toBe(1);
    const { definition } = migrateDefinition(old);
    expect(DefinitionSchema.parse(definition)).toEqual(loadBuiltinProcedure(key));
  });

  it('v1 → v2: the version-1 validator\'s nested {set} or {fields} form is taken as the assignments; other actions keep their keys', () => {
    expect(upgradeServiceParams('setData', { set: { a: 'data.b' } })).toEqual({ set: { a: 'data.b' } });
    expect(upgradeServiceParams('setData', { fields: { a: 'data.b' } })).toEqual({ set: { a: 'data.b' } });
    expect(upgradeServiceParams('setData', undefined)).toEqual({ set: {} });
    expect(upgradeServiceParams('light', { level: 'red', reason: '红灯' })).toEqual({ level: 'red', reason: '红灯' });
    // Already version 2: unchanged (the interpreter reads old and new snapshots through this).
    expect(upgradeServiceParams('setData', { set: { xf_final: 'true' } })).toEqual({ set: { xf_final: 'true' } });
  });

  it('v1 → v2: a service parameter of the wrong type is left for the validator to point at', () => {
    const r = validateDefinition({
      ...publishedV1('bamian'),
      nodes: (publishedV1('bamian').nodes as Record<string, unknown>[]).map((n) => (n.id === 'report_township' ? { ...n, params: { toRole: 7 } } : n)),
    });
    expect(r.valid).toBe(false);
    const idx = (publishedV1('bamian').nodes as { id: string }[]).findIndex((n) => n.id === 'report_township');
    expect(r.issues.find((i) => i.code === 'SCHEMA_INVALID')?.path).toEqual(['nodes', idx, 'params', 'toRole']);
  });

  it('does not modify its input (stored drafts stay as they were)', () => {
    const copy = structuredClone(v0Draft);
    migrateDefinition(v0Draft);
    expect(v0Draft).toEqual(copy);
    const v1 = publishedV1('bamian');
    const before = structuredClone(v1);
    migrateDefinition(v1);
    expect(v1).toEqual(before);
  });

  it('a current definition passes through untouched', () => {
    const current = { ...v0Draft, schemaVersion: CURRENT_SCHEMA_VERSION };
    const r = migrateDefinition(current);
    expect(r.definition).toBe(current);
    expect([r.from, r.to]).toEqual([CURRENT_SCHEMA_VERSION, CURRENT_SCHEMA_VERSION]);
  });

  it('a future schemaVersion is left for the validator to reject', () => {
    expect(migrateDefinition({ schemaVersion: 9 })).toMatchObject({ from: 9, to: 9 });
  });

  it.each([null, 42, 'text', [1, 2]])('never throws on %j', (raw) => {
    expect(() => migrateDefinition(raw)).not.toThrow();
    expect(schemaVersionOf(raw)).toBe(CURRENT_SCHEMA_VERSION);
  });
});
