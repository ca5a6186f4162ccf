/**
 * JSON Schema (draft 2020-12) of a process definition, generated from the zod schema so the two
 * never drift. `io: 'input'` describes what an author may write: properties with defaults are
 * optional. Used by `jiceng schema`, editors and the API's OpenAPI document.
 */
import { z } from 'zod';
import { DefinitionSchema } from './schema.js';

export function definitionJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(DefinitionSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://jiceng-flow.local/schema/definition.json',
    title: '基层流程 流程定义 (Jiceng Flow process definition)',
  };
}
