/** Up-migrations of stored definitions (dsl/migrations.ts), each with its own test. */
import { describe, expect, it } from 'vitest';
import { migrateDefinition, schemaVersionOf } from '../../dsl/migrations.js';
import { CURRENT_SCHEMA_VERSION, DefinitionSchema } from '../../dsl/schema.js';

const v0Draft = {
  key: 'draft',
  title: '早期草稿',
  nodes: [
    { id: 'start', type: 'start', name: '开始' },
    { id: 'end', type: 'end', name: '结束', outcome: 'done' },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'end' }],
};

describe('migrateDefinition', () => {
  it('v0 → v1: node `type` becomes `kind`, edge source/target become from/to, version/roles/fields filled', () => {
    const { definition, from, to } = migrateDefinition(v0Draft);
    expect([from, to]).toEqual([0, 1]);
    const parsed = DefinitionSchema.parse(definition);
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.version).toBe(1);
    expect(parsed.nodes.map((n) => n.kind)).toEqual(['start', 'end']);
    expect(parsed.edges[0]).toMatchObject({ from: 'start', to: 'end' });
    expect(parsed.roles).toEqual([]);
  });

  it('does not modify its input (stored drafts stay as they were)', () => {
    const copy = structuredClone(v0Draft);
    migrateDefinition(v0Draft);
    expect(v0Draft).toEqual(copy);
  });

  it('a current definition passes through untouched', () => {
    const current = { ...v0Draft, schemaVersion: CURRENT_SCHEMA_VERSION };
    const r = migrateDefinition(current);
    expect(r.definition).toBe(current);
    expect([r.from, r.to]).toEqual([1, 1]);
  });

  it('a future schemaVersion is left for the validator to reject', () => {
    expect(migrateDefinition({ schemaVersion: 9 })).toMatchObject({ from: 9, to: 9 });
  });

  it.each([null, 42, 'text', [1, 2]])('never throws on %j', (raw) => {
    expect(() => migrateDefinition(raw)).not.toThrow();
    expect(schemaVersionOf(raw)).toBe(CURRENT_SCHEMA_VERSION);
  });
});
