/**
 * 新建流程: a new procedure starts blank (开始 → 结束) or as a copy of a published procedure — a
 * built-in one as a template — under its own key and title, as a draft (never visible outside the
 * designer until published).
 */
import { CURRENT_SCHEMA_VERSION, type Definition } from '../../dsl/schema.js';

export function blankDefinition(key: string, title: string): Definition {
  return {
    key,
    version: 1,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    title,
    roles: [],
    fields: [],
    params: [],
    summaryFields: [],
    nodes: [
      { id: 'start', kind: 'start', name: '开始', position: { x: 0, y: 0 } },
      { id: 'end', kind: 'end', name: '结束', outcome: 'done', position: { x: 240, y: 0 } },
    ],
    edges: [{ id: 'e_1', from: 'start', to: 'end', default: false }],
  };
}

/** The template under a new key and title, as version 1 of a new procedure (its starter roles and rules kept). */
export function fromTemplate(template: Definition, key: string, title: string): Definition {
  return { ...structuredClone(template), key, title, version: 1 };
}
