/**
 * Up-migrations of stored definitions, keyed by the schemaVersion they upgrade FROM. Pure
 * functions on plain JSON: a migration never validates (that is validateDefinition's job), it
 * only reshapes, so a half-broken draft still comes out in the current shape to be validated.
 *
 * Versions:
 *   0 — pre-release drafts (before schemaVersion existed): nodes carried `type` instead of `kind`,
 *       edges used React Flow's `source`/`target` instead of `from`/`to`, and `version`, `roles`
 *       and `fields` could be missing.
 *   1 — the current schema (dsl/schema.ts).
 */
import { CURRENT_SCHEMA_VERSION } from './schema.js';

type Json = Record<string, unknown>;
type Migration = (def: Json) => Json;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** MIGRATIONS[n] turns a version-n definition into version n+1. */
export const MIGRATIONS: Record<number, Migration> = {
  0: (def) => {
    const nodes = Array.isArray(def.nodes)
      ? def.nodes.map((n) => {
          if (!isObject(n) || 'kind' in n || !('type' in n)) return n;
          const { type, ...rest } = n;
          return { ...rest, kind: type };
        })
      : def.nodes;
    const edges = Array.isArray(def.edges)
      ? def.edges.map((e) => {
          if (!isObject(e)) return e;
          const { source, target, ...rest } = e;
          return { ...rest, from: rest.from ?? source, to: rest.to ?? target };
        })
      : def.edges;
    return {
      ...def,
      version: def.version ?? 1,
      roles: def.roles ?? [],
      fields: def.fields ?? [],
      nodes,
      edges,
      schemaVersion: 1,
    };
  },
};

/** The schemaVersion a raw definition declares (0 when absent: a pre-release draft). */
export function schemaVersionOf(raw: unknown): number {
  if (!isObject(raw)) return CURRENT_SCHEMA_VERSION;
  const v = raw.schemaVersion;
  if (v === undefined) return 0;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : CURRENT_SCHEMA_VERSION;
}

/**
 * Brings a raw definition up to CURRENT_SCHEMA_VERSION. Never throws: input that is not an
 * object, or from a future version, is returned unchanged (from === to) for the validator to judge.
 */
export function migrateDefinition(raw: unknown): { definition: unknown; from: number; to: number } {
  const from = schemaVersionOf(raw);
  if (!isObject(raw) || from >= CURRENT_SCHEMA_VERSION) return { definition: raw, from, to: from };
  let def: Json = raw;
  let v = from;
  while (v < CURRENT_SCHEMA_VERSION) {
    const step = MIGRATIONS[v];
    if (!step) break;
    def = step(def);
    v += 1;
  }
  return { definition: def, from, to: v };
}
