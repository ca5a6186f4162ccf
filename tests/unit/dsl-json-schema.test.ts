/** The JSON Schema export (`jiceng schema`) describes the same definition as the zod schema. */
import { describe, expect, it } from 'vitest';
import { definitionJsonSchema } from '../../dsl/json-schema.js';
import { NODE_KINDS, ServiceActionSchema } from '../../dsl/schema.js';

type Obj = Record<string, any>;

describe('definitionJsonSchema', () => {
  const schema = definitionJsonSchema() as Obj;

  it('requires what an author must write and leaves defaulted properties optional', () => {
    expect(schema.required).toEqual(expect.arrayContaining(['key', 'version', 'schemaVersion', 'title', 'roles', 'fields', 'nodes', 'edges']));
    expect(schema.required).not.toContain('params');
  });

  it('offers every node kind as one alternative of a node, and a service node as one alternative per action', () => {
    const alternatives = schema.properties.nodes.items.oneOf as Obj[];
    const kinds = alternatives.map((o) => o.properties?.kind.const ?? 'service');
    expect(kinds.sort()).toEqual([...NODE_KINDS].sort());
    const service = alternatives.find((o) => !o.properties)!;
    const actions = (service.oneOf as Obj[]).map((o) => o.properties.action.const);
    expect(actions.sort()).toEqual([...ServiceActionSchema.options].sort());
    const setData = (service.oneOf as Obj[]).find((o) => o.properties.action.const === 'setData')!;
    expect(setData.properties.params.required).toEqual(['set']);
  });

  it('describes the nested columns of table fields (the lazy part of the zod schema)', () => {
    const field = schema.properties.fields.items as Obj;
    expect(field.properties.columns.items.properties.key.pattern).toBe('^[A-Za-z][A-Za-z0-9_-]*$');
  });

  it('is plain JSON (serialisable, no functions)', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
